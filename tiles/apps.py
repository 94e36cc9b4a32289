from django.apps import AppConfig


class TilesConfig(AppConfig):
    name = "tiles"
    default_auto_field = "django.db.models.BigAutoField"
