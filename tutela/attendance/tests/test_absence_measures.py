"""Possible sessions, absence rate, and persistent and severe absence decided on the exact fraction."""

from datetime import date, timedelta
from io import StringIO

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tutela.attendance.measures import FLAG_COLUMNS, attendance_flags, flags_csv

UPN = "A801200005001"
LATER = date(2030, 1, 1)  # after every mark these tests make


def _marks(codes: list[str]) -> pl.LazyFrame:
    start = date(2025, 9, 1)
    rows = [
        (UPN, "990001", (start + timedelta(days=i // 2)).isoformat(), "AM" if i % 2 == 0 else "PM", code)
        for i, code in enumerate(codes)
    ]
    return pl.DataFrame(rows, schema=["upn", "school_urn", "date", "session", "code"], orient="row").lazy()


def _row(codes: list[str]) -> dict[str, object]:
    return attendance_flags(_marks(codes), as_of=LATER).row(0, named=True)


def test_not_possible_and_administrative_codes_are_left_out_of_possible_sessions():
    row = _row(["/", "\\", "L", "K", "I", "N", "X", "Y1", "Y7", "Z", "#", "D", "Q"])
    assert row["possible_sessions"] == 6
    assert row["attended_sessions"] == 4
    assert (row["authorised_absence"], row["unauthorised_absence"]) == (1, 1)


def test_exactly_ten_percent_is_persistent_absence():
    row = _row(["/"] * 90 + ["N"] * 10)
    assert row["persistent_absence"] is True
    assert row["severe_absence"] is False


def test_just_under_ten_percent_is_not_even_if_it_rounds_to_ten():
    row = _row(["/"] * 1000 + ["I"] * 111)  # 9.99%: rounds to 10.0 but is not persistent absence
    assert row["persistent_absence"] is False
    csv = flags_csv(attendance_flags(_marks(["/"] * 1000 + ["I"] * 111), as_of=LATER))
    assert csv.splitlines()[1].split(",")[6] == "10.0"


def test_exactly_fifty_percent_is_severe_absence():
    row = _row(["/"] * 10 + ["G"] * 5 + ["I"] * 5)
    assert row["severe_absence"] is True and row["persistent_absence"] is True


def test_csv_has_the_exact_header_and_formats(tmp_path):
    csv = flags_csv(attendance_flags(_marks(["/"] * 3 + ["N"]), as_of=date(2026, 8, 31)))
    header, line = csv.splitlines()
    assert header.split(",") == FLAG_COLUMNS
    assert line == f"{UPN},990001,4,3,0,1,25.0,1,0,0,,"


def test_command_reads_parquet_and_writes_the_csv(tmp_path):
    path = tmp_path / "marks.parquet"
    _marks(["/"] * 8 + ["N"] * 2).collect().write_parquet(path)
    out = tmp_path / "flags.csv"
    call_command(
        "attendance_flags", "--as-of", "2026-08-31", "--out", str(out), "--marks", str(path), stdout=StringIO()
    )
    assert out.read_text().splitlines()[1] == f"{UPN},990001,10,8,0,2,20.0,1,0,0,,"


def test_command_accepts_date_typed_columns(tmp_path):
    path = tmp_path / "marks.parquet"
    _marks(["/", "N"]).with_columns(pl.col("date").str.to_date()).collect().write_parquet(path)
    out = tmp_path / "flags.csv"
    call_command(
        "attendance_flags", "--as-of", "2026-08-31", "--out", str(out), "--marks", str(path), stdout=StringIO()
    )
    assert out.read_text().splitlines()[1].startswith(f"{UPN},990001,2,1,0,1,50.0")


def test_command_refuses_a_bad_date_and_missing_columns(tmp_path):
    path = tmp_path / "marks.parquet"
    pl.DataFrame({"upn": [UPN], "date": ["2025-09-01"]}).write_parquet(path)
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command(
            "attendance_flags", "--as-of", "31/08/2026", "--out", str(tmp_path / "x.csv"), "--marks", str(path)
        )
    with pytest.raises(CommandError, match="no column"):
        call_command(
            "attendance_flags", "--as-of", "2026-08-31", "--out", str(tmp_path / "x.csv"), "--marks", str(path)
        )
