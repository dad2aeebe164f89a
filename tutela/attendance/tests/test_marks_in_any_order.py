"""The flags do not depend on the order of the marks: pupil by pupil (added up in runs of
consecutive rows), by date (grouped by hashing) or shuffled give the same table."""

import random
from datetime import date, timedelta

import polars as pl
import pytest

from tutela.attendance.measures import MOST_MARKS_IN_A_RUN, attendance_flags, mark_runs

AS_OF = date(2026, 7, 31)


def _marks() -> pl.DataFrame:
    rng = random.Random(11)
    rows = []
    for number in range(12):
        upn = f"A80120000{number:04d}"
        for day in (date(2025, 9, 1) + timedelta(days=n) for n in range(120)):
            if day.weekday() < 5:
                school = "990002" if number % 4 == 0 and day.month >= 11 else "990001"
                for session in ("AM", "PM"):
                    code = rng.choice(["N", "G", "I"]) if rng.random() < number / 20 else "/"
                    rows.append((upn, school, day.isoformat(), session, code))
    return pl.DataFrame(rows, schema=["upn", "school_urn", "date", "session", "code"], orient="row")


def test_marks_by_date_or_shuffled_give_the_same_flags_as_pupil_by_pupil():
    marks = _marks()
    expected = attendance_flags(marks.lazy(), as_of=AS_OF)
    assert expected["pn_threshold_met"].any()
    by_date = marks.sort("date", "session", "upn")
    shuffled = marks.sample(fraction=1.0, shuffle=True, seed=3)
    for reordered in (by_date, shuffled):
        assert attendance_flags(reordered.lazy(), as_of=AS_OF).equals(expected)


def test_more_marks_for_one_pupil_school_and_week_than_can_be_counted_are_refused():
    one_week = pl.DataFrame(
        {"upn": "A801200000001", "school_urn": "990001", "date": "2025-09-01", "session": "AM", "code": "/"}
    ).select(pl.all().repeat_by(MOST_MARKS_IN_A_RUN + 1).explode())
    with pytest.raises(ValueError, match="more than"):
        mark_runs(one_week.lazy(), as_of=AS_OF)


def test_the_command_reports_marks_it_cannot_count_as_an_error(tmp_path):
    from django.core.management import CommandError, call_command

    one_week = pl.DataFrame(
        {"upn": "A801200000001", "school_urn": "990001", "date": "2025-09-01", "session": "AM", "code": "/"}
    ).select(pl.all().repeat_by(MOST_MARKS_IN_A_RUN + 1).explode())
    one_week.write_parquet(tmp_path / "marks.parquet")
    with pytest.raises(CommandError, match="repeats marks"):
        call_command(
            "attendance_flags",
            "--as-of",
            "2026-07-31",
            "--marks",
            str(tmp_path / "marks.parquet"),
            "--out",
            str(tmp_path / "flags.csv"),
        )
