from django.apps import AppConfig


class CityGisConfig(AppConfig):
    """The city's spatial reference data. Label `citygis`: Django's own GIS app holds `gis`."""

    name = "gis"
    label = "citygis"
    verbose_name = "City GIS"
    default_auto_field = "django.db.models.BigAutoField"
