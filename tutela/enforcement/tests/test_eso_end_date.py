"""An education supervision order has effect for one year beginning with the day it is made
(Children Act 1989 Sch 3 para 15(1)): its last day is the day before the first anniversary."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tutela.casework.models import CaseTask
from tutela.enforcement.rules import eso_last_day
from tutela.enforcement.services import step_record


def test_an_order_made_on_1_march_2026_is_last_in_force_on_28_february_2027():
    assert eso_last_day(date(2026, 3, 1)) == date(2027, 2, 28)


def test_an_order_made_on_31_august_is_last_in_force_on_30_august_next_year():
    assert eso_last_day(date(2026, 8, 31)) == date(2027, 8, 30)


def test_a_year_beginning_with_1_march_2027_ends_on_29_february_2028():
    assert eso_last_day(date(2027, 3, 1)) == date(2028, 2, 29)


def test_an_order_made_on_29_february_ends_on_28_february_as_the_anniversary_is_1_march():
    assert eso_last_day(date(2028, 2, 29)) == date(2029, 2, 28)
    assert eso_last_day(date(2028, 2, 28)) == date(2029, 2, 27)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)))
def test_an_order_is_in_force_for_each_calendar_date_once(made_on):
    last = eso_last_day(made_on)
    days = (last - made_on).days + 1
    spans_leap_day = any(
        (made_on + timedelta(days=n)).month == 2 and (made_on + timedelta(days=n)).day == 29 for n in range(days)
    )
    assert days == (366 if spans_leap_day else 365)


def test_the_case_clock_and_task_show_the_last_day_in_force(ess, time_machine):
    time_machine.move_to(date(2026, 3, 2))
    entry = step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="eso-application",
        values={"applied_on": date(2026, 2, 2), "court": "Dudley Family Court", "made_on": date(2026, 3, 1)},
        rationale="Persistent absence; the family will accept a supervisor's help.",
    )
    task = CaseTask.objects.get(case=ess.case, about__startswith=f"step:{entry.pk}:")
    assert task.due_on == date(2027, 2, 28)
