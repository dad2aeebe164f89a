"""Deemed receipt holds "unless the contrary is proved" (Interpretation Act 1978 s7): an officer may
record a proven later receipt, and the 21- and 28-day windows then begin with it, audited. A notice
left at the address is received that day if left on a working day before 4.30pm (CPR 6.26), else
the next working day."""

from datetime import date, time

import pytest

from tutela.audit.models import AuditEntry
from tutela.casework.models import CaseTask
from tutela.enforcement.models import LegalDecision, PenaltyNotice
from tutela.enforcement.rules import PaymentState, ServiceMethod, deemed_receipt
from tutela.enforcement.services import (
    notice_state,
    penalty_notice_issue,
    penalty_notice_receipt_record,
    penalty_notice_sweep,
    penalty_payment_record,
)
from tutela.lib.errors import InvalidInput

pytestmark = pytest.mark.usefixtures("unrendered_letters")

LEFT = ServiceMethod.LEFT_AT_ADDRESS
EVIDENCE = "Royal Mail tracking shows delivery on 19 January; the parent sent the dated envelope."


def test_left_at_the_address_before_4_30pm_on_a_working_day_is_received_that_day():
    assert deemed_receipt(sent_on=date(2026, 3, 5), method=LEFT, left_at=time(16, 29)) == date(2026, 3, 5)


def test_left_at_or_after_4_30pm_it_is_received_the_next_working_day():
    assert deemed_receipt(sent_on=date(2026, 3, 5), method=LEFT, left_at=time(16, 30)) == date(2026, 3, 6)
    assert deemed_receipt(sent_on=date(2026, 3, 6), method=LEFT, left_at=time(18, 0)) == date(2026, 3, 9)  # Friday


def test_left_on_a_weekend_or_bank_holiday_it_is_received_the_next_working_day():
    assert deemed_receipt(sent_on=date(2026, 3, 7), method=LEFT, left_at=time(10, 0)) == date(2026, 3, 9)
    assert deemed_receipt(sent_on=date(2026, 12, 25), method=LEFT, left_at=time(10, 0)) == date(2026, 12, 29)


def test_left_with_no_time_recorded_it_is_received_the_next_working_day():
    assert deemed_receipt(sent_on=date(2026, 3, 5), method=LEFT) == date(2026, 3, 6)


def test_the_cut_off_is_configurable(settings):
    settings.TUTELA_ENFORCEMENT = {**settings.TUTELA_ENFORCEMENT, "left_at_address_cutoff": "17:00"}
    assert deemed_receipt(sent_on=date(2026, 3, 5), method=LEFT, left_at=time(16, 45)) == date(2026, 3, 5)


def issue(ess, method="first_class_post", issued_on=date(2026, 1, 12), left_at=None):
    return penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=issued_on,
        service_method=method,
        left_at=left_at,
        rationale="Threshold met.",
    )


def test_a_notice_left_at_the_address_after_4_30pm_on_friday_runs_from_monday(ess):
    notice = issue(ess, method=LEFT, issued_on=date(2026, 1, 9), left_at=time(17, 15))
    assert notice.received_on == date(2026, 1, 12) and notice.left_at == time(17, 15)
    assert notice.discount_until == date(2026, 2, 1) and notice.pay_by == date(2026, 2, 8)


def test_a_proven_later_receipt_moves_both_payment_windows(ess, time_machine):
    notice = issue(ess)  # posted Monday 12 January: deemed received Wednesday 14 January
    assert (notice.received_on, notice.discount_until, notice.pay_by) == (
        date(2026, 1, 14),
        date(2026, 2, 3),
        date(2026, 2, 10),
    )
    time_machine.move_to(date(2026, 1, 20))
    penalty_notice_receipt_record(actor=ess.officer, notice=notice, received_on=date(2026, 1, 19), evidence=EVIDENCE)
    notice = PenaltyNotice.objects.get(pk=notice.pk)
    assert notice.received_on == date(2026, 1, 14)  # the deemed day stays on record
    assert notice.actual_received_on == date(2026, 1, 19) and notice.receipt_evidence == EVIDENCE
    assert notice.discount_until == date(2026, 2, 8) and notice.pay_by == date(2026, 2, 15)
    time_machine.move_to(date(2026, 2, 6))
    penalty_payment_record(
        actor=ess.officer, reference=notice.reference, amount_pence=8000, received_on=date(2026, 2, 6)
    )
    assert notice_state(notice, date(2026, 3, 1)) == PaymentState.PAID  # £80 on day 19 of the proven window


