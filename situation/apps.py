from django.apps import AppConfig


class SituationConfig(AppConfig):
    name = "situation"
    default_auto_field = "django.db.models.BigAutoField"
