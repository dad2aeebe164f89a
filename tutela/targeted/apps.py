from django.apps import AppConfig

from tutela.casework.kit import kit_register
from tutela.targeted.kit import KIT  # declarations only (no models), so safe to import before apps are ready


class TargetedConfig(AppConfig):
    name = "tutela.targeted"
    verbose_name = "Targeted Education Support Service"

    def ready(self) -> None:
        # The casework pages find a service's kit through kit_for; casework never imports a service app.
        kit_register(KIT)
