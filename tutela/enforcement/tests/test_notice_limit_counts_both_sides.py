"""The three-year limit and the amount count every live notice to the parent for the child dated
within three years either side of the new one, whatever order the notices were recorded in
(headteachers and the police issue notices too, so late recording is normal)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tutela.enforcement.models import LegalDecision, PenaltyNotice
from tutela.enforcement.rules import counts_towards_limit, next_notice_possible_on, notice_sequence
from tutela.enforcement.services import PenaltyNoticeRefused, penalty_notice_issue, penalty_notice_withdraw

LATE = "Issued by the headteacher; the school sent us its copy."

pytestmark = pytest.mark.usefixtures("unrendered_letters")


@pytest.fixture
def june(time_machine, today):
    time_machine.move_to(datetime(2026, 6, 15, 10, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)
    return date(2026, 6, 15)


def issue(ess, issued_on, start=date(2025, 9, 1), end=date(2025, 11, 7)):
    return penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.mother,
        offence_start=start,
        offence_end=end,
        issued_on=issued_on,
        service_method="hand",
        rationale="Threshold met.",
        late_reason=LATE,
    )


def test_a_later_notice_counts_against_one_dated_before_it():
    assert counts_towards_limit(other_issued_on=date(2026, 2, 1), issue_on=date(2026, 1, 10))
    assert counts_towards_limit(other_issued_on=date(2029, 1, 9), issue_on=date(2026, 1, 10))
    assert not counts_towards_limit(other_issued_on=date(2029, 1, 10), issue_on=date(2026, 1, 10))


def test_two_later_notices_make_an_earlier_dated_one_a_third():
    others = [date(2026, 2, 1), date(2026, 6, 1)]
    assert notice_sequence(others_issued_on=others, issue_on=date(2026, 1, 10)) == 3
    assert next_notice_possible_on(others_issued_on=others, issue_on=date(2026, 1, 10)) == date(2029, 2, 1)


def test_a_notice_dated_before_two_on_record_is_refused_as_a_third(ess, june):
    issue(ess, date(2026, 2, 1))
    issue(ess, date(2026, 6, 1), start=date(2025, 11, 10), end=date(2025, 12, 5))
    with pytest.raises(PenaltyNoticeRefused) as refused:
        issue(ess, date(2026, 1, 10), start=date(2025, 9, 1), end=date(2025, 9, 26))
    message = refused.value.errors["parent"]
    assert "third penalty notice" in message
    assert "1 February 2026 and 1 June 2026" in message and "1 February 2029" in message
    assert PenaltyNotice.objects.filter(parent=ess.mother).count() == 2
    assert LegalDecision.objects.filter(kind=LegalDecision.Kind.ISSUE_PN).count() == 2  # nothing half-written


def test_a_notice_dated_before_one_on_record_is_a_second_at_160_pounds(ess, june):
    issue(ess, date(2026, 6, 1))
    earlier = issue(ess, date(2026, 1, 10), end=date(2025, 9, 26))
    assert earlier.sequence == 2 and earlier.discount_pence is None and earlier.full_pence == 16000


def test_a_withdrawn_later_notice_does_not_count(ess, june):
    later = issue(ess, date(2026, 6, 1))
    penalty_notice_withdraw(actor=ess.officer, notice=later, reason="Issued to the wrong parent.")
    earlier = issue(ess, date(2026, 1, 10), end=date(2025, 9, 26))
    assert earlier.sequence == 1 and earlier.discount_pence == 8000
