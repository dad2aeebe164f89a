from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "tutela.enforcement"
    verbose_name = "Attendance enforcement"

    def ready(self) -> None:
        from tutela.casework.kit import kit_register
        from tutela.enforcement.kit import ESS_KIT

        kit_register(ESS_KIT)
