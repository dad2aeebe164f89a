"""Importing marks: all or nothing, the same file twice is a no-op, corrections are kept as history."""

from datetime import date, timedelta
from io import StringIO

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tutela.attendance.models import AttendanceYear, MarkChange, MarkImport
from tutela.attendance.packing import unpack

MONDAY = date(2025, 9, 1)


@pytest.fixture
def pupil(casework):
    return casework.child, casework.school


def _csv(tmp_path, pupil, marks, name="marks.csv"):
    child, school = pupil
    lines = ["upn,school_urn,date,session,code"]
    lines += [f"{child.upn},{school.urn},{day.isoformat()},{session},{code}" for day, session, code in marks]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


def _ten_weeks(code_on_mondays="N"):
    marks = []
    for week in range(10):
        for weekday in range(5):
            day = MONDAY + timedelta(weeks=week, days=weekday)
            marks.append((day, "AM", code_on_mondays if weekday == 0 else "/"))
            marks.append((day, "PM", "\\"))
    return marks


def _import(path, user=None):
    out = StringIO()
    call_command("attendance_import", str(path), *(["--user", user] if user else []), stdout=out, stderr=StringIO())
    return out.getvalue()


def _flags(tmp_path, as_of="2026-08-31"):
    out = tmp_path / "flags.csv"
    call_command("attendance_flags", "--as-of", as_of, "--out", str(out), stdout=StringIO())
    return out.read_text().splitlines()


def test_import_stores_one_packed_row_per_pupil_year_and_flags_read_it(tmp_path, pupil):
    output = _import(_csv(tmp_path, pupil, _ten_weeks()))
    assert "100 marks added, 0 changed" in output
    assert AttendanceYear.objects.count() == 1
    child, school = pupil
    assert _flags(tmp_path)[1] == f"{child.upn},{school.urn},100,90,0,10,10.0,1,0,1,2025-09-01,2025-11-09"


def test_the_same_file_twice_is_a_no_op(tmp_path, pupil):
    path = _csv(tmp_path, pupil, _ten_weeks())
    _import(path)
    stored = AttendanceYear.objects.get().marks
    assert "0 marks added, 0 changed, 100 unchanged" in _import(path)
    assert AttendanceYear.objects.get().marks == stored
    assert MarkImport.objects.count() == 1


def test_n_later_corrected_to_authorised_no_longer_counts_and_history_is_kept(tmp_path, pupil, world):
    _import(_csv(tmp_path, pupil, _ten_weeks()))
    correction = [(MONDAY + timedelta(weeks=4), "AM", "M")]
    assert "0 marks added, 1 changed" in _import(
        _csv(tmp_path, pupil, correction, name="fix.csv"), user=world.users["team_colleague"].username
    )
    change = MarkChange.objects.get()
    assert (change.old_code, change.new_code, change.date) == ("N", "M", MONDAY + timedelta(weeks=4))
    assert change.batch.imported_by == world.users["team_colleague"]
    assert _flags(tmp_path)[1].split(",")[9] == "0"  # nine unauthorised sessions now


@pytest.mark.parametrize(
    ("mark", "message"),
    [
        ((MONDAY, "AM", "H"), "line 3: code: 'H' is not an attendance code"),
        ((MONDAY, "XX", "/"), "line 3: session: 'XX' is not AM or PM"),
        ((MONDAY, "AM", "N"), "line 3: code: 'N' differs from '/' for the same session at line 2"),
    ],
)
def test_one_bad_line_imports_nothing(tmp_path, pupil, mark, message):
    path = _csv(tmp_path, pupil, [(MONDAY, "AM", "/"), mark])
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("attendance_import", str(path), stdout=StringIO(), stderr=err)
    assert message in err.getvalue()
    assert not AttendanceYear.objects.exists()


def test_a_bad_upn_check_letter_is_named(tmp_path, pupil):
    child, school = pupil
    path = tmp_path / "bad.csv"
    wrong = ("A" if child.upn[0] != "A" else "B") + child.upn[1:]
    path.write_text(f"upn,school_urn,date,session,code\n{wrong},{school.urn},2025-09-01,AM,/\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("attendance_import", str(path), stdout=StringIO(), stderr=err)
    assert "line 2: upn: The UPN's check letter does not match its digits" in err.getvalue()


def test_parquet_input_and_stored_marks_give_the_same_flags(tmp_path, pupil):
    child, school = pupil
    frame = pl.DataFrame(
        [(child.upn, school.urn, d.isoformat(), s, c) for d, s, c in _ten_weeks()],
        schema=["upn", "school_urn", "date", "session", "code"],
        orient="row",
    )
    parquet = tmp_path / "marks.parquet"
    frame.write_parquet(parquet)
    _import(parquet)
    from_db = _flags(tmp_path)
    out = tmp_path / "from-parquet.csv"
    call_command(
        "attendance_flags", "--as-of", "2026-08-31", "--out", str(out), "--marks", str(parquet), stdout=StringIO()
    )
    assert out.read_text().splitlines() == from_db


def test_unpacking_finds_every_mark_in_its_slot():
    from tutela.attendance.packing import EMPTY_YEAR, slot_of

    packed = bytearray(EMPTY_YEAR.encode())
    for day, session, code in [
        (date(2025, 9, 1), "AM", "/"),
        (date(2026, 2, 28), "PM", "Y7"),
        (date(2026, 8, 31), "PM", "#"),
    ]:
        start = slot_of(day, session) * 2
        packed[start : start + 2] = code.ljust(2).encode()
    frame = unpack([("U", "S", 2025, packed.decode())])
    assert frame.select("date", "session", "code").rows() == [
        (date(2025, 9, 1), "AM", "/"),
        (date(2026, 2, 28), "PM", "Y7"),
        (date(2026, 8, 31), "PM", "#"),
    ]
