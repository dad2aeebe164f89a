"""What every enforcement step shares: the service's register keys, a decision recorded with its
rationale on the case, and the case records steps are kept in."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.casework.models import Case
from tutela.enforcement import categories as declared
from tutela.enforcement.models import (
    LegalDecision,
)
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person
from tutela.records.models import Record
from tutela.records.services import Upload, record_create

SERVICE = declared.SERVICE
ENFORCEMENT = declared.ENFORCEMENT


class PenaltyNoticeRefused(InvalidInput):
    """A notice the framework does not allow; the message says why and what may be done instead."""


def _need_parent(case: Case, parent: Person) -> None:
    if not case.family.filter(pk=parent.pk).exists():
        raise InvalidInput({"parent": "Choose a parent or carer recorded on this case"})


def _case_record(
    *,
    actor: User,
    case: Case,
    subject: Person,
    purpose: str,
    categories: tuple[str, ...] | list[str],
    title: str,
    body: str,
    occurred_on: date,
    kind: str = Record.Kind.CHRONOLOGY_EVENT,
    upload: Upload | None = None,
) -> Record:
    return record_create(
        actor=actor,
        subject=subject,
        controller=case.controller,
        service=case.service,
        purpose=purpose,
        categories=list(categories),
        kind=kind,
        title=title,
        body=body,
        occurred_on=occurred_on,
        source=Record.Source.OFFICER,
        case=case,
        upload=upload,
    )


def decision_record(
    *,
    actor: User,
    case: Case,
    kind: str,
    concerning: Person,
    rationale: str,
    purpose: str = ENFORCEMENT,
    on: date | None = None,
) -> LegalDecision:
    """A decision with legal effect: who decided, what, about whom, and why. Refused without a rationale."""
    if not rationale.strip():
        raise InvalidInput({"rationale": "Record why you are making this decision"})
    if not case.is_open:
        raise InvalidInput({"rationale": "The case is closed"})
    name = LegalDecision.Kind(kind).label
    categories = (declared.PARENT_NAME,) if concerning.pk != case.child_id else (declared.CHILD_NAME,)
    with transaction.atomic():
        record = _case_record(
            actor=actor,
            case=case,
            subject=concerning,
            purpose=purpose,
            categories=(*categories, declared.CASE_RECORDS) if concerning.pk == case.child_id else categories,
            title=f"Decision: {name}",
            body=f"Decided by {actor.get_full_name()}. Rationale: {rationale.strip()}",
            occurred_on=on or timezone.localdate(),  # the step's own date, so the chronology reads in order
        )
        decision = LegalDecision.objects.create(
            case=case,
            kind=kind,
            concerning=concerning,
            officer=actor,
            rationale=rationale.strip(),
            decided_at=timezone.now(),
            record=record,
        )
        audit_record(
            actor=actor,
            action="legal_decision",
            object_type="enforcement.legaldecision",
            object_id=decision.pk,
            subject_id=concerning.pk,
            purpose=f"{case.controller.slug}/{case.service}/{purpose}",
            reason=rationale.strip(),
            detail={"kind": kind, "case": case.reference},
        )
    return decision
