from django.apps import AppConfig

from tutela.casework.kit import kit_register
from tutela.engagement.kit import KIT  # declarations only (no models), so safe to import before apps are ready


class EngagementConfig(AppConfig):
    name = "tutela.engagement"
    verbose_name = "Engagement Centres"

    def ready(self) -> None:
        # The casework pages find a service's kit through kit_for; casework never imports a service app.
        kit_register(KIT)
