"""Attendance enforcement, step by step: every step with legal effect is a named officer's decision
with a rationale, recorded on the case and audited. Nothing here runs by itself except raising
tasks for a person to decide (``penalty_notice_sweep``).
"""

from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from tutela.attendance.codes import DEFAULT_CLASSES
from tutela.audit.services import audit_record
from tutela.casework.models import Case
from tutela.casework.services import case_open, case_set_stage, letter_issue, next_reference, task_add
from tutela.enforcement import rules
from tutela.enforcement.improvement import running_improvement_periods
from tutela.enforcement.models import (
    Hearing,
    LegalDecision,
    PenaltyNotice,
    PenaltyPayment,
    Prosecution,
    Referral,
    StepEntry,
)
from tutela.enforcement.selectors import pupil_attendance, pupil_school_days, unauthorised_between
from tutela.enforcement.stages import CME_ENQUIRIES, CME_GROUNDS, STEPS_BY_KEY, Field, Step
from tutela.governance.errors import GateDenied, InvalidInput
from tutela.governance.gate import Action, Decision, Touch, decide
from tutela.governance.models import Team, User
from tutela.lib.money import pounds_from_pence
from tutela.people.models import Person
from tutela.records.models import Record
from tutela.records.services import Upload, record_create
from tutela.register.api import register

