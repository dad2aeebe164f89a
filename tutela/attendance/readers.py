"""Reading marks files: CSV (upn,school_urn,date,session,code) or Parquet with the same columns."""

from datetime import date
from pathlib import Path

import polars as pl

from tutela.attendance.services import MarkRow
from tutela.lib.csvfiles import CsvFileError, iter_csv_table

HEADER = ["upn", "school_urn", "date", "session", "code"]


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _row(where: str, values: dict[str, str]) -> MarkRow:
    return MarkRow(
        where=where,
        upn=values["upn"].strip().upper(),
        school_urn=values["school_urn"].strip(),
        day=_day(values["date"]),
        session=values["session"].strip().upper(),
        code=values["code"].strip(),
    )


def read_marks(path: Path) -> tuple[list[MarkRow], list[str]]:
    """Every mark in the file, or the problems that stop it being read ('line N: ...', 'row N: ...')."""
    if path.suffix.lower() == ".parquet":
        return _read_parquet(path)
    try:
        return [_row(f"line {row.line}", row.values) for row in iter_csv_table(path, columns=HEADER, exact=True)], []
    except CsvFileError as unreadable:
        return [], unreadable.problems


def _read_parquet(path: Path) -> tuple[list[MarkRow], list[str]]:
    try:
        frame = pl.read_parquet(path)
        missing = [name for name in HEADER if name not in frame.columns]
        if missing:
            return [], [f"row 1: header: missing columns: {', '.join(missing)}"]
        frame = frame.select(pl.col(name).cast(pl.String) for name in HEADER).with_row_index("row", offset=1)
    except FileNotFoundError:
        return [], [f"{path}: no such file"]
    except (OSError, pl.exceptions.PolarsError) as problem:
        # A truncated or damaged file, one that is not Parquet at all, or columns that are not text.
        return [], [f"{path}: cannot be read as marks ({(str(problem).splitlines() or ['unknown error'])[0]})"]
    empty = frame.filter(pl.any_horizontal(pl.col(name).is_null() for name in HEADER))
    if empty.height:
        return [], [
            f"row {values['row']}: {', '.join(name for name in HEADER if values[name] is None)}: missing"
            for values in empty.head(200).iter_rows(named=True)
        ]
    return [_row(f"row {values['row']}", values) for values in frame.iter_rows(named=True)], []
