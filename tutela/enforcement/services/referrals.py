"""Referrals from schools: submitted with the attendance Tutela holds, triaged by the service."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from tutela.audit.services import audit_record
from tutela.casework.models import Case
from tutela.casework.services import case_open, next_reference
from tutela.enforcement.models import (
    Referral,
)
from tutela.enforcement.selectors import pupil_attendance
from tutela.enforcement.services.common import (
    ENFORCEMENT,
    SERVICE,
)
from tutela.governance.errors import GateDenied, InvalidInput
from tutela.governance.gate import Action, Decision, Touch, decide
from tutela.governance.models import Team, User
from tutela.people.models import Person
from tutela.records.models import Record
from tutela.records.services import Upload, record_create
from tutela.register.api import register


@dataclass(frozen=True)
class ReferralDetails:
    child: Person
    parents: list[Person]
    actions_taken: str
    safeguarding: str
    safeguarding_concerns: bool
    sen_status: str


def referral_submit(*, actor: User, details: ReferralDetails, as_of: date | None = None) -> Referral:
    """A school's referral of its own pupil, with the attendance Tutela holds and the marks attached."""
    as_of = as_of or timezone.localdate()
    school = actor.school
    child = details.child
    errors: dict[str, str] = {}
    if school is None or actor.controller is None:
        raise GateDenied(Decision(False, ("only a school user may refer a pupil",)))
    if child.school_id != school.pk:
        errors["child"] = "You can only refer a pupil of your school"
    if not details.parents:
        errors["parents"] = "Choose at least one parent or carer"
    if any(not parent.address.strip() for parent in details.parents):
        errors["parents"] = "Every parent referred needs an address: add it on the person's page first"
    if not details.actions_taken.strip():
        errors["actions_taken"] = "Say what the school has done to improve attendance"
    if details.sen_status not in Referral.SenStatus.values:
        errors["sen_status"] = "Choose the pupil's SEN status"
    if details.safeguarding_concerns and not details.safeguarding.strip():
        errors["safeguarding"] = "Describe the safeguarding concerns"
    if errors:
        raise InvalidInput(errors)
    summary, marks_csv = pupil_attendance(person=child, as_of=as_of)
    if summary["possible_sessions"] == 0:
        raise InvalidInput({"child": "Tutela holds no attendance marks for this pupil: import them first"})
    controller = actor.controller
    categories = [
        "child.identity.name",
        "child.education.attendance",
        "child.education.sen",
        "child.support.case-records",
    ]
    body = "\n\n".join(
        [
            f"Actions the school has taken:\n{details.actions_taken.strip()}",
            f"SEN status: {Referral.SenStatus(details.sen_status).label}",
            "Safeguarding concerns: " + (details.safeguarding.strip() if details.safeguarding_concerns else "none"),
            "Parents and carers: " + "; ".join(f"{p.given_name} {p.family_name}, {p.address}" for p in details.parents),
        ]
    )
    with transaction.atomic():
        record = record_create(
            actor=actor,
            subject=child,
            controller=controller,
            service=SERVICE,
            purpose=ENFORCEMENT,
            categories=categories,
            kind=Record.Kind.DOCUMENT,
            title=f"Attendance referral from {school.name}",
            body=body,
            occurred_on=as_of,
            source=Record.Source.SCHOOL,
            source_school=school,
        )
        marks_record = record_create(
            actor=actor,
            subject=child,
            controller=controller,
            service=SERVICE,
            purpose=ENFORCEMENT,
            categories=["child.identity.name", "child.identity.upn", "child.education.attendance"],
            kind=Record.Kind.DOCUMENT,
            title=f"Attendance marks to {as_of:%-d %B %Y}",
            body="",
            occurred_on=as_of,
            source=Record.Source.SCHOOL,
            source_school=school,
            upload=Upload(f"attendance-marks-{child.upn or child.pk}.csv", "text/csv", marks_csv.encode()),
        )
        referral = Referral.objects.create(
            reference=next_reference(
                prefix=f"REF-{timezone.now():%Y}-",
                width=5,
                taken=lambda ref: Referral.objects.filter(reference=ref).exists(),
            ),
            controller=controller,
            service=SERVICE,
            school=school,
            child=child,
            attendance={key: value.isoformat() if isinstance(value, date) else value for key, value in summary.items()},
            sen_status=details.sen_status,
            safeguarding_concerns=details.safeguarding_concerns,
            record=record,
            marks_record=marks_record,
            submitted_by=actor,
            submitted_at=timezone.now(),
        )
        referral.parents.set(details.parents)
        audit_record(
            actor=actor,
            action="referral_submit",
            object_type="enforcement.referral",
            object_id=referral.pk,
            subject_id=child.pk,
        )
    return referral


