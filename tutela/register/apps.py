from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "tutela.register"
    verbose_name = "The register of processing"

    def ready(self) -> None:
        from tutela.register import checks  # noqa: F401 -- registers the system check
