"""The one CSV writer: no cell Tutela writes can run as a spreadsheet formula (OWASP CSV injection)."""

import csv
import io
import re
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutela.lib.csvfiles import FORMULA_START, csv_text, csv_text_of_dicts, frame_csv, safe_cell, write_frame_csv

HYPERLINK = '=HYPERLINK("http://evil.example/","x")'


def _would_run(cell: str) -> bool:
    """A spreadsheet runs a cell that starts (after any spaces) with =, +, -, @, tab or CR, unless it is a number."""
    return cell.lstrip(" ").startswith(FORMULA_START) and not re.fullmatch(r" *-?[0-9]+(\.[0-9]+)?", cell)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+44 7700 900123", "'+44 7700 900123"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (" =1+1", "' =1+1"),
        ("-1\n", "'-1\n"),
        ("Kit Example", "Kit Example"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_text_that_would_run_gets_a_leading_quote(value, written):
    assert safe_cell(value) == written


@pytest.mark.parametrize("value", ["-12", "-0.5", "12", " -3", -12, -0.5, None])
def test_numbers_stay_numbers(value):
    assert safe_cell(value) == value


def test_csv_text_and_dict_rows_neutralise_every_cell():
    text = csv_text(["name", "amount"], [[HYPERLINK, -80], ["@x", "-1.50"]])
    assert list(csv.reader(io.StringIO(text))) == [["name", "amount"], ["'" + HYPERLINK, "-80"], ["'@x", "-1.50"]]
    text = csv_text_of_dicts(["name", "missing"], [{"name": "+1", "extra": "ignored"}])
    assert list(csv.reader(io.StringIO(text))) == [["name", "missing"], ["'+1", ""]]


def test_polars_frames_are_neutralised_in_text_columns_only(tmp_path):
    frame = pl.DataFrame({"upn": [HYPERLINK, "A1", "-7", None], "count": [-1, 2, 3, 4]})
    expected = [["upn", "count"], ["'" + HYPERLINK, "-1"], ["A1", "2"], ["-7", "3"], ["", "4"]]
    assert list(csv.reader(io.StringIO(frame_csv(frame)))) == expected
    write_frame_csv(frame, tmp_path / "out.csv")
    assert list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text()))) == expected


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_no_written_cell_would_run_and_nothing_else_changes(cells):
    text = csv_text([f"c{n}" for n in range(len(cells))], [cells])
    written = list(csv.reader(io.StringIO(text, newline="")))[1]
    for before, after in zip(cells, written, strict=True):
        assert not _would_run(after)
        assert after in (before, "'" + before)


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_polars_frames_are_neutralised_as_python_rows_are(cells):
    written = list(csv.reader(io.StringIO(frame_csv(pl.DataFrame({"cell": cells})), newline="")))[1:]
    assert [row[0] if row else "" for row in written] == [safe_cell(cell) for cell in cells]


def test_every_csv_tutela_writes_goes_through_the_safe_writer():
    """csv.writer, DictWriter and Polars' CSV writers are used in tutela/lib/csvfiles.py only."""
    root = Path(__file__).resolve().parents[2]
    writers = re.compile(r"csv\.writer\(|csv\.DictWriter\(|\.write_csv\(|\.to_csv\(|\.sink_csv\(")
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if "tests" not in path.parts and path.name != "csvfiles.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if writers.search(line)
    ]
    assert found == []
