"""Reading the school CSV layout (documented in the README) into import rows.

One row per pupil and contact: a pupil with two contacts has two rows with the same pupil
columns; a pupil with no contacts has one row with the contact columns empty.
"""

from __future__ import annotations

from pathlib import Path

from tutela.lib.csvfiles import CsvFileError, read_csv_table
from tutela.sharing.imports.rows import GENDERS, ContactRow, PupilRow, parse_date

COLUMNS = [
    "upn",
    "forename",
    "surname",
    "date_of_birth",
    "gender",
    "address",
    "enrolled_on",
    "contact_forename",
    "contact_surname",
    "contact_relationship",
    "contact_parental_responsibility",
    "contact_address",
    "contact_phone",
    "contact_email",
]
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


def read_csv(path: Path) -> tuple[list[PupilRow], list[str]]:
    """The pupils in the file, and every problem found, as 'line N: field: message'."""
    try:
        rows = read_csv_table(path, columns=COLUMNS, exact=False)
    except CsvFileError as unreadable:
        return [], unreadable.problems
    problems: list[str] = []
    pupils: dict[str, PupilRow] = {}
    first_line: dict[str, int] = {}
    for line, row in ((row.line, row.values) for row in rows):
        try:
            pupil = _pupil(line, row)
        except ValueError as bad:
            problems.append(f"line {line}: {bad}")
            continue
        existing = pupils.get(pupil.upn)
        if existing is None:
            pupils[pupil.upn], first_line[pupil.upn] = pupil, line
        elif existing.identity() != pupil.identity():
            problems.append(f"line {line}: upn: the pupil's details differ from line {first_line[pupil.upn]}")
            continue
        if any(row[column].strip() for column in COLUMNS[7:]):
            try:
                pupils[pupil.upn].contacts.append(_contact(line, row))
            except ValueError as bad:
                problems.append(f"line {line}: {bad}")
    return list(pupils.values()), problems


def _pupil(line: int, row: dict[str, str]) -> PupilRow:
    gender = row["gender"].strip().upper()[:1]
    if gender not in GENDERS:
        raise ValueError(f"gender: '{row['gender']}' is not F, M or U")
    try:
        born = parse_date(row["date_of_birth"])
    except ValueError as bad:
        raise ValueError(f"date_of_birth: {bad}") from None
    try:
        enrolled = parse_date(row["enrolled_on"])
    except ValueError as bad:
        raise ValueError(f"enrolled_on: {bad}") from None
    return PupilRow(
        where=f"line {line}",
        upn=row["upn"].strip().upper(),
        forename=row["forename"].strip(),
        surname=row["surname"].strip(),
        date_of_birth=born,
        gender=GENDERS[gender],
        address=row["address"].strip(),
        enrolled_on=enrolled,
    )


def _contact(line: int, row: dict[str, str]) -> ContactRow:
    responsibility = row["contact_parental_responsibility"].strip().lower()
    if responsibility not in _YES | _NO:
        raise ValueError(f"contact_parental_responsibility: '{responsibility}' is not yes or no")
    return ContactRow(
        where=f"line {line}",
        forename=row["contact_forename"].strip(),
        surname=row["contact_surname"].strip(),
        relationship=row["contact_relationship"].strip().lower().replace(" ", "_"),
        parental_responsibility=responsibility in _YES,
        address=row["contact_address"].strip(),
        phone=row["contact_phone"].strip(),
        email=row["contact_email"].strip(),
    )
