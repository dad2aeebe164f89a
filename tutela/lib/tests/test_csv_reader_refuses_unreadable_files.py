"""The one CSV reader of every import: a file it cannot read is refused whole, each problem by line."""

import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutela.lib.csvfiles import CsvFileError, read_csv_table

COLUMNS = ["a", "b"]


def _read(tmp_path, content: bytes, exact: bool = True):
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    return read_csv_table(path, columns=COLUMNS, exact=exact)


def _problems(tmp_path, content: bytes, exact: bool = True) -> list[str]:
    with pytest.raises(CsvFileError) as refused:
        _read(tmp_path, content, exact)
    return refused.value.problems


def test_rows_are_keyed_by_column_with_the_line_they_start_on(tmp_path):
    rows = _read(tmp_path, b'\xef\xbb\xbfa,b\n1,2\n\n"three\nlines",4\r\n5,6\n')
    assert [(row.line, row.values) for row in rows] == [
        (2, {"a": "1", "b": "2"}),
        (4, {"a": "three\nlines", "b": "4"}),
        (6, {"a": "5", "b": "6"}),
    ]


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CsvFileError, match="no such file"):
        read_csv_table(tmp_path / "absent.csv", columns=COLUMNS, exact=True)


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(CsvFileError, match="cannot be read"):
        read_csv_table(tmp_path, columns=COLUMNS, exact=True)


def test_bad_utf8_names_its_line(tmp_path):
    assert _problems(tmp_path, b"a,b\n1,2\nCaf\xe9,3\n") == [
        "line 3: the file is not UTF-8 (byte 0xe9); save it as CSV UTF-8"
    ]


def test_nul_bytes_are_refused(tmp_path):
    assert _problems(tmp_path, b"a,b\n1,2\x00\n") == ["line 2: the file contains a NUL byte; it is not a CSV text file"]


def test_a_field_over_the_limit_names_its_line(tmp_path):
    huge = b"x" * (csv.field_size_limit() + 1)
    assert _problems(tmp_path, b'a,b\n1,2\n3,"' + huge + b'"\n') == [
        f"line 3: a value is longer than {csv.field_size_limit():,} characters (is a quote left open?)"
    ]


def test_a_quote_never_closed_names_the_line_it_opens_on(tmp_path):
    assert _problems(tmp_path, b'a,b\n1,2\n3,"4\n5,6\n') == [
        "line 3: the file ends inside a quoted value (a quote is never closed)"
    ]


def test_short_and_long_lines_are_each_named(tmp_path):
    assert _problems(tmp_path, b"a,b\n1\n1,2\n1,2,3\n") == [
        "line 2: expected 2 values, found 1",
        "line 4: expected 2 values, found 3",
    ]


def test_the_header_must_be_exact_or_complete(tmp_path):
    assert _problems(tmp_path, b"b,a\n") == ["line 1: the header must be exactly a,b"]
    assert _problems(tmp_path, b"", exact=False) == ["line 1: header: missing columns: a, b"]
    assert _problems(tmp_path, b"a,b,a\n", exact=False) == ["line 1: header: columns named twice: a"]
    assert _read(tmp_path, b"b,extra,a\n1,2,3\n", exact=False)[0].values == {"b": "1", "extra": "2", "a": "3"}


@given(st.binary(max_size=300))
def test_any_bytes_are_rows_or_a_refusal_never_a_traceback(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("any") / "file.csv"
    path.write_bytes(b"a,b\n" + content)
    try:
        rows = read_csv_table(path, columns=COLUMNS, exact=True)
    except CsvFileError as refused:
        assert refused.problems and all(problem.startswith("line ") for problem in refused.problems)
        return
    assert all(set(row.values) == set(COLUMNS) for row in rows)
