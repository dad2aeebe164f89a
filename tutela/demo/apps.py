from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tutela.demo"
    verbose_name = "Synthetic demo data"
