"""The officer's dashboard (my cases, due and overdue tasks, clocks) and the manager's counts."""

from datetime import date, timedelta

from tutela.casework.services import task_add
from tutela.enforcement.selectors import manager_dashboard, officer_dashboard
from tutela.enforcement.services import (
    penalty_notice_issue,
    penalty_notice_withdraw,
    penalty_payment_record,
    prosecution_start,
    prosecution_update,
)


def test_the_officer_sees_overdue_due_soon_and_later_tasks_and_clocks(ess, today):
    for title, due in (
        ("Overdue", today - timedelta(days=1)),
        ("Soon", today + timedelta(days=3)),
        ("Later", today + timedelta(days=30)),
    ):
        task_add(actor=ess.officer, case=ess.case, title=title, due_on=due)
    prosecution_start(
        actor=ess.officer,
        case=ess.case,
        defendant=ess.mother,
        offence="s444(1)",
        offence_start=date(2025, 7, 21),  # whole period in time until 21 January 2026: within 30 days
        offence_end=date(2025, 12, 12),
        rationale="r",
    )
    board = officer_dashboard(actor=ess.officer, service="education-support")
    assert board.cases == [ess.case]
    assert [t.title for t in board.overdue] == ["Overdue"]
    assert [t.title for t in board.due_soon][:1] == ["Soon"]  # then the s127 task, now within its warning
    assert "Later" in [t.title for t in board.later]
    s127 = [clock for _case, clock in board.clocks if "(s127)" in clock.name]
    assert s127 and s127[0].state == "warning"


def test_the_manager_sees_counts_by_stage_and_outcome(ess, world):
    first = penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=date(2026, 1, 12),
        service_method="hand",
        rationale="r",
    )
    second = penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.father,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=date(2026, 1, 12),
        service_method="hand",
        rationale="r",
    )
    penalty_payment_record(
        actor=ess.officer, reference=first.reference, amount_pence=8000, received_on=date(2026, 1, 13)
    )
    penalty_notice_withdraw(actor=ess.officer, notice=second, reason="Wrong parent.")
    prosecution = prosecution_start(
        actor=ess.officer,
        case=ess.case,
        defendant=ess.mother,
        offence="s444(1)",
        offence_start=date(2025, 11, 10),
        offence_end=date(2025, 12, 12),
        rationale="r",
    )
    prosecution_update(
        actor=ess.officer, prosecution=prosecution, changes={"outcome": "convicted", "outcome_on": date(2026, 1, 15)}
    )
    board = manager_dashboard(controller=world.controllers["dudley"], service="education-support")
    assert board.notices["issued"] == 2 and board.notices["paid"] == 1 and board.notices["withdrawn"] == 1
    assert board.prosecutions == {"Convicted": 1}
    assert ("Prosecution", 1, 0) in board.by_stage
    assert board.caseload == [(ess.officer.get_full_name(), 1)]


def test_the_dashboard_works_on_29_february(ess, time_machine):
    from tutela.enforcement.services import step_record

    time_machine.move_to(date(2028, 2, 29))
    step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="attendance-contract",
        concerning=ess.mother,
        values={"agreed_on": date(2028, 2, 28), "review_on": date(2028, 3, 28), "terms": "Daily check-in."},
    )
    board = officer_dashboard(actor=ess.officer, service="education-support", today=date(2028, 2, 29))
    assert [clock.name for _case, clock in board.clocks] == ["Attendance contract review"]
