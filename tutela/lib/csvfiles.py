"""Reading and writing CSV files: one reader for every import, one writer for every export.

Reading: a file that cannot be read (missing, not UTF-8, NUL bytes, a value over the CSV field
limit, a quote never closed, a line with too few or too many values) is refused as a whole with
``line N: message`` for each problem, before any of it is used, so an import writes nothing.

Writing: a spreadsheet opening a CSV runs any cell that starts with ``=``, ``+``, ``-``, ``@``, tab
or carriage return as a formula (``=HYPERLINK(...)`` in a surname). Every cell Tutela writes is
neutralised by the OWASP rule (https://owasp.org/www-community/attacks/CSV_Injection): such a cell
is prefixed with a single quote, so it is read as text. Leading spaces do not hide a formula (a
spreadsheet's "trim spaces" import option removes them: " =HYPERLINK(...)" is the full name of a
contact with no forename), so the rule looks past them. A cell that is only a number, such as
``-12`` or ``-0.5``, is left alone: a spreadsheet reads it as that number, it cannot hold a formula,
and a quote would turn every negative value into text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = r" *-?[0-9]+(\.[0-9]+)?"
_PLAIN_NUMBER_RE = re.compile(_PLAIN_NUMBER, re.ASCII)


class CsvFileError(Exception):
    """The file cannot be used; each problem is ``line N: ...`` or names the file."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class CsvRow:
    line: int  # the line of the file the row starts on
    values: dict[str, str]


def read_csv_table(path: Path, *, columns: Sequence[str], exact: bool) -> list[CsvRow]:
    """The rows of a UTF-8 CSV file whose header is exactly ``columns`` (or, unless ``exact``,
    includes them), keyed by column. Blank lines are skipped. Raises ``CsvFileError``."""
    return list(iter_csv_table(path, columns=columns, exact=exact))


def iter_csv_table(path: Path, *, columns: Sequence[str], exact: bool) -> Iterator[CsvRow]:
    """``read_csv_table`` a row at a time, for large files: ``CsvFileError`` may come at any row
    (lines of the wrong length are all listed at the end), so use nothing until the last row."""
    text = _text(path)
    records = _records(csv.reader(io.StringIO(text, newline=""), strict=True))
    header: list[str] = next(records, (1, []))[1]
    _check_header(header, columns, exact)
    problems: list[str] = []
    for line, values in records:
        if not values:
            continue
        if len(values) != len(header):
            problems.append(f"line {line}: expected {len(header)} values, found {len(values)}")
        elif not problems:
            yield CsvRow(line, dict(zip(header, values, strict=True)))
    if problems:
        raise CsvFileError(problems)


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CsvFileError([f"{path}: no such file"]) from None
    except OSError as error:
        raise CsvFileError([f"{path}: cannot be read ({error.strerror or error})"]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CsvFileError(
            [f"line {line}: the file is not UTF-8 (byte 0x{data[error.start]:02x}); save it as CSV UTF-8"]
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise CsvFileError([f"line {line}: the file contains a NUL byte; it is not a CSV text file"])
    return text


def _records(reader: Iterable[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on; a CSV error stops the file with its line."""
    rows = iter(reader)
    line_num = getattr(reader, "line_num", 0)
    while True:
        start = line_num + 1
        try:
            values = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            raise CsvFileError([f"line {start}: {_plain(error)}"]) from None
        line_num = getattr(reader, "line_num", line_num + 1)
        yield start, values


def _plain(error: csv.Error) -> str:
    message = str(error)
    if "field larger than field limit" in message:
        return f"a value is longer than {csv.field_size_limit():,} characters (is a quote left open?)"
    if "unexpected end of data" in message:
        return "the file ends inside a quoted value (a quote is never closed)"
    if "expected after" in message:
        return "a quoted value has more text after its closing quote (double any quote inside a value)"
    return message


def _check_header(header: list[str], columns: Sequence[str], exact: bool) -> None:
    if exact and header != list(columns):
        raise CsvFileError([f"line 1: the header must be exactly {','.join(columns)}"])
    missing = [column for column in columns if column not in header]
    if missing:
        raise CsvFileError([f"line 1: header: missing columns: {', '.join(missing)}"])
    repeated = sorted({column for column in header if header.count(column) > 1})
    if repeated:
        raise CsvFileError([f"line 1: header: columns named twice: {', '.join(repeated)}"])


def safe_cell(value: object) -> object:
    """A value as it may go into a CSV cell: text a spreadsheet would run as a formula gets a
    leading single quote (OWASP); numbers, and text that is only a number, are left alone."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_START) and not _PLAIN_NUMBER_RE.fullmatch(value):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV document (header then rows) with every cell neutralised by ``safe_cell``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(name) for name in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def csv_text_of_dicts(header: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """``csv_text`` of rows given as mappings; a column a row lacks is empty, extra keys are ignored."""
    return csv_text(header, ([row.get(name, "") for name in header] for row in rows))


def safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every text column neutralised as ``safe_cell`` does, for Polars' CSV writer."""
    text_columns = [name for name, kind in frame.schema.items() if kind == pl.String]
    if not text_columns:
        return frame
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(r"^ *[=+\-@\t\r]") & ~pl.col(name).str.contains(f"^{_PLAIN_NUMBER}$"))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text_columns
    )


def frame_csv(frame: pl.DataFrame) -> str:
    """The frame as CSV text, every cell neutralised."""
    return safe_frame(frame).write_csv()


def write_frame_csv(frame: pl.DataFrame, path: Path) -> None:
    """The frame written to a CSV file, every cell neutralised."""
    safe_frame(frame).write_csv(path)
