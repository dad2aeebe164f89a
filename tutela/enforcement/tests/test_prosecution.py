"""Prosecution: a named officer's decision, refused out of time (s127), clocks and warnings on the case."""

from datetime import date

import pytest

from tutela.casework.models import CaseTask
from tutela.enforcement.models import LegalDecision, Prosecution
from tutela.enforcement.selectors import case_clocks
from tutela.enforcement.services import prosecution_start, prosecution_update
from tutela.lib.errors import InvalidInput


def prosecute(ess, start=date(2025, 9, 1), end=date(2025, 12, 12), **overrides):
    values = {
        "offence": Prosecution.Offence.S444_1,
        "rationale": "Two notices unpaid; attendance unchanged.",
    } | overrides
    return prosecution_start(
        actor=ess.officer, case=ess.case, defendant=ess.mother, offence_start=start, offence_end=end, **values
    )


def test_prosecution_is_a_decision_with_an_s127_task(ess):
    prosecution = prosecute(ess)
    assert prosecution.decision.kind == LegalDecision.Kind.PROSECUTE
    task = CaseTask.objects.get(kind="s127")
    assert task.due_on == date(2026, 3, 1)  # six months from 1 September 2025
    assert task.warn_on == date(2026, 1, 30)


def test_a_period_wholly_out_of_time_is_refused(ess, time_machine):
    time_machine.move_to(date(2026, 6, 13))
    with pytest.raises(InvalidInput, match="12 June 2026"):
        prosecute(ess)
    assert not Prosecution.objects.exists()


def test_a_period_partly_out_of_time_may_still_be_prosecuted(ess, time_machine):
    time_machine.move_to(date(2026, 6, 12))
    assert prosecute(ess).pk


def test_laying_an_information_after_six_months_is_refused(ess, time_machine):
    prosecution = prosecute(ess)  # 1 September to 12 December 2025: the last day is in time to 12 June 2026
    with pytest.raises(InvalidInput, match="future"):
        prosecution_update(
            actor=ess.officer, prosecution=prosecution, changes={"information_laid_on": date(2026, 1, 16)}
        )
    time_machine.move_to(date(2026, 6, 20))
    with pytest.raises(InvalidInput, match="s127"):
        prosecution_update(
            actor=ess.officer, prosecution=prosecution, changes={"information_laid_on": date(2026, 6, 13)}
        )
    prosecution_update(
        actor=ess.officer,
        prosecution=prosecution,
        changes={"information_laid_on": date(2026, 1, 14), "court": "Dudley Magistrates' Court"},
    )
    assert CaseTask.objects.get(kind="s127").done_at is not None


def test_an_outcome_needs_its_date(ess):
    prosecution = prosecute(ess)
    with pytest.raises(InvalidInput):
        prosecution_update(actor=ess.officer, prosecution=prosecution, changes={"outcome": "convicted"})
    prosecution_update(
        actor=ess.officer,
        prosecution=prosecution,
        changes={
            "plea": "guilty",
            "outcome": "convicted",
            "outcome_on": date(2026, 1, 15),
            "fine_pence": 22000,
            "costs_pence": 15000,
        },
    )
    prosecution.refresh_from_db()
    assert prosecution.get_outcome_display() == "Convicted"


def test_the_case_shows_the_s127_clock_and_warns_30_days_before(ess, time_machine):
    prosecute(ess, start=date(2025, 9, 15))
    clocks = case_clocks(case=ess.case, today=date(2026, 2, 12))
    s127 = next(clock for clock in clocks if "(s127)" in clock.name)
    assert s127.due_on == date(2026, 3, 15) and s127.state == "in time"
    assert next(c for c in case_clocks(case=ess.case, today=date(2026, 2, 13)) if "(s127)" in c.name).state == "warning"


def test_a_paid_notice_has_no_s127_clock(ess):
    from tutela.enforcement.services import penalty_notice_issue, penalty_payment_record

    notice = penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=date(2026, 1, 12),
        service_method="hand",
        rationale="Threshold met.",
    )
    assert any("(s127)" in clock.name for clock in case_clocks(case=ess.case))
    penalty_payment_record(
        actor=ess.officer, reference=notice.reference, amount_pence=8000, received_on=date(2026, 1, 13)
    )
    assert not any("(s127)" in clock.name for clock in case_clocks(case=ess.case))
