"""Flags that parts below casework raise on cases, through the signals they send: a consent
withdrawn, an objection raised, a record restricted. Each flag waits on a worker's decision (with a
task); the system decides nothing itself. Connected at start-up (tutela.casework.apps)."""

from typing import Any

from django.db import transaction
from django.dispatch import receiver
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from tutela.accounts.models import User
from tutela.casework.flags import flag_raise
from tutela.casework.models import Case, CaseFlag
from tutela.consent.models import Consent, Objection
from tutela.consent.signals import consent_withdrawn, objection_raised
from tutela.records.models import Record
from tutela.records.signals import record_restricted
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


@receiver(consent_withdrawn)
def _withdrawal_consequences(sender: Any, *, consent: Consent, **kwargs: Any) -> None:
    """Flag the cases that rested on the consent. With a worker (the database backend) the task
    runs after commit; where tasks run at once (ImmediateBackend) it runs inside the withdrawal's
    transaction, so the page that recorded the withdrawal already shows the flag, and a failure
    leaves nothing half-written."""
    if isinstance(consent_withdrawal_consequences.get_backend(), ImmediateBackend):
        consent_withdrawal_consequences.call(consent_id=consent.pk)
    else:
        transaction.on_commit(lambda: consent_withdrawal_consequences.enqueue(consent_id=consent.pk))


@receiver(objection_raised)
def _flag_objection(sender: Any, *, objection: Objection, actor: User, purpose: str, **kwargs: Any) -> None:
    """Each open case of the service for the person waits on a worker's decision about what stops
    while the objection is answered."""
    cases = Case.objects.filter(
        child=objection.subject_id, controller=objection.controller, service=objection.service, closed_at__isnull=True
    ).select_related("controller")
    message = (
        f"{objection.raised_by.full_name} objects to '{purpose}' (raised on {objection.raised_on:%-d %B %Y}): "
        f"{objection.grounds} Decide what stops while a named person answers the objection."
    )
    for case in cases:
        flag_raise(
            case=case, kind=CaseFlag.Kind.OBJECTION, message=message, actor=actor, about=f"objection:{objection.pk}"
        )


def _flag_restriction(actor: User, case: Case, record: Record, reason: str) -> None:
    """The record's case waits on its worker's decision about what can go on without the record."""
    flag_raise(
        case=case,
        kind=CaseFlag.Kind.RESTRICTION,
        message=(
            f"Processing of the record '{record.title}' ({record.occurred_on:%-d %B %Y}) was restricted: "
            f"{reason.strip()} It may be kept but not used. Decide what the case can do without it."
        ),
        actor=actor,
        about=f"record:{record.pk}",
    )


@receiver(record_restricted)
def _record_restricted(sender: Any, *, record: Record, actor: User, reason: str, **kwargs: Any) -> None:
    if record.case is not None and record.case.is_open:
        _flag_restriction(actor, record.case, record, reason)
