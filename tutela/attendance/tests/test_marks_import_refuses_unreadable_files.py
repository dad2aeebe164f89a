"""A marks file that cannot be read (CSV or Parquet) is refused with its line, row or file named; nothing is written."""

import csv
from io import StringIO

import polars as pl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tutela.attendance.models import AttendanceYear, MarkImport

HEADER = b"upn,school_urn,date,session,code"


@pytest.fixture
def good(casework):
    return f"{casework.child.upn},{casework.school.urn},2025-09-01,AM,/".encode()


def _refused(path) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported") as refused:
        call_command("attendance_import", str(path), stdout=StringIO(), stderr=err)
    assert not AttendanceYear.objects.exists() and not MarkImport.objects.exists()
    return err.getvalue() + str(refused.value)


def _csv(tmp_path, *lines: bytes):
    path = tmp_path / "marks.csv"
    path.write_bytes(b"\n".join([HEADER, *lines]))
    return path


def test_bad_utf8_names_its_line(tmp_path, good):
    assert "line 3: the file is not UTF-8" in _refused(_csv(tmp_path, good, good.replace(b"AM", b"\xa0M")))


def test_nul_bytes_are_refused(tmp_path, good):
    assert "line 2: the file contains a NUL byte" in _refused(_csv(tmp_path, good.replace(b",/", b",\x00")))


def test_a_value_over_the_csv_limit_names_its_line(tmp_path, good):
    huge = b'"' + b"/" * (csv.field_size_limit() + 1) + b'"'
    assert "line 3: a value is longer than" in _refused(_csv(tmp_path, good, good.replace(b"/", huge)))


def test_a_truncated_last_line_names_its_line(tmp_path, good):
    assert "line 3: expected 5 values, found 3" in _refused(_csv(tmp_path, good, good[:-7]))


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("attendance_import", str(tmp_path / "absent.csv"), stdout=StringIO(), stderr=StringIO())


def _parquet(tmp_path, casework, code):
    path = tmp_path / "marks.parquet"
    pl.DataFrame(
        {
            "upn": [casework.child.upn] * 2,
            "school_urn": [casework.school.urn] * 2,
            "date": ["2025-09-01", "2025-09-02"],
            "session": ["AM", "AM"],
            "code": ["/", code],
        }
    ).write_parquet(path)
    return path


def test_a_truncated_parquet_file_is_named(tmp_path, casework):
    path = _parquet(tmp_path, casework, "/")
    path.write_bytes(path.read_bytes()[:-20])
    assert f"{path}: cannot be read as marks" in _refused(path)


def test_a_parquet_row_with_a_value_missing_names_its_row(tmp_path, casework):
    assert "row 2: code: missing" in _refused(_parquet(tmp_path, casework, None))


def test_a_file_that_is_not_parquet_is_named(tmp_path, db):
    path = tmp_path / "marks.parquet"
    path.write_bytes(b"upn,school_urn\n")
    assert "cannot be read as marks" in _refused(path)
