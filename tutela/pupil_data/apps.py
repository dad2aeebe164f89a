from django.apps import AppConfig

from tutela.casework.kit import kit_register
from tutela.pupil_data.kit import KIT  # declarations only (no models), so safe to import before apps are ready


class PupilDataConfig(AppConfig):
    name = "tutela.pupil_data"
    verbose_name = "Pupil and school workforce data"

    def ready(self) -> None:
        # The casework pages find a service's kit through kit_for; casework never imports a service app.
        kit_register(KIT)
