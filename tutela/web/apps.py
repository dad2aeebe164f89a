from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "tutela.web"
    verbose_name = "Web pages"
