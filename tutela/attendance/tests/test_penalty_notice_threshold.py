"""The penalty-notice threshold at its edges: 10 sessions in a rolling 10 school weeks, across schools."""

from datetime import date, timedelta

import polars as pl

from tutela.attendance.measures import attendance_flags

UPN = "A801200005001"
MONDAY = date(2025, 9, 1)


def _weeks(
    weeks: int,
    *,
    school: str = "990001",
    unauthorised_in: set[int] | None = None,
    start: date = MONDAY,
    code: str = "N",
    skip: set[int] | None = None,
) -> list[tuple[str, str, str, str, str]]:
    """Marks for consecutive weeks; in the weeks named, the Monday morning mark is ``code``."""
    rows = []
    for week in range(weeks):
        if skip and week in skip:
            continue
        for weekday in range(5):
            day = start + timedelta(weeks=week, days=weekday)
            for session in ("AM", "PM"):
                mark = (
                    code if (unauthorised_in and week in unauthorised_in and weekday == 0 and session == "AM") else "/"
                )
                rows.append((UPN, school, day.isoformat(), session, mark))
    return rows


def _flags(rows, as_of=date(2026, 8, 31)) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=["upn", "school_urn", "date", "session", "code"], orient="row")
    return attendance_flags(frame.lazy(), as_of=as_of)


def test_exactly_ten_sessions_in_exactly_ten_school_weeks_is_met():
    flags = _flags(_weeks(10, unauthorised_in=set(range(10))))
    row = flags.row(0, named=True)
    assert row["pn_threshold_met"] is True
    assert (row["pn_window_start"], row["pn_window_end"]) == (date(2025, 9, 1), date(2025, 11, 9))


def test_ten_sessions_over_eleven_school_weeks_is_not_met():
    flags = _flags(_weeks(11, unauthorised_in=set(range(11)) - {1}))
    assert flags["pn_threshold_met"].to_list() == [False]
    assert flags["pn_window_start"].to_list() == [None]


def test_nine_sessions_is_not_met():
    assert _flags(_weeks(10, unauthorised_in=set(range(9))))["pn_threshold_met"].to_list() == [False]


def test_holiday_weeks_are_skipped_so_a_window_spans_christmas():
    # Five weeks before a two-week holiday and five after: ten school weeks, ten sessions.
    rows = _weeks(12, unauthorised_in=set(range(12)) - {5, 6}, skip={5, 6}, start=date(2025, 11, 17))
    row = _flags(rows).row(0, named=True)
    assert row["pn_threshold_met"] is True
    assert row["pn_window_start"] == date(2025, 11, 17)
    assert row["pn_window_end"] == date(2025, 11, 17) + timedelta(weeks=11, days=6)


def test_a_window_spans_a_change_of_school_and_is_reported_on_both_enrolments():
    rows = _weeks(5, school="990001", unauthorised_in=set(range(5)))
    rows += _weeks(5, school="990002", unauthorised_in=set(range(5)), start=MONDAY + timedelta(weeks=5))
    flags = _flags(rows)
    assert flags["school_urn"].to_list() == ["990001", "990002"]
    assert flags["pn_threshold_met"].to_list() == [True, True]
    assert set(flags["pn_window_start"].to_list()) == {MONDAY}


def test_the_earliest_qualifying_window_is_reported():
    flags = _flags(_weeks(20, unauthorised_in=set(range(20))))
    assert flags.row(0, named=True)["pn_window_start"] == MONDAY


def test_authorised_codes_do_not_count():
    assert _flags(_weeks(10, unauthorised_in=set(range(10)), code="I"))["pn_threshold_met"].to_list() == [False]


def test_each_counted_code_counts():
    for code in ("G", "N", "O", "U"):
        assert _flags(_weeks(10, unauthorised_in=set(range(10)), code=code))["pn_threshold_met"].to_list() == [True]


def test_marks_after_the_as_of_date_do_not_count():
    rows = _weeks(10, unauthorised_in=set(range(10)))
    assert _flags(rows, as_of=MONDAY + timedelta(weeks=8))["pn_threshold_met"].to_list() == [False]