def _may_triage(actor: User, referral: Referral) -> Decision:
    touch = Touch(
        subject=referral.child,
        controller=referral.controller.slug,
        service=referral.service,
        purpose=ENFORCEMENT,
        categories=("child.identity.name", "child.education.attendance"),
        object_type="enforcement.referral",
        object_id=str(referral.pk),
    )
    if actor.school_id is not None:
        return Decision(False, ("a school cannot triage referrals",))
    return decide(actor=actor, action=Action.UPDATE, touch=touch)


def referral_accept(*, actor: User, referral: Referral, team: Team, allocate_to: User | None, note: str = "") -> Case:
    decision = _may_triage(actor, referral)
    if not decision:
        raise GateDenied(decision)
    if referral.status != Referral.Status.SUBMITTED:
        raise InvalidInput({"outcome": f"This referral has already been {referral.get_status_display().lower()}"})
    with transaction.atomic():
        case = case_open(
            actor=actor,
            controller=referral.controller,
            service=referral.service,
            child=referral.child,
            team=team,
            family=list(referral.parents.all()),
            allocated_worker=allocate_to,
            stage="referral",
        )
        Record.objects.filter(pk__in=[referral.record_id, referral.marks_record_id]).update(case=case)
        referral.status = Referral.Status.ACCEPTED
        referral.triaged_by = actor
        referral.triaged_at = timezone.now()
        referral.triage_reason = note.strip()
        referral.case = case
        referral.save()
        audit_record(
            actor=actor,
            action="referral_accept",
            object_type="enforcement.referral",
            object_id=referral.pk,
            subject_id=referral.child_id,
            detail={"case": case.reference},
        )
    return case


def redirect_targets(referral: Referral) -> dict[str, str]:
    """Where a referral may be redirected: the controller's other services and the service's recipients."""
    controller = register().controller(referral.controller.slug)
    targets = {s.key: s.name for s in controller.services if s.key != referral.service}
    targets |= {r.key: r.name for r in register().service(referral.controller.slug, referral.service).recipients}
    return targets


def referral_return(*, actor: User, referral: Referral, reason: str, redirect_to: str = "") -> Referral:
    """Send a referral back to the school with reasons, or on to another service."""
    decision = _may_triage(actor, referral)
    if not decision:
        raise GateDenied(decision)
    if referral.status != Referral.Status.SUBMITTED:
        raise InvalidInput({"outcome": f"This referral has already been {referral.get_status_display().lower()}"})
    if not reason.strip():
        raise InvalidInput({"reason": "Give the school your reasons"})
    if redirect_to and redirect_to not in redirect_targets(referral):
        raise InvalidInput({"redirect_to": "Choose a service or recipient the register names"})
    referral.status = Referral.Status.REDIRECTED if redirect_to else Referral.Status.RETURNED
    referral.redirected_to = redirect_to
    referral.triaged_by = actor
    referral.triaged_at = timezone.now()
    referral.triage_reason = reason.strip()
    referral.save()
    audit_record(
        actor=actor,
        action="referral_redirect" if redirect_to else "referral_return",
        object_type="enforcement.referral",
        object_id=referral.pk,
        subject_id=referral.child_id,
        reason=reason.strip(),
    )
    return referral
