from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "tutela.consent"
    verbose_name = "Consent, objections and opt-outs"
