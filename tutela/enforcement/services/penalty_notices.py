"""Penalty notices (Education (Penalty Notices) (England) Regulations 2007 as amended, and the
national framework): issue with the three-year limit, withdrawal, rebuttable receipt, the sweep."""

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import User
from tutela.attendance.codes import DEFAULT_CLASSES
from tutela.audit.services import audit_record
from tutela.casework.models import Case
from tutela.casework.services import case_set_stage, letter_issue, next_reference, task_add
from tutela.enforcement import categories as declared
from tutela.enforcement import rules
from tutela.enforcement.improvement import running_improvement_periods
from tutela.enforcement.models import (
    LegalDecision,
    PenaltyNotice,
)
from tutela.enforcement.selectors import notice_state, notice_terms, unauthorised_between
from tutela.enforcement.services.common import (
    ENFORCEMENT,
    PenaltyNoticeRefused,
    _need_parent,
    decision_record,
)
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person, School
from tutela.records.models import Record


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
    draft = _notice_draft(
        case=case,
        parent=parent,
        offence_start=offence_start,
        offence_end=offence_end,
        issued_on=issued_on,
        service_method=service_method,
        rationale=rationale,
        left_at=left_at,
        late_reason=late_reason,
        nti_running_reason=nti_running_reason,
    )
    with transaction.atomic():
        decision = decision_record(
            actor=actor,
            case=case,
            kind=LegalDecision.Kind.ISSUE_PN,
            concerning=parent,
            rationale=draft.rationale,
            on=issued_on,
        )
        reference = _pn_reference(case)
        record = _notice_letter(actor=actor, case=case, draft=draft, reference=reference)
        notice = _notice_create(case=case, draft=draft, reference=reference, decision=decision, record=record)
        case_set_stage(actor=actor, case=case, stage="penalty-notice")
        audit_record(
            actor=actor,
            action="penalty_notice_issue",
            object_type="enforcement.penaltynotice",
            object_id=notice.pk,
            subject_id=parent.pk,
            detail={"reference": reference, "sequence": draft.sequence, "full_pence": draft.terms.full_pence},
        )
    return notice


@dataclass(frozen=True)
class _NoticeDraft:
    """A notice checked and worked out before anything is written: what its letter and its row both say."""

    parent: Person
    child: Person
    school: School
    offence_start: date
    offence_end: date
    sessions: int
    issued_on: date
    service_method: str
    left_at: time | None
    received_on: date
    sequence: int
    terms: rules.PenaltyTerms
    rationale: str  # the decision's, with the reasons for a late or early notice after it
    late_reason: str  # kept only on a notice recorded late
    nti_running_reason: str  # kept only on a notice issued while a notice to improve runs


def _notice_draft(
    *,
    case: Case,
    parent: Person,
    offence_start: date,
    offence_end: date,
    issued_on: date,
    service_method: str,
    rationale: str,
    left_at: time | None,
    late_reason: str,
    nti_running_reason: str,
) -> _NoticeDraft:
    """Check the officer's notice against the limit and the form's rules, then work out its terms."""
    child = case.child
    school = child.school
    if school is None:
        raise InvalidInput({"parent": "Record the child's school first"})
    # The limit first: no reason makes a third notice within three years lawful.
    sequence = penalty_notice_check(parent=parent, child=child, issue_on=issued_on)
    late = issued_on < timezone.localdate() - timedelta(days=rules.LATE_RECORDING_DAYS)
    running = running_improvement_periods(case=case, on=issued_on, parent=parent)
    _check_issue_fields(
        offence_start=offence_start,
        offence_end=offence_end,
        issued_on=issued_on,
        service_method=service_method,
        rationale=rationale,
        late_reason=late_reason if late else None,
        running_until=running[0].ends_on if running else None,
        nti_running_reason=nti_running_reason,
    )
    received = rules.deemed_receipt(sent_on=issued_on, method=rules.ServiceMethod(service_method), left_at=left_at)
    reasons = [rationale.strip()] if rationale.strip() else []
    if late:
        reasons.append(f"Recorded more than {rules.LATE_RECORDING_DAYS} days after issue: {late_reason.strip()}")
    if running:
        reasons.append(f"Issued before the notice to improve ended: {nti_running_reason.strip()}")
    return _NoticeDraft(
        parent=parent,
        child=child,
        school=school,
        offence_start=offence_start,
        offence_end=offence_end,
        sessions=unauthorised_between(person=child, start=offence_start, end=offence_end),
        issued_on=issued_on,
        service_method=service_method,
        left_at=left_at,
        received_on=received,
        sequence=sequence,
        terms=rules.penalty_terms(sequence=sequence, received_on=received),
        rationale="\n".join(reasons),
        late_reason=late_reason.strip() if late else "",
        nti_running_reason=nti_running_reason.strip() if running else "",
    )


