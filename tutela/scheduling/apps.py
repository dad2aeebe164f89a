from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "tutela.scheduling"
    verbose_name = "Scheduled work"
