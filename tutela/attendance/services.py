"""Importing session marks: all or nothing, a no-op when nothing changed, every change kept as history."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import User
from tutela.attendance.codes import DEFAULT_CLASSES
from tutela.attendance.models import AttendanceYear, MarkChange, MarkImport
from tutela.attendance.packing import EMPTY, EMPTY_YEAR, SESSIONS, WIDTH, academic_year_of, slot_of
from tutela.audit.services import audit_record
from tutela.lib.identifiers import upn_problem
from tutela.people.models import Person, School


@dataclass(frozen=True)
class MarkRow:
    where: str
    upn: str
    school_urn: str
    day: date | None
    session: str
    code: str


class MarksInvalid(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s); nothing was imported")


@dataclass(frozen=True)
class MarksOutcome:
    added: int
    changed: int
    unchanged: int


def _problems(rows: list[MarkRow], pupils: dict[str, int], schools: dict[str, int]) -> list[str]:
    problems: list[str] = []
    seen: dict[tuple[object, ...], tuple[str, str]] = {}
    known = DEFAULT_CLASSES.known
    for row in rows:
        if problem := upn_problem(row.upn):
            problems.append(f"{row.where}: upn: {problem}")
        elif row.upn not in pupils:
            problems.append(f"{row.where}: upn: no pupil has UPN {row.upn}")
        if row.school_urn not in schools:
            problems.append(f"{row.where}: school_urn: no school has URN {row.school_urn}")
        if row.day is None:
            problems.append(f"{row.where}: date: not a date in the form YYYY-MM-DD")
        elif row.day > timezone.localdate():
            problems.append(f"{row.where}: date: {row.day:%Y-%m-%d} is in the future")
        if row.session not in SESSIONS:
            problems.append(f"{row.where}: session: '{row.session}' is not AM or PM")
        if row.code not in known:
            problems.append(f"{row.where}: code: '{row.code}' is not an attendance code")
        key = (row.upn, row.school_urn, row.day, row.session)
        if key in seen and seen[key][1] != row.code:
            problems.append(
                f"{row.where}: code: '{row.code}' differs from '{seen[key][1]}' for the same session at {seen[key][0]}"
            )
        seen.setdefault(key, (row.where, row.code))
    return problems


def _calendar_problems(rows: list[MarkRow], schools: dict[str, int]) -> list[str]:
    """Marks on days the school does not meet, where the school (or its LA) has a calendar for the year."""
    from tutela.attendance.calendars import calendar_for, school_days

    problems: list[str] = []
    open_days: dict[tuple[str, int], frozenset[date] | None] = {}
    by_urn = {school.urn: school for school in School.objects.filter(pk__in=schools.values())}
    for row in rows:
        if row.day is None or row.school_urn not in by_urn:
            continue
        key = (row.school_urn, academic_year_of(row.day))
        if key not in open_days:
            calendar = calendar_for(school=by_urn[row.school_urn], academic_year=key[1])
            open_days[key] = school_days(calendar=calendar) if calendar else None
        days = open_days[key]
        if days is not None and row.day not in days:
            problems.append(
                f"{row.where}: date: {row.day:%Y-%m-%d} is not a school day at {by_urn[row.school_urn].name}"
            )
    return problems


# One stored pupil-year: (person id, school id, academic year).
YearKey = tuple[int, int, int]


def marks_import(
    *,
    rows: list[MarkRow],
    actor: User | None,
    source: str,
    content: bytes,
    progress: Callable[[int], None] = lambda done: None,
) -> MarksOutcome:
    pupils, schools = _checked_ids(rows)
    keys = {(pupils[r.upn], schools[r.school_urn], academic_year_of(r.day)) for r in rows if r.day}
    with transaction.atomic():
        stored = {
            (year.person_id, year.school_id, year.academic_year): year
            for year in AttendanceYear.objects.filter(
                person_id__in={k[0] for k in keys},
                school_id__in={k[1] for k in keys},
                academic_year__in={k[2] for k in keys},
            )
        }
        buffers = {key: bytearray((stored[key].marks if key in stored else EMPTY_YEAR).encode("ascii")) for key in keys}
        changes, added, unchanged = _write_marks(rows, pupils, schools, buffers, progress)
        if not added and not changes:
            return MarksOutcome(0, 0, unchanged)
        _save_import(
            actor=actor,
            source=source,
            content=content,
            added=added,
            changes=changes,
            stored=stored,
            buffers=buffers,
        )
    return MarksOutcome(added, len(changes), unchanged)


def _checked_ids(rows: list[MarkRow]) -> tuple[dict[str, int], dict[str, int]]:
    """The pupils' and schools' ids by UPN and URN, once every row is known to be good.

    Every problem in the file is found before anything is written, so that the importer sees them
    all at once and a file is imported whole or not at all.
    """
    upns = {row.upn for row in rows}
    pupils = {upn: pk for upn, pk in Person.objects.filter(upn__in=upns).values_list("upn", "pk") if upn}
    schools = dict(School.objects.filter(urn__in={row.school_urn for row in rows}).values_list("urn", "pk"))
    problems = _problems(rows, pupils, schools)
    problems += _calendar_problems(rows, schools)
    if problems:
        raise MarksInvalid(problems)
    return pupils, schools


def _write_marks(
    rows: list[MarkRow],
    pupils: dict[str, int],
    schools: dict[str, int],
    buffers: dict[YearKey, bytearray],
    progress: Callable[[int], None],
) -> tuple[list[MarkChange], int, int]:
    """Write each mark into its pupil-year's buffer: the changes to existing marks (kept as history),
    how many empty slots were filled, and how many marks were already so.

    A mark equal to the stored one is not a change, which is what makes a re-import a no-op.
    """
    changes: list[MarkChange] = []
    added, unchanged = 0, 0
    for number, row in enumerate(rows, start=1):
        assert row.day is not None  # noqa: S101 -- checked above
        key = (pupils[row.upn], schools[row.school_urn], academic_year_of(row.day))
        start = slot_of(row.day, row.session) * WIDTH
        new = row.code.ljust(WIDTH).encode("ascii")
        old = bytes(buffers[key][start : start + WIDTH])
        if old == new:
            unchanged += 1
            continue
        buffers[key][start : start + WIDTH] = new
        if old == EMPTY.encode():
            added += 1
        else:
            changes.append(
                MarkChange(
                    person_id=key[0],
                    school_id=key[1],
                    date=row.day,
                    session=row.session,
                    old_code=old.decode().strip(),
                    new_code=row.code,
                )
            )
        if number % 100_000 == 0:
            progress(number)
    return changes, added, unchanged


def _save_import(
    *,
    actor: User | None,
    source: str,
    content: bytes,
    added: int,
    changes: list[MarkChange],
    stored: dict[YearKey, AttendanceYear],
    buffers: dict[YearKey, bytearray],
) -> None:
    """Record the import (with the file's hash, so the same file can be recognised), its changes and
    the pupil-years, and audit it; called inside the import's transaction."""
    now = timezone.now()
    batch = MarkImport.objects.create(
        source=source,
        sha256=hashlib.sha256(content).hexdigest(),
        imported_by=actor,
        imported_at=now,
        marks_added=added,
        marks_changed=len(changes),
    )
    for change in changes:
        change.batch = batch
    MarkChange.objects.bulk_create(changes, batch_size=2000)
    new_years = [
        AttendanceYear(person_id=k[0], school_id=k[1], academic_year=k[2], marks=buffers[k].decode(), updated_at=now)
        for k in buffers
        if k not in stored
    ]
    AttendanceYear.objects.bulk_create(new_years, batch_size=500)
    for key, year in stored.items():
        year.marks, year.updated_at = buffers[key].decode(), now
    AttendanceYear.objects.bulk_update(list(stored.values()), ["marks", "updated_at"], batch_size=500)
    audit_record(
        actor=actor,
        action="attendance_import",
        object_type="attendance.markimport",
        object_id=batch.pk,
        reason=source,
        detail={"added": added, "changed": len(changes), "pupil_years": len(buffers)},
    )
