from django.apps import AppConfig


class ExtractsConfig(AppConfig):
    name = "extracts"
    default_auto_field = "django.db.models.BigAutoField"