def _check_issue_fields(
    *,
    offence_start: date,
    offence_end: date,
    issued_on: date,
    service_method: str,
    rationale: str,
    late_reason: str | None,
    running_until: date | None,
    nti_running_reason: str,
) -> None:
    """Refuse the form with every mistake at once. late_reason is None when the notice is not late;
    running_until is the end of a notice to improve still running on the day of issue."""
    errors: dict[str, str] = {}
    if offence_end < offence_start:
        errors["offence_end"] = "The offence period must end on or after its start"
    if offence_end > issued_on:
        errors["offence_end"] = "The offence period must end before the notice is issued"
    if service_method not in rules.ServiceMethod.__members__.values():
        errors["service_method"] = "Choose how the notice was served"
    if not rationale.strip():
        errors["rationale"] = "Record why you are making this decision"
    if late_reason is not None and not late_reason.strip():
        errors["late_reason"] = (
            f"The notice was issued more than {rules.LATE_RECORDING_DAYS} days ago: say why it is recorded now "
            "(for example, issued by the headteacher or the police)"
        )
    if running_until is not None and not nti_running_reason.strip():
        errors["nti_running_reason"] = _nti_running_message(running_until)
    if errors:
        raise InvalidInput(errors)


def _notice_letter(*, actor: User, case: Case, draft: _NoticeDraft, reference: str) -> Record:
    """The notice itself, as the PDF the parent is sent, kept on the case as a document record."""
    parent = draft.parent
    return letter_issue(
        actor=actor,
        case=case,
        template="letters/penalty_notice.html",
        context={
            "reference": reference,
            "parent": parent,
            "child": draft.child,
            "school": draft.school,
            "offence_start": draft.offence_start,
            "offence_end": draft.offence_end,
            "sessions": draft.sessions,
            "terms": draft.terms,
            "issued_on": draft.issued_on,
            "service_method": rules.SERVICE_METHOD_NAMES[rules.ServiceMethod(draft.service_method)],
            "codes": ", ".join(sorted(DEFAULT_CLASSES.penalty_notice)),
        },
        title=f"Penalty notice {reference} to {parent.given_name} {parent.family_name}",
        purpose=ENFORCEMENT,
        categories=[
            declared.PARENT_NAME,
            declared.PARENT_ADDRESS,
            declared.CHILD_NAME,
            declared.ATTENDANCE,
        ],
        occurred_on=draft.issued_on,
    )


def _notice_create(
    *, case: Case, draft: _NoticeDraft, reference: str, decision: LegalDecision, record: Record
) -> PenaltyNotice:
    """The notice's row: the terms as worked out, with the decision and the letter it rests on."""
    terms = draft.terms
    return PenaltyNotice.objects.create(
        reference=reference,
        case=case,
        parent=draft.parent,
        child=draft.child,
        school=draft.school,
        offence_start=draft.offence_start,
        offence_end=draft.offence_end,
        unauthorised_sessions=draft.sessions,
        issued_on=draft.issued_on,
        service_method=draft.service_method,
        left_at=draft.left_at,
        received_on=draft.received_on,
        sequence=draft.sequence,
        discount_pence=terms.discount_pence,
        full_pence=terms.full_pence,
        discount_until=terms.discount_until,
        pay_by=terms.pay_by,
        decision=decision,
        record=record,
        late_reason=draft.late_reason,
        nti_running_reason=draft.nti_running_reason,
    )


def _nti_running_message(ends_on: date) -> str:
    return (
        f"The parent's notice to improve runs until {ends_on:%-d %B %Y}: give your reason for issuing a penalty "
        "notice before the improvement period ends"
    )


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