def test_the_change_is_a_decision_and_audited_with_the_windows_before_and_after(ess, time_machine):
    notice = issue(ess)
    time_machine.move_to(date(2026, 1, 20))
    penalty_notice_receipt_record(actor=ess.officer, notice=notice, received_on=date(2026, 1, 19), evidence=EVIDENCE)
    entry = AuditEntry.objects.get(action="penalty_notice_receipt", object_id=str(notice.pk))
    assert entry.actor == ess.officer and entry.reason == EVIDENCE and entry.subject_id == str(ess.mother.pk)
    assert entry.detail["before"] == {"discount_until": "2026-02-03", "pay_by": "2026-02-10"}
    assert entry.detail["after"] == {"discount_until": "2026-02-08", "pay_by": "2026-02-15"}
    decision = LegalDecision.objects.get(kind=LegalDecision.Kind.ACCEPT_LATER_RECEIPT)
    assert decision.officer == ess.officer and "19 January 2026" in decision.rationale


@pytest.mark.parametrize(
    ("received_on", "evidence", "field"),
    [
        (date(2026, 1, 14), EVIDENCE, "received_on"),  # the deemed day itself: nothing to prove
        (date(2026, 1, 13), EVIDENCE, "received_on"),  # earlier: the presumption protects the parent
        (date(2026, 1, 16), EVIDENCE, "received_on"),  # the future (today is 15 January)
        (date(2026, 1, 15), " ", "evidence"),
    ],
)
def test_only_a_later_proven_receipt_is_recorded(ess, received_on, evidence, field):
    notice = issue(ess)
    with pytest.raises(InvalidInput) as refused:
        penalty_notice_receipt_record(actor=ess.officer, notice=notice, received_on=received_on, evidence=evidence)
    assert field in refused.value.errors
    assert PenaltyNotice.objects.get(pk=notice.pk).actual_received_on is None


def test_an_unpaid_task_raised_on_the_old_window_is_closed_when_the_window_moves(ess, time_machine):
    notice = issue(ess)
    time_machine.move_to(date(2026, 2, 11))
    assert penalty_notice_sweep(today=date(2026, 2, 11)) == 1
    penalty_notice_receipt_record(actor=ess.officer, notice=notice, received_on=date(2026, 1, 19), evidence=EVIDENCE)
    task = CaseTask.objects.get(kind="pn-unpaid")
    assert task.done_at is not None and "15 February 2026" in task.outcome
    assert notice_state(PenaltyNotice.objects.get(pk=notice.pk), date(2026, 2, 11)) == PaymentState.AWAITING


def test_the_officer_records_it_on_the_notice_page(ess, sign_in):
    notice = issue(ess)
    client = sign_in(ess.officer)
    url = f"/enforcement/penalty-notices/{notice.pk}/receipt/"
    assert "unless the contrary is proved" in client.get(url).content.decode()
    refused = client.post(url, {"received_on_0": "15", "received_on_1": "1", "received_on_2": "2026", "evidence": ""})
    assert "Say what proves" in refused.content.decode()
    response = client.post(
        url, {"received_on_0": "15", "received_on_1": "1", "received_on_2": "2026", "evidence": "Tracking record."}
    )
    assert response.status_code == 302
    page = client.get(f"/enforcement/penalty-notices/{notice.pk}/").content.decode()
    assert "15 January 2026, proved by: Tracking record." in page


def test_a_letter_step_left_at_the_address_runs_from_its_own_deemed_day(ess):
    from tutela.enforcement.selectors import case_clocks
    from tutela.enforcement.services import step_record

    entry = step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="notice-to-improve",
        concerning=ess.mother,
        rationale="Support has not improved attendance.",
        values={
            "served_on": date(2026, 1, 9),
            "service_method": "left_at_address",
            "left_at": "17:00",
            "improvement_weeks": 3,
            "support_offered": "A breakfast club place.",
        },
    )
    assert entry.data["left_at"] == "17:00:00"
    received = next(c for c in case_clocks(case=ess.case) if c.name == "Notice to improve received")
    assert received.due_on == date(2026, 1, 12)  # left Friday after 4.30pm: Monday
