from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "tutela.consent"
    verbose_name = "Consent, objections and opt-outs"

    def ready(self) -> None:
        # The gate reads consents and objections through this reader (it sits below consent).
        from tutela.consent.gate_facts import subject_facts
        from tutela.governance.gate import subject_facts_reader_register

        subject_facts_reader_register(subject_facts)
