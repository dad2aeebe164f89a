from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "tutela.governance"
    verbose_name = "Governance: the gate, break-glass and register publication"
