from django.apps import AppConfig
from django.core import checks


class CaseworkConfig(AppConfig):
    name = "tutela.casework"
    verbose_name = "Casework"

    def ready(self) -> None:
        # Imported here, once the apps are loaded: flag_hooks connects casework's receivers to the
        # signals of consent and records, and access registers how a case gives need to know.
        from tutela.casework import flag_hooks  # noqa: F401
        from tutela.casework.access import case_identity
        from tutela.casework.kit_checks import kits_check
        from tutela.records.selectors import identity_source_register

        identity_source_register(case_identity)

        checks.register(kits_check, "casework")
