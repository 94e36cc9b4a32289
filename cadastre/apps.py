from django.apps import AppConfig


class CadastreConfig(AppConfig):
    name = "cadastre"
    verbose_name = "Cadastre and rights register"
    default_auto_field = "django.db.models.BigAutoField"
