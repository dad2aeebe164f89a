from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "tutela.enforcement"
    verbose_name = "Attendance enforcement"
