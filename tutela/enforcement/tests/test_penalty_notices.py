"""Penalty notices: one per parent, the second at £160, a third refused, withdrawn ones not counted,
payments matched by reference, and a task at day 29 for a person to decide."""

from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from tutela.audit.models import AuditEntry
from tutela.casework.models import CaseTask
from tutela.enforcement.models import LegalDecision, PenaltyNotice
from tutela.enforcement.rules import PaymentState
from tutela.enforcement.services import (
    PenaltyNoticeRefused,
    notice_state,
    penalty_notice_issue,
    penalty_notice_sweep,
    penalty_notice_withdraw,
    penalty_payment_record,
)
from tutela.lib.errors import InvalidInput
from tutela.records.selectors import document_content

PERIOD = {"offence_start": date(2025, 9, 1), "offence_end": date(2025, 11, 7)}
EARLY = {"offence_start": date(2025, 9, 1), "offence_end": date(2025, 9, 26)}


def issue(ess, parent, issued_on=date(2026, 1, 12), method="hand", rationale="Threshold met; NTI not complied with."):
    period = EARLY if issued_on < PERIOD["offence_end"] else PERIOD
    return penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=parent,
        issued_on=issued_on,
        service_method=method,
        rationale=rationale,
        late_reason="Issued by the headteacher; recorded from the school's copy.",  # used only if over 14 days
        **period,
    )


def test_a_two_parent_household_gets_two_notices_each_at_80_pounds(ess):
    first, second = issue(ess, ess.mother), issue(ess, ess.father)
    assert {first.parent, second.parent} == {ess.mother, ess.father}
    assert first.sequence == second.sequence == 1
    assert first.discount_pence == 8000 and first.full_pence == 16000
    assert first.unauthorised_sessions == 20  # Monday and Tuesday mornings, 1 September to 7 November
    assert first.reference != second.reference


def test_the_notice_is_a_pdf_on_the_case_with_what_the_regulations_require(ess):
    notice = issue(ess, ess.mother, method="first_class_post")
    assert notice.received_on == date(2026, 1, 14)
    _document, content = document_content(actor=ess.officer, record_id=notice.record_id)
    text = "".join(page.extract_text() for page in PdfReader(__import__("io").BytesIO(content)).pages)
    for expected in (
        notice.reference,
        "Mary Example",
        "Tilly Example",
        ess.school.name,
        "1 September 2025",
        "7 November 2025",
        "£80",
        "3 February 2026",
        "£160",
        "10 February 2026",
        "section 444(1)",
    ):
        assert expected in text, expected


def test_the_second_notice_to_a_parent_for_the_child_is_160_pounds_with_no_discount(ess):
    issue(ess, ess.mother, issued_on=date(2025, 11, 10))
    second = issue(ess, ess.mother)
    assert second.sequence == 2 and second.discount_pence is None and second.full_pence == 16000


def test_a_third_notice_within_three_years_is_refused_with_the_reason_and_the_alternatives(ess):
    issue(ess, ess.mother, issued_on=date(2025, 10, 1))
    issue(ess, ess.mother, issued_on=date(2025, 12, 1))
    with pytest.raises(PenaltyNoticeRefused) as refused:
        issue(ess, ess.mother)
    message = refused.value.errors["parent"]
    assert "third penalty notice" in message and "prosecution" in message and "1 October 2028" in message
    assert PenaltyNotice.objects.filter(parent=ess.mother).count() == 2
    assert LegalDecision.objects.filter(kind=LegalDecision.Kind.ISSUE_PN).count() == 2  # nothing half-written


def test_a_withdrawn_notice_does_not_count(ess):
    withdrawn = issue(ess, ess.mother, issued_on=date(2025, 10, 1))
    penalty_notice_withdraw(actor=ess.officer, notice=withdrawn, reason="Issued to the wrong address.")
    issue(ess, ess.mother, issued_on=date(2025, 12, 1))
    third = issue(ess, ess.mother)
    assert third.sequence == 2


def test_withdrawal_is_a_decision_with_a_reason(ess):
    notice = issue(ess, ess.mother)
    with pytest.raises(InvalidInput):
        penalty_notice_withdraw(actor=ess.officer, notice=notice, reason=" ")
    penalty_notice_withdraw(actor=ess.officer, notice=notice, reason="Medical evidence provided.")
    notice.refresh_from_db()
    assert notice.withdrawal.officer == ess.officer and notice.withdrawal_reason == "Medical evidence provided."
    assert notice_state(notice) == PaymentState.WITHDRAWN


def test_every_notice_is_a_named_officers_decision_and_audited(ess):
    with pytest.raises(InvalidInput):
        issue(ess, ess.mother, rationale="")
    notice = issue(ess, ess.mother)
    assert notice.decision.officer == ess.officer and notice.decision.rationale
    assert AuditEntry.objects.filter(action="legal_decision", object_id=str(notice.decision.pk)).exists()


def test_payments_are_matched_by_reference_part_paid_then_paid(ess, time_machine):
    notice = issue(ess, ess.mother)  # by hand on 12 January: £80 to 1 February, £160 to 8 February
    penalty_payment_record(
        actor=ess.officer, reference=notice.reference.lower(), amount_pence=4000, received_on=date(2026, 1, 14)
    )
    assert notice_state(notice, date(2026, 1, 20)) == PaymentState.PART_PAID
    time_machine.move_to(date(2026, 2, 1))
    penalty_payment_record(
        actor=ess.officer, reference=notice.reference, amount_pence=4000, received_on=date(2026, 2, 1)
    )
    assert notice_state(notice, date(2026, 3, 1)) == PaymentState.PAID


def test_unknown_references_and_bad_amounts_are_refused(ess):
    with pytest.raises(InvalidInput) as refused:
        penalty_payment_record(actor=ess.officer, reference="NOPE", amount_pence=0, received_on=date(2026, 1, 14))
    assert set(refused.value.errors) == {"reference", "amount"}


def test_a_refund_cannot_exceed_what_was_paid(ess):
    notice = issue(ess, ess.mother)
    with pytest.raises(InvalidInput, match=r"Only £0\.00"):
        penalty_payment_record(
            actor=ess.officer,
            reference=notice.reference,
            amount_pence=100,
            received_on=date(2026, 1, 14),
            kind="refund",
        )


def test_at_day_29_unpaid_a_task_asks_the_officer_to_decide_once(ess, time_machine):
    notice = issue(ess, ess.mother)
    day_28 = notice.received_on + timedelta(days=27)
    assert penalty_notice_sweep(today=day_28) == 0
    time_machine.move_to(day_28 + timedelta(days=1))
    assert penalty_notice_sweep(today=day_28 + timedelta(days=1)) == 1
    assert penalty_notice_sweep(today=day_28 + timedelta(days=2)) == 0
    task = CaseTask.objects.get(kind="pn-unpaid")
    assert notice.reference in task.title and task.assigned_to == ess.officer
    assert PenaltyNotice.objects.get(pk=notice.pk).withdrawn_on is None  # nothing decided for the officer


def test_a_paid_notice_raises_no_task(ess):
    notice = issue(ess, ess.mother)
    penalty_payment_record(
        actor=ess.officer, reference=notice.reference, amount_pence=8000, received_on=date(2026, 1, 13)
    )
    assert penalty_notice_sweep(today=date(2026, 3, 1)) == 0
