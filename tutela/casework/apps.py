from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "tutela.casework"
    verbose_name = "Casework"
