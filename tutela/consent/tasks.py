"""Background consequences of a withdrawal: flag open cases that cannot go on as before without consent."""

from django_tasks import task

from tutela.casework.flags import flag_raise
from tutela.casework.models import Case, CaseFlag
from tutela.consent.models import Consent
from tutela.register.api import register


def withdrawal_message(consent: Consent) -> str:
    """What was withdrawn and what the register says follows, in its words, for the worker's decision."""
    registers = register()
    parts = []
    for key in consent.purposes:
        try:
            entry = registers.purpose(consent.controller.slug, consent.service, key)
        except LookupError:  # a purpose since removed from the register: still name it
            parts.append(f"Consent for '{key}' was withdrawn.")
            continue
        follows = entry.consent.without_consent if entry.consent is not None else ""
        parts.append(f"Consent for '{entry.label}' was withdrawn. {follows}".strip())
    when = f"on {consent.withdrawn_on:%-d %B %Y}" if consent.withdrawn_on else ""
    return f"{' '.join(parts)} Withdrawn {when}. Decide whether the case can continue and what must stop."


@task()
def consent_withdrawal_consequences(consent_id: int) -> int:
    """Flag each open case of the consent's service for the child, for a worker's decision; the
    system decides nothing itself. Raising twice finds the open flag (flag_raise), so a retried
    task flags nothing twice. Returns the number of cases flagged."""
    consent = Consent.objects.select_related("controller", "subject", "withdrawal_recorded_by").get(pk=consent_id)
    cases = Case.objects.filter(
        child=consent.subject, controller=consent.controller, service=consent.service, closed_at__isnull=True
    ).select_related("controller")
    message = withdrawal_message(consent)
    for case in cases:
        flag_raise(
            case=case,
            kind=CaseFlag.Kind.CONSENT_WITHDRAWN,
            message=message,
            actor=consent.withdrawal_recorded_by,
            about=f"consent:{consent.pk}",
        )
    return len(cases)
