"""attendance_flags --marks over several Parquet files writes the same CSV as the flags of all the
marks at once: files are read one at a time when each pupil's marks are in one file, and all
together (with a note) when they are not."""

import random
from datetime import date, timedelta
from io import StringIO

import polars as pl
from django.core.management import call_command

from tutela.attendance.measures import attendance_flags, flags_csv, parquet_file_flags

AS_OF = date(2026, 3, 31)
FIRST_DAY = date(2025, 9, 1)
CHRISTMAS = (date(2025, 12, 22), date(2026, 1, 2))


def _school_days() -> list[date]:
    days = (FIRST_DAY + timedelta(days=n) for n in range(7 * 30))
    return [day for day in days if day.weekday() < 5 and not CHRISTMAS[0] <= day <= CHRISTMAS[1]]


def _year(pupils: int = 30, seed: int = 6) -> pl.DataFrame:
    """Pupils with every kind of absence, a third moving school in the spring, some marks after AS_OF."""
    rng = random.Random(seed)
    rows = []
    for number in range(pupils):
        upn = f"A80120000{number:04d}"
        absence = rng.choice([0.0, 0.05, 0.15, 0.4, 0.7])
        moves_on = date(2026, 2, 9) if number % 3 == 0 else None
        for day in _school_days():
            school = "990002" if moves_on and day >= moves_on else "990001"
            for session in ("AM", "PM"):
                code = rng.choice(["N", "G", "O", "I", "M"]) if rng.random() < absence else "/"
                code = "X" if rng.random() < 0.01 else code
                rows.append((upn, school, day.isoformat(), session, code))
    return pl.DataFrame(rows, schema=["upn", "school_urn", "date", "session", "code"], orient="row")


def _command_csv(tmp_path, pattern: str) -> tuple[str, str]:
    out, stderr = tmp_path / "flags.csv", StringIO()
    arguments = ["--as-of", AS_OF.isoformat(), "--out", str(out), "--marks", str(tmp_path / pattern)]
    call_command("attendance_flags", *arguments, stdout=StringIO(), stderr=stderr)
    return out.read_text(encoding="utf-8"), stderr.getvalue()


def test_files_split_by_pupil_give_the_same_csv_as_all_the_marks_at_once(tmp_path):
    marks = _year()
    flags = attendance_flags(marks.lazy(), as_of=AS_OF)
    assert flags["pn_threshold_met"].any() and flags["upn"].n_unique() < flags.height  # met; moves
    expected = flags_csv(flags)
    pupils = marks["upn"].unique().sort().to_list()
    # File names out of UPN order, so the pieces must be put back in order.
    for name, share in zip(("c", "a", "b"), (pupils[:10], pupils[10:20], pupils[20:]), strict=True):
        marks.filter(pl.col("upn").is_in(share)).write_parquet(tmp_path / f"marks-{name}.parquet")
    csv, stderr = _command_csv(tmp_path, "marks-*.parquet")
    assert csv == expected
    assert stderr == ""


def test_files_split_by_month_give_the_same_csv_read_together_with_a_note(tmp_path):
    marks = _year()
    expected = flags_csv(attendance_flags(marks.lazy(), as_of=AS_OF))
    month = pl.col("date").str.slice(0, 7)
    for (name,), part in marks.with_columns(month.alias("month")).group_by("month"):
        part.drop("month").write_parquet(tmp_path / f"marks-{name}.parquet")
    csv, stderr = _command_csv(tmp_path, "marks-*.parquet")
    assert csv == expected
    assert "more than one file" in stderr


def test_a_file_read_in_small_batches_gives_the_same_flags(tmp_path):
    marks = _year()
    path = tmp_path / "marks.parquet"
    marks.with_columns(pl.col("date").str.to_date()).write_parquet(path)
    expected = attendance_flags(marks.lazy(), as_of=AS_OF)
    assert parquet_file_flags(str(path), as_of=AS_OF, batch=997).equals(expected)
