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
    entry = register().purpose(consent.controller.slug, consent.service, consent.purpose)
    if entry.consent is None or not entry.consent.without_consent:
        return 0
    cases = Case.objects.filter(child=consent.subject, service=consent.service, closed_at__isnull=True)
    message = (
        f"Consent for '{entry.description}' was withdrawn on {consent.withdrawn_on:%d %B %Y}. "
        f"{entry.consent.without_consent} Decide whether the case can continue."
    )
    flags = [
        CaseFlag(case=case, kind=CaseFlag.Kind.CONSENT_WITHDRAWN, message=message, raised_at=timezone.now())
        for case in cases
    ]
    CaseFlag.objects.bulk_create(flags)
    return len(flags)
