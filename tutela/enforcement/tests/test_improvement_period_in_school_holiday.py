"""An improvement period ending in a school holiday (a closure of a school week or more) is flagged
on the case; a bank-holiday weekend or an INSET day is not a holiday."""

from datetime import date, timedelta

import pytest

from tutela.attendance.models import CalendarPeriod, SchoolCalendar
from tutela.enforcement.rules import SchoolClosure, school_holiday_on
from tutela.enforcement.selectors import case_clocks
from tutela.enforcement.services import step_record

TERMS = (
    (date(2025, 9, 1), date(2025, 12, 19)),
    (date(2026, 1, 5), date(2026, 2, 13)),
    (date(2026, 2, 23), date(2026, 3, 27)),
    (date(2026, 4, 13), date(2026, 7, 22)),
)


def weekdays(start: date, end: date) -> set[date]:
    return {d for d in (start + timedelta(days=n) for n in range((end - start).days + 1)) if d.weekday() < 5}


SCHOOL_DAYS = frozenset(set().union(*(weekdays(*term) for term in TERMS)) - {date(2026, 5, 4), date(2026, 1, 30)})


def test_a_day_in_half_term_is_in_a_school_holiday():
    assert school_holiday_on(date(2026, 2, 19), SCHOOL_DAYS) == SchoolClosure(date(2026, 2, 14), date(2026, 2, 22))


def test_a_bank_holiday_weekend_or_an_inset_day_is_not_a_holiday():
    assert school_holiday_on(date(2026, 5, 4), SCHOOL_DAYS) is None  # early May bank holiday
    assert school_holiday_on(date(2026, 1, 31), SCHOOL_DAYS) is None  # INSET Friday and the weekend


def test_a_school_day_or_a_day_beyond_the_calendar_is_not_flagged():
    assert school_holiday_on(date(2026, 2, 12), SCHOOL_DAYS) is None
    assert school_holiday_on(date(2026, 8, 10), SCHOOL_DAYS) is None
    assert school_holiday_on(date(2026, 2, 19), None) is None


@pytest.fixture
def calendar(ess):
    calendar = SchoolCalendar.objects.create(school=ess.school, academic_year=2025)
    for start, end in TERMS:
        CalendarPeriod.objects.create(calendar=calendar, kind=CalendarPeriod.Kind.TERM, starts_on=start, ends_on=end)
    return calendar


def nti(ess, weeks):
    return step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="notice-to-improve",
        concerning=ess.mother,
        rationale="Support has not improved attendance.",
        values={
            "served_on": date(2026, 1, 15),
            "service_method": "hand",
            "improvement_weeks": weeks,
            "support_offered": "x",
        },
    )


def test_an_improvement_period_ending_in_half_term_is_flagged_on_the_case(ess, calendar, unrendered_letters, sign_in):
    nti(ess, weeks=5)  # received Thursday 15 January: the fifth school week ends Thursday 19 February
    clock = next(c for c in case_clocks(case=ess.case) if c.name == "Improvement period ends")
    assert clock.due_on == date(2026, 2, 19)
    assert clock.detail.startswith("Ends in a school holiday (no school 14 February to 22 February 2026)")
    page = sign_in(ess.officer).get(f"/enforcement/cases/{ess.case.pk}/").content.decode()
    assert "Ends in a school holiday" in page


def test_an_improvement_period_ending_in_term_is_not_flagged(ess, calendar, unrendered_letters):
    nti(ess, weeks=4)
    clock = next(c for c in case_clocks(case=ess.case) if c.name == "Improvement period ends")
    assert clock.due_on == date(2026, 2, 12) and clock.detail == ""
