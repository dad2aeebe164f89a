"""The law's clocks at their edges: receipt by post, s127 six months, s437 and s438 fifteen days, NTI weeks."""

from datetime import date, timedelta

import pytest

from tutela.enforcement.rules import (
    ServiceMethod,
    deemed_receipt,
    improvement_period_ends,
    information_deadline,
    offence_clock,
    s437_earliest_date,
    s438_choice_ends,
)


def test_by_hand_a_notice_is_received_the_same_day():
    assert deemed_receipt(sent_on=date(2026, 3, 5), method=ServiceMethod.HAND) == date(2026, 3, 5)


def test_first_class_post_is_received_on_the_second_working_day_after_posting():
    assert deemed_receipt(sent_on=date(2026, 3, 5), method=ServiceMethod.FIRST_CLASS_POST) == date(2026, 3, 9)


def test_bank_holidays_are_not_working_days():
    # Posted Thursday 24 December 2026: 25 Dec, the weekend and Monday 28 Dec (Boxing Day substitute) are skipped.
    assert deemed_receipt(sent_on=date(2026, 12, 24), method=ServiceMethod.FIRST_CLASS_POST) == date(2026, 12, 30)


def test_the_working_days_for_post_are_configurable(settings):
    settings.TUTELA_ENFORCEMENT = {**settings.TUTELA_ENFORCEMENT, "post_working_days": {"first_class_post": 1}}
    assert deemed_receipt(sent_on=date(2026, 3, 5), method=ServiceMethod.FIRST_CLASS_POST) == date(2026, 3, 6)


def test_s127_six_months_from_the_offence():
    assert information_deadline(date(2026, 3, 1)) == date(2026, 9, 1)
    assert information_deadline(date(2025, 8, 31)) == date(2026, 2, 28)
    assert information_deadline(date(2027, 8, 31)) == date(2028, 2, 29)


def test_s127_clock_for_an_offence_period():
    clock = offence_clock(period_start=date(2026, 1, 5), period_end=date(2026, 3, 13))
    assert clock.whole_period_by == date(2026, 7, 5)
    assert clock.any_part_by == date(2026, 9, 13)
    assert clock.warn_from == date(2026, 6, 5)
    assert clock.state_on(date(2026, 6, 4)) == "in time"
    assert clock.state_on(date(2026, 6, 5)) == "warning"
    assert clock.state_on(date(2026, 7, 5)) == "warning"
    assert clock.state_on(date(2026, 7, 6)) == "partly out of time"
    assert clock.state_on(date(2026, 9, 13)) == "partly out of time"
    assert clock.state_on(date(2026, 9, 14)) == "out of time"


def test_s437_gives_at_least_15_days_beginning_with_the_day_of_service():
    assert s437_earliest_date(date(2026, 3, 2)) == date(2026, 3, 16)
    assert (s437_earliest_date(date(2026, 3, 2)) - date(2026, 3, 2)).days + 1 == 15


def test_s438_choice_window_is_15_days():
    assert s438_choice_ends(date(2026, 3, 2)) == date(2026, 3, 16)


def test_an_improvement_period_skips_holiday_weeks():
    received = date(2025, 12, 5)  # Friday; the school is shut 22 December to 2 January
    school_days = frozenset(
        d
        for d in (date(2025, 12, 1) + timedelta(days=n) for n in range(60))
        if d.weekday() < 5 and not date(2025, 12, 22) <= d <= date(2026, 1, 2)
    )
    assert improvement_period_ends(received_on=received, school_weeks=3, school_days=school_days) == date(2026, 1, 9)
    assert improvement_period_ends(received_on=received, school_weeks=3, school_days=None) == date(2025, 12, 26)


@pytest.mark.parametrize("weeks", [2, 7])
def test_an_improvement_period_is_3_to_6_school_weeks(weeks):
    with pytest.raises(ValueError, match="3 to 6"):
        improvement_period_ends(received_on=date(2026, 3, 2), school_weeks=weeks, school_days=None)


def test_weeks_beyond_the_calendar_held_count_as_school_weeks():
    # Served in late July with only this year's calendar loaded: no endless search for a school day.
    school_days = frozenset({date(2027, 7, 1)})
    assert improvement_period_ends(received_on=date(2027, 7, 14), school_weeks=4, school_days=school_days) == date(
        2027, 8, 11
    )