SERVICE = "education-support"
ENFORCEMENT = "attendance-offence-enforcement"


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
    categories = ("family.identity.name",) if concerning.pk != case.child_id else ("child.identity.name",)
    with transaction.atomic():
        record = _case_record(
            actor=actor,
            case=case,
            subject=concerning,
            purpose=purpose,
            categories=(*categories, "child.support.case-records") if concerning.pk == case.child_id else categories,
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


# --- Referrals --------------------------------------------------------------------------------


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


# --- Configurable steps -----------------------------------------------------------------------


def _clean(step: Step, values: dict[str, Any]) -> dict[str, Any]:
    """Each field's value in its type; every error at once."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for item in step.fields:
        value = values.get(item.key)
        if value in (None, "") and item.kind != "bool":
            if item.required:
                errors[item.key] = f"Enter {item.label.lower()}"
            continue
        cleaned[item.key] = _typed(item, value, errors)
    if errors:
        raise InvalidInput(errors)
    return cleaned


def _typed(item: Field, value: Any, errors: dict[str, str]) -> Any:
    if item.kind == "bool":
        return bool(value) and value not in ("0", "false", "no")
    if item.kind == "date":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            errors[item.key] = f"{item.label} must be a real date"
    elif item.kind == "time":
        if isinstance(value, time):
            return value
        try:
            return time.fromisoformat(str(value))
        except ValueError:
            errors[item.key] = f"{item.label} must be a real time, for example 15:30"
    elif item.kind == "int":
        try:
            return int(value)
        except (TypeError, ValueError):
            errors[item.key] = f"{item.label} must be a whole number"
    elif item.kind == "choice":
        if value not in {key for key, _label in item.choices}:
            errors[item.key] = f"Choose {item.label.lower()}"
        return value
    else:
        return str(value).strip()
    return None


def _step_rules(step: Step, data: dict[str, Any], case: Case) -> None:
    """The law's own checks on a step, beyond the form's."""
    if step.key == "notice-to-improve":
        low, high = rules.nti_weeks_range()
        if not low <= data["improvement_weeks"] <= high:
            raise InvalidInput({"improvement_weeks": f"The improvement period must be {low} to {high} school weeks"})
    if step.key == "s437-notice":
        received = rules.deemed_receipt(sent_on=data["served_on"], method=rules.ServiceMethod(data["service_method"]))
        earliest = rules.s437_earliest_date(received)
        data.setdefault("satisfy_by", earliest)
        if data["satisfy_by"] < earliest:
            raise InvalidInput(
                {
                    "satisfy_by": f"The parent must have at least 15 days beginning with the day of service "
                    f"({received:%-d %B %Y}): the earliest date is {earliest:%-d %B %Y}"
                }
            )
    if step.key == "register-deletion" and data["ground"] in CME_GROUNDS:
        missing = [label for key, label in CME_ENQUIRIES if not data.get(key)]
        if missing:
            raise InvalidInput({"ground": "The joint reasonable enquiries are not complete: " + "; ".join(missing)})
    if step.key in {"sao-amendment", "sao-revocation", "school-attendance-order"}:
        before = {"school-attendance-order": "s438-notice"}.get(step.key, "school-attendance-order")
        if not StepEntry.objects.filter(case=case, step=before).exists():
            raise InvalidInput({"__all__": f"Record the {STEPS_BY_KEY[before].name.lower()} first"})


def step_record(
    *,
    actor: User,
    case: Case,
    step_key: str,
    values: dict[str, Any],
    concerning: Person | None = None,
    rationale: str = "",
    upload: Upload | None = None,
) -> StepEntry:
    """Record a step of a stage; a step with legal effect is also a decision, and may send a letter."""
    step = STEPS_BY_KEY.get(step_key)
    if step is None:
        raise InvalidInput({"step": f"Unknown step: {step_key}"})
    if not case.is_open:
        raise InvalidInput({"__all__": "The case is closed"})
    data = _clean(step, values)
    _step_rules(step, data, case)
    subject = case.child
    if step.concerning == "parent":
        if concerning is None:
            raise InvalidInput({"concerning": "Choose the parent or carer"})
        _need_parent(case, concerning)
        subject = concerning
    if step.decision and not rationale.strip():
        raise InvalidInput({"rationale": "Record why you are making this decision"})
    written = {f.key: data[f.key] for f in step.fields if f.content and f.key in data}
    content = "\n\n".join(f"{f.label}:\n{data[f.key]}" for f in step.fields if f.key in written)
    facts = {f.key: data[f.key] for f in step.fields if not f.content and f.key in data}
    clocks = step.clocks(facts, pupil_school_days(person=case.child, on=facts[step.happened]))
    with transaction.atomic():
        decision = (
            decision_record(
                actor=actor,
                case=case,
                kind=step.decision,
                concerning=subject,
                rationale=rationale,
                purpose=step.purpose,
                on=facts[step.happened],
            )
            if step.decision
            else None
        )
        record = _case_record(
            actor=actor,
            case=case,
            subject=subject,
            purpose=step.purpose,
            categories=step.categories,
            title=step.name,
            body=content,
            occurred_on=facts[step.happened],
            kind=Record.Kind.DOCUMENT if upload else Record.Kind.CHRONOLOGY_EVENT,
            upload=upload,
        )
        entry = StepEntry.objects.create(
            case=case,
            step=step.key,
            concerning=subject if subject.pk != case.child_id else None,
            happened_on=facts[step.happened],
            data={k: v.isoformat() if isinstance(v, date | time) else v for k, v in facts.items()},
            record=record,
            decision=decision,
            created_by=actor,
            created_at=timezone.now(),
        )
        if step.letter:
            entry.letter = letter_issue(
                actor=actor,
                case=case,
                template=step.letter,
                context={
                    "step": step,
                    "data": facts,
                    "content": written,  # what the officer wrote (the support offered, say), for the letter
                    "choices": {
                        f.key: dict(f.choices).get(str(facts.get(f.key, ""))) for f in step.fields if f.choices
                    },
                    "clocks": clocks,
                    "recipient": subject if subject.pk != case.child_id else None,
                    "child": case.child,
                },
                title=f"{step.name}: letter to {subject.given_name} {subject.family_name}",
                purpose=step.purpose,
                categories=list(step.categories),
                occurred_on=facts[step.happened],
            )
            entry.save(update_fields=["letter"])
        for clock in clocks:
            if clock.due_on >= timezone.localdate():
                task_add(
                    actor=None,
                    case=case,
                    title=clock.name,
                    due_on=clock.due_on,
                    kind=f"clock-{step.key}",
                    about=f"step:{entry.pk}:{clock.name[:30]}",
                )
        case_set_stage(actor=actor, case=case, stage=step.stage)
    return entry


# --- Penalty notices ----------------------------------------------------------------------------


def _other_notice_dates(parent: Person, child: Person) -> list[date]:
    """Every live notice to the parent for the child, whatever its date: the rules pick those within
    three years either side, so a notice recorded out of date order is counted like any other."""
    return list(
        PenaltyNotice.objects.filter(parent=parent, child=child, withdrawn_on__isnull=True).values_list(
            "issued_on", flat=True
        )
    )


def penalty_notice_check(*, parent: Person, child: Person, issue_on: date) -> int:
    """The new notice's sequence (1 or 2), or PenaltyNoticeRefused with the reason and what else may be done."""
    others = _other_notice_dates(parent, child)
    sequence = rules.notice_sequence(others_issued_on=others, issue_on=issue_on)
    if sequence > rules.NOTICES_IN_THREE_YEARS:
        counted = sorted(d for d in others if rules.counts_towards_limit(other_issued_on=d, issue_on=issue_on))
        possible = rules.next_notice_possible_on(others_issued_on=others, issue_on=issue_on)
        raise PenaltyNoticeRefused(
            {
                "parent": (
                    f"A third penalty notice to {parent.given_name} {parent.family_name} for "
                    f"{child.given_name} within three years cannot be issued: notices were issued on "
                    + " and ".join(f"{d:%-d %B %Y}" for d in counted)
                    + f". Consider prosecution under s444 or another intervention (an attendance contract, an "
                    f"education supervision order). A further notice could be issued from {possible:%-d %B %Y}."
                )
            }
        )
    return sequence


def _pn_reference(case: Case) -> str:
    return next_reference(
        prefix=f"{case.controller.slug[:3].upper()}-PN-{timezone.now():%Y}-",
        width=6,
        taken=lambda ref: PenaltyNotice.objects.filter(reference=ref).exists(),
    )


def penalty_notice_issue(
    *,
    actor: User,
    case: Case,
    parent: Person,
    offence_start: date,
    offence_end: date,
    issued_on: date,
    service_method: str,
    rationale: str,
    left_at: time | None = None,
    late_reason: str = "",
    nti_running_reason: str = "",
) -> PenaltyNotice:
    """Issue one parent's notice for the case's child and an offence period: the officer's decision,
    with the amounts and dates the framework sets, the notice as a PDF on the case, and a task for
    the day after the payment period ends. A notice dated more than 14 days ago, or issued while the
    parent's notice to improve runs, needs the officer's reason for that too."""
    _need_parent(case, parent)
    child = case.child
    school = child.school
    if school is None:
        raise InvalidInput({"parent": "Record the child's school first"})
    # The limit first: no reason makes a third notice within three years lawful.
    sequence = penalty_notice_check(parent=parent, child=child, issue_on=issued_on)
    late = issued_on < timezone.localdate() - timedelta(days=rules.LATE_RECORDING_DAYS)
    running = running_improvement_periods(case=case, on=issued_on, parent=parent)
    errors: dict[str, str] = {}
    if offence_end < offence_start:
        errors["offence_end"] = "The offence period must end on or after its start"
    if offence_end > issued_on:
        errors["offence_end"] = "The offence period must end before the notice is issued"
    if service_method not in rules.ServiceMethod.__members__.values():
        errors["service_method"] = "Choose how the notice was served"
    if not rationale.strip():
        errors["rationale"] = "Record why you are making this decision"
    if late and not late_reason.strip():
        errors["late_reason"] = (
            f"The notice was issued more than {rules.LATE_RECORDING_DAYS} days ago: say why it is recorded now "
            "(for example, issued by the headteacher or the police)"
        )
    if running and not nti_running_reason.strip():
        errors["nti_running_reason"] = _nti_running_message(running[0].ends_on)
    if errors:
        raise InvalidInput(errors)
    received = rules.deemed_receipt(sent_on=issued_on, method=rules.ServiceMethod(service_method), left_at=left_at)
    sessions = unauthorised_between(person=child, start=offence_start, end=offence_end)
    terms = rules.penalty_terms(sequence=sequence, received_on=received)
    reasons = [rationale.strip()] if rationale.strip() else []
    if late:
        reasons.append(f"Recorded more than {rules.LATE_RECORDING_DAYS} days after issue: {late_reason.strip()}")
    if running:
        reasons.append(f"Issued before the notice to improve ended: {nti_running_reason.strip()}")
    with transaction.atomic():
        decision = decision_record(
            actor=actor,
            case=case,
            kind=LegalDecision.Kind.ISSUE_PN,
            concerning=parent,
            rationale="\n".join(reasons),
            on=issued_on,
        )
        reference = _pn_reference(case)
        context = {
            "reference": reference,
            "parent": parent,
            "child": child,
            "school": school,
            "offence_start": offence_start,
            "offence_end": offence_end,
            "sessions": sessions,
            "terms": terms,
            "issued_on": issued_on,
            "service_method": rules.SERVICE_METHOD_NAMES[rules.ServiceMethod(service_method)],
            "codes": ", ".join(sorted(DEFAULT_CLASSES.penalty_notice)),
        }
        record = letter_issue(
            actor=actor,
            case=case,
            template="letters/penalty_notice.html",
            context=context,
            title=f"Penalty notice {reference} to {parent.given_name} {parent.family_name}",
            purpose=ENFORCEMENT,
            categories=[
                "family.identity.name",
                "family.contact.address",
                "child.identity.name",
                "child.education.attendance",
            ],
            occurred_on=issued_on,
        )
        notice = PenaltyNotice.objects.create(
            reference=reference,
            case=case,
            parent=parent,
            child=child,
            school=school,
            offence_start=offence_start,
            offence_end=offence_end,
            unauthorised_sessions=sessions,
            issued_on=issued_on,
            service_method=service_method,
            left_at=left_at,
            received_on=received,
            sequence=sequence,
            discount_pence=terms.discount_pence,
            full_pence=terms.full_pence,
            discount_until=terms.discount_until,
            pay_by=terms.pay_by,
            decision=decision,
            record=record,
            late_reason=late_reason.strip() if late else "",
            nti_running_reason=nti_running_reason.strip() if running else "",
        )
        case_set_stage(actor=actor, case=case, stage="penalty-notice")
        audit_record(
            actor=actor,
            action="penalty_notice_issue",
            object_type="enforcement.penaltynotice",
            object_id=notice.pk,
            subject_id=parent.pk,
            detail={"reference": reference, "sequence": sequence, "full_pence": terms.full_pence},
        )
    return notice


def _nti_running_message(ends_on: date) -> str:
    return (
        f"The parent's notice to improve runs until {ends_on:%-d %B %Y}: give your reason for issuing a penalty "
        "notice before the improvement period ends"
    )


def notice_terms(notice: PenaltyNotice) -> rules.PenaltyTerms:
    """The notice's amounts and windows, from the day it was received: deemed, or proven later."""
    return rules.penalty_terms(sequence=notice.sequence, received_on=notice.actual_received_on or notice.received_on)


def notice_state(notice: PenaltyNotice, today: date | None = None) -> rules.PaymentState:
    payments = [(p.received_on, p.amount_pence) for p in notice.payments.all()]
    return rules.payment_state(
        terms=notice_terms(notice),
        payments=payments,
        withdrawn=notice.withdrawn_on is not None,
        today=today or timezone.localdate(),
    )


PAYMENT_METHOD_LENGTH = 50  # PenaltyPayment.method's column


def notice_outstanding(notice: PenaltyNotice, *, on: date, pending: list[tuple[date, int]] | None = None) -> int:
    """Pence still to pay on the notice for a payment received on that day, counting ``pending``
    payments (received on, pence) not yet recorded as already paid."""
    return rules.outstanding_pence(
        terms=notice_terms(notice),
        payments=[(p.received_on, p.amount_pence) for p in notice.payments.all()] + (pending or []),
        withdrawn=notice.withdrawn_on is not None,
        on=on,
    )


def overpayment_message(amount_pence: int, outstanding_pence: int, *, confirm: str = "confirm the overpayment") -> str:
    return (
        f"{pounds_from_pence(amount_pence)} is more than the {pounds_from_pence(outstanding_pence)} outstanding "
        f"on this notice: {confirm} to record it"
    )


def penalty_payment_record(
    *,
    actor: User,
    reference: str,
    amount_pence: int,
    received_on: date,
    kind: str = "payment",
    method: str = "",
    overpayment_confirmed: bool = False,
) -> PenaltyPayment:
    """Money in (or a refund out), matched to its notice by the notice's reference. A payment of more
    than is outstanding on the notice is recorded only when the officer confirms the overpayment."""
    notice = PenaltyNotice.objects.filter(reference=reference.strip().upper()).select_related("case").first()
    errors: dict[str, str] = {}
    if notice is None:
        errors["reference"] = f"No penalty notice has the reference {reference.strip()}"
    if amount_pence <= 0:
        errors["amount"] = "Enter an amount greater than zero"
    if len(method.strip()) > PAYMENT_METHOD_LENGTH:
        errors["method"] = f"Shorten how it was paid to {PAYMENT_METHOD_LENGTH} characters or fewer"
    if kind not in PenaltyPayment.Kind.values:
        errors["kind"] = "Choose payment or refund"
    if received_on > timezone.localdate():
        errors["received_on"] = "The date cannot be in the future"
    if errors or notice is None:
        raise InvalidInput(errors)
    if notice.case.service != SERVICE or actor.controller_id != notice.case.controller_id:
        raise GateDenied(Decision(False, ("not a notice of your authority",)))
    if kind == PenaltyPayment.Kind.PAYMENT and received_on < notice.issued_on:
        raise InvalidInput({"received_on": "A payment cannot be received before the notice was issued"})
    signed = amount_pence if kind == PenaltyPayment.Kind.PAYMENT else -amount_pence
    paid = sum(notice.payments.values_list("amount_pence", flat=True))
    if kind == PenaltyPayment.Kind.REFUND and amount_pence > paid:
        raise InvalidInput({"amount": f"Only £{paid / 100:.2f} has been paid on this notice"})
    outstanding = notice_outstanding(notice, on=received_on)
    if kind == PenaltyPayment.Kind.PAYMENT and amount_pence > outstanding and not overpayment_confirmed:
        raise InvalidInput({"confirm_overpayment": overpayment_message(amount_pence, outstanding)})
    with transaction.atomic():
        payment = PenaltyPayment.objects.create(
            notice=notice,
            kind=kind,
            amount_pence=signed,
            received_on=received_on,
            method=method.strip(),
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        _case_record(
            actor=actor,
            case=notice.case,
            subject=notice.parent,
            purpose=ENFORCEMENT,
            categories=("family.identity.name",),
            title=f"{PenaltyPayment.Kind(kind).label} of £{amount_pence / 100:.2f} on {notice.reference}",
            body="",
            occurred_on=received_on,
        )
        audit_record(
            actor=actor,
            action="penalty_payment",
            object_type="enforcement.penaltypayment",
            object_id=payment.pk,
            subject_id=notice.parent_id,
            detail={"reference": notice.reference, "pence": signed},
        )
    return payment


def penalty_notice_withdraw(
    *, actor: User, notice: PenaltyNotice, reason: str, on: date | None = None
) -> PenaltyNotice:
    """Withdraw a notice (a decision with a reason); a withdrawn notice no longer counts towards the limit."""
    if notice.withdrawn_on is not None:
        raise InvalidInput({"reason": "This notice has already been withdrawn"})
    with transaction.atomic():
        decision = decision_record(
            actor=actor,
            case=notice.case,
            kind=LegalDecision.Kind.WITHDRAW_PN,
            concerning=notice.parent,
            rationale=reason,
            on=on,
        )
        notice.withdrawn_on = on or timezone.localdate()
        notice.withdrawal_reason = reason.strip()
        notice.withdrawal = decision
        notice.save(update_fields=["withdrawn_on", "withdrawal_reason", "withdrawal"])
    return notice


def penalty_notice_receipt_record(
    *, actor: User, notice: PenaltyNotice, received_on: date, evidence: str
) -> PenaltyNotice:
    """Record that a notice was in fact received later than the day it is deemed received: the
    Interpretation Act 1978 s7 presumption holds "unless the contrary is proved". The officer's
    acceptance of the proof is a decision; the 21- and 28-day windows then begin with the actual
    day, and the move is audited with the windows before and after."""
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if not evidence.strip():
        errors["evidence"] = "Say what proves the notice was received on that day"
    if received_on <= notice.received_on:
        errors["received_on"] = (
            f"The notice already counts as received on {notice.received_on:%-d %B %Y}: only a later day can be proved"
        )
    elif received_on > today:
        errors["received_on"] = "The date cannot be in the future"
    if notice.withdrawn_on is not None:
        errors["received_on"] = "This notice has been withdrawn"
    if errors:
        raise InvalidInput(errors)
    before = notice_terms(notice)
    after = rules.penalty_terms(sequence=notice.sequence, received_on=received_on)
    with transaction.atomic():
        decision_record(
            actor=actor,
            case=notice.case,
            kind=LegalDecision.Kind.ACCEPT_LATER_RECEIPT,
            concerning=notice.parent,
            rationale=f"{notice.reference} was received on {received_on:%-d %B %Y}, not on the deemed day "
            f"{notice.received_on:%-d %B %Y}. Evidence: {evidence.strip()}",
        )
        notice.actual_received_on = received_on
        notice.receipt_evidence = evidence.strip()
        notice.discount_until = after.discount_until
        notice.pay_by = after.pay_by
        notice.save(update_fields=["actual_received_on", "receipt_evidence", "discount_until", "pay_by"])
        if after.pay_by >= today:  # an "unpaid" task raised on the old window no longer stands
            notice.case.tasks.filter(kind="pn-unpaid", about=f"pn:{notice.pk}", done_at__isnull=True).update(
                done_at=timezone.now(), done_by=actor, outcome=f"Payment period now ends {after.pay_by:%-d %B %Y}"
            )
        audit_record(
            actor=actor,
            action="penalty_notice_receipt",
            object_type="enforcement.penaltynotice",
            object_id=notice.pk,
            subject_id=notice.parent_id,
            purpose=f"{notice.case.controller.slug}/{notice.case.service}/{ENFORCEMENT}",
            reason=evidence.strip(),
            detail={
                "reference": notice.reference,
                "deemed_received_on": notice.received_on.isoformat(),
                "actual_received_on": received_on.isoformat(),
                "before": _windows(before),
                "after": _windows(after),
            },
        )
    return notice


def _windows(terms: rules.PenaltyTerms) -> dict[str, str | None]:
    return {
        "discount_until": terms.discount_until.isoformat() if terms.discount_until else None,
        "pay_by": terms.pay_by.isoformat(),
    }


def penalty_notice_sweep(*, today: date | None = None) -> int:
    """For each notice whose payment period has ended unpaid, a task for its officer to decide on
    prosecution or withdrawal. Raising is idempotent; the decision stays a person's."""
    today = today or timezone.localdate()
    raised = 0
    for notice in PenaltyNotice.objects.filter(pay_by__lt=today, withdrawn_on__isnull=True).select_related("case"):
        if notice.prosecutions.exists() or notice_state(notice, today) != rules.PaymentState.UNPAID:
            continue
        if notice.case.tasks.filter(kind="pn-unpaid", about=f"pn:{notice.pk}").exists():
            continue
        task_add(
            actor=None,
            case=notice.case,
            title=f"Penalty notice {notice.reference} unpaid after 28 days: decide on prosecution or withdrawal",
            due_on=today,
            kind="pn-unpaid",
            about=f"pn:{notice.pk}",
            warn_days=0,
        )
        raised += 1
    return raised


# --- Prosecution -------------------------------------------------------------------------------


def prosecution_start(
    *,
    actor: User,
    case: Case,
    defendant: Person,
    offence: str,
    offence_start: date,
    offence_end: date,
    rationale: str,
    penalty_notice: PenaltyNotice | None = None,
    decided_on: date | None = None,
) -> Prosecution:
    """The decision to prosecute; refused when the whole offence period is already out of time (s127)."""
    errors: dict[str, str] = {}
    if offence not in Prosecution.Offence.values:
        errors["offence"] = "Choose the offence"
    if offence_end < offence_start:
        errors["offence_end"] = "The offence period must end on or after its start"
    if errors:
        raise InvalidInput(errors)
    _need_parent(case, defendant)
    clock = rules.offence_clock(period_start=offence_start, period_end=offence_end)
    if timezone.localdate() > clock.any_part_by:
        raise InvalidInput(
            {
                "offence_start": f"Out of time: an information for this period had to be laid by "
                f"{clock.any_part_by:%-d %B %Y} (s127 Magistrates' Courts Act 1980, six months)"
            }
        )
    if penalty_notice is not None and penalty_notice.parent_id != defendant.pk:
        raise InvalidInput({"penalty_notice": "The penalty notice was issued to someone else"})
    with transaction.atomic():
        decision = decision_record(
            actor=actor,
            case=case,
            kind=LegalDecision.Kind.PROSECUTE,
            concerning=defendant,
            rationale=rationale,
            on=decided_on,
        )
        prosecution = Prosecution.objects.create(
            reference=f"{case.reference}-P{case.prosecutions.count() + 1}",
            case=case,
            defendant=defendant,
            offence=offence,
            offence_start=offence_start,
            offence_end=offence_end,
            penalty_notice=penalty_notice,
            decision=decision,
        )
        _case_record(
            actor=actor,
            case=case,
            subject=defendant,
            purpose="criminal-offence-information",
            categories=("family.criminal.offence",),
            title=f"Prosecution {prosecution.reference}: {offence}, "
            f"{offence_start:%-d %B %Y} to {offence_end:%-d %B %Y}",
            body="",
            occurred_on=decided_on or timezone.localdate(),
        )
        task_add(
            actor=None,
            case=case,
            title=f"Lay the information for {prosecution.reference} (whole period in time until this day)",
            due_on=clock.whole_period_by,
            kind="s127",
            about=f"prosecution:{prosecution.pk}",
            warn_days=rules.CLOCK_WARNING_DAYS,
        )
        case_set_stage(actor=actor, case=case, stage="prosecution")
    return prosecution


def prosecution_update(*, actor: User, prosecution: Prosecution, changes: dict[str, Any]) -> Prosecution:
    """Court progress: information laid, court, plea, outcome, sentence, fine and costs."""
    allowed = {"court", "information_laid_on", "plea", "outcome", "outcome_on", "sentence", "fine_pence", "costs_pence"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput({name: "Cannot be changed here" for name in unknown})
    future = [
        name for name in ("information_laid_on", "outcome_on") if (changes.get(name) or date.min) > timezone.localdate()
    ]
    if future:
        raise InvalidInput({name: "The date cannot be in the future" for name in future})
    laid = changes.get("information_laid_on")
    if laid is not None:
        clock = rules.offence_clock(period_start=prosecution.offence_start, period_end=prosecution.offence_end)
        if laid > clock.any_part_by:
            raise InvalidInput(
                {"information_laid_on": f"Out of time: the last day to lay was {clock.any_part_by:%-d %B %Y} (s127)"}
            )
    if changes.get("outcome") and not changes.get("outcome_on") and prosecution.outcome_on is None:
        raise InvalidInput({"outcome_on": "Enter the date of the outcome"})
    with transaction.atomic():
        for name, value in changes.items():
            setattr(prosecution, name, value)
        prosecution.save()
        summary = ", ".join(
            f"{name.replace('_', ' ')}: {value}" for name, value in changes.items() if value not in (None, "")
        )
        _case_record(
            actor=actor,
            case=prosecution.case,
            subject=prosecution.defendant,
            purpose="criminal-offence-information",
            categories=("family.criminal.offence",),
            title=f"Prosecution {prosecution.reference} updated: {summary}"[:200],
            body="",
            occurred_on=changes.get("outcome_on") or laid or timezone.localdate(),
        )
        if laid is not None:
            prosecution.case.tasks.filter(
                kind="s127", about=f"prosecution:{prosecution.pk}", done_at__isnull=True
            ).update(done_at=timezone.now(), done_by=actor, outcome=f"Information laid on {laid:%-d %B %Y}")
    return prosecution


def hearing_add(*, actor: User, prosecution: Prosecution, on: date, kind: str, result: str = "") -> Hearing:
    if not kind.strip():
        raise InvalidInput({"kind": "Say what the hearing was"})
    with transaction.atomic():
        hearing = Hearing.objects.create(prosecution=prosecution, on=on, kind=kind.strip(), result=result.strip())
        _case_record(
            actor=actor,
            case=prosecution.case,
            subject=prosecution.defendant,
            purpose="criminal-offence-information",
            categories=("family.criminal.offence",),
            title=f"{kind.strip()} on {on:%-d %B %Y} ({prosecution.reference})"
            + (f": {result.strip()}" if result else ""),
            body="",
            occurred_on=min(on, timezone.localdate()),
        )
    return hearing
