from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "tutela.sharing"
    verbose_name = "Information sharing"
