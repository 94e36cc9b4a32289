from django.apps import AppConfig


class DemocityConfig(AppConfig):
    name = "democity"
    verbose_name = "Demo city generator"
