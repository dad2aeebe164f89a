"""Background consequences of a withdrawal: flag open cases that cannot go on without consent."""

from django.utils import timezone
from django_tasks import task

from tutela.casework.models import Case, CaseFlag
from tutela.consent.models import Consent
from tutela.register.api import register


@task()
def consent_withdrawal_consequences(consent_id: int) -> int:
    """Flag each open case of the service for a worker's decision; the system decides nothing itself."""
    consent = Consent.objects.select_related("controller", "subject").get(pk=consent_id)
    registers = register()
    entries = [registers.purpose(consent.controller.slug, consent.service, key) for key in consent.purposes]
    stopped = [entry for entry in entries if entry.consent is not None and entry.consent.without_consent]
    if not stopped:
        return 0
    cases = Case.objects.filter(child=consent.subject, service=consent.service, closed_at__isnull=True)
    message = " ".join(
        f"Consent for '{entry.description}' was withdrawn on {consent.withdrawn_on:%d %B %Y}. "
        f"{entry.consent.without_consent}"
        for entry in stopped
        if entry.consent is not None
    )
    flags = [
        CaseFlag(
            case=case,
            kind=CaseFlag.Kind.CONSENT_WITHDRAWN,
            message=f"{message} Decide whether the case can continue.",
            raised_at=timezone.now(),
        )
        for case in cases
    ]
    CaseFlag.objects.bulk_create(flags)
    return len(flags)
