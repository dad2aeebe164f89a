from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tutela.audit"
    verbose_name = "Audit log"
