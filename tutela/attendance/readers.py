"""Reading marks files: CSV (upn,school_urn,date,session,code) or Parquet with the same columns."""

import csv
from datetime import date
from pathlib import Path

import polars as pl

from tutela.attendance.services import MarkRow

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
    if path.suffix.lower() == ".parquet":
        frame = pl.read_parquet(path)
        missing = [name for name in HEADER if name not in frame.columns]
        if missing:
            return [], [f"row 1: header: missing columns: {', '.join(missing)}"]
        frame = frame.select(pl.col(name).cast(pl.String) for name in HEADER)
        return [_row(f"row {number}", values) for number, values in enumerate(frame.iter_rows(named=True), start=1)], []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != HEADER:
            return [], [f"line 1: header: must be exactly {','.join(HEADER)}"]
        return [_row(f"line {reader.line_num}", values) for values in reader], []
