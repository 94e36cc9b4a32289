from django.apps import AppConfig


class CityMapConfig(AppConfig):
    """The public city map: one page over Makon's vector tiles and read API."""

    name = "citymap"
    verbose_name = "City map"
    default_auto_field = "django.db.models.BigAutoField"
