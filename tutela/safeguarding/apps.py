from django.apps import AppConfig

from tutela.casework.kit import kit_register
from tutela.safeguarding.kit import KIT  # declarations only (no models), so safe to import before apps are ready


class SafeguardingConfig(AppConfig):
    name = "tutela.safeguarding"
    verbose_name = "SEN and safeguarding (schools)"

    def ready(self) -> None:
        # The casework pages find a service's kit through kit_for; casework never imports a service app.
        kit_register(KIT)
