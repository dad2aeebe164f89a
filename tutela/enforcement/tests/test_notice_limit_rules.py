"""At most two notices per parent per child in three years: edges of the rolling period and of the framework."""

from datetime import date

from tutela.enforcement.rules import counts_towards_limit, next_notice_possible_on, notice_sequence

FIRST = date(2025, 1, 10)


def test_a_notice_three_years_less_a_day_before_still_counts():
    assert counts_towards_limit(other_issued_on=FIRST, issue_on=date(2028, 1, 9))


def test_a_notice_exactly_three_years_before_no_longer_counts():
    assert not counts_towards_limit(other_issued_on=FIRST, issue_on=date(2028, 1, 10))


def test_notices_before_the_framework_began_do_not_count():
    assert not counts_towards_limit(other_issued_on=date(2024, 8, 18), issue_on=date(2025, 1, 1))
    assert counts_towards_limit(other_issued_on=date(2024, 8, 19), issue_on=date(2025, 1, 1))


def test_a_leap_day_notice_stops_counting_on_28_february_three_years_on():
    assert counts_towards_limit(other_issued_on=date(2028, 2, 29), issue_on=date(2031, 2, 27))
    assert not counts_towards_limit(other_issued_on=date(2028, 2, 29), issue_on=date(2031, 2, 28))


def test_sequence_counts_first_second_and_third():
    assert notice_sequence(others_issued_on=[], issue_on=date(2026, 1, 1)) == 1
    assert notice_sequence(others_issued_on=[FIRST], issue_on=date(2026, 1, 1)) == 2
    assert notice_sequence(others_issued_on=[FIRST, date(2025, 6, 1)], issue_on=date(2026, 1, 1)) == 3
    assert notice_sequence(others_issued_on=[FIRST, date(2025, 6, 1)], issue_on=date(2028, 1, 10)) == 2


def test_the_next_notice_is_possible_when_the_oldest_counted_one_lapses():
    assert next_notice_possible_on(others_issued_on=[FIRST, date(2025, 6, 1)], issue_on=date(2026, 1, 1)) == date(
        2028, 1, 10
    )
