from django.apps import AppConfig
from django.core import checks


class CaseworkConfig(AppConfig):
    name = "tutela.casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        from tutela.casework.kit_checks import kits_check

        checks.register(kits_check, "casework")
