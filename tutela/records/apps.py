from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "tutela.records"
    verbose_name = "Governed records"
