from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tutela.api"
    verbose_name = "REST API"
