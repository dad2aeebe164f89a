"""Writing an import: everything is checked first; then one transaction writes it in bulk.

Pupils are matched by UPN: new ones are added, changed ones updated (each change audited with its
source), unchanged ones left alone, so importing the same file twice changes nothing.
"""

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.utils import timezone

from tutela.accounts.models import Team, User
from tutela.attendance.models import AttendanceSummary
from tutela.audit.services import audit_record_many
from tutela.lib.bulk import bulk_insert
from tutela.people.models import Enrolment, Person, Relationship, School
from tutela.sharing.imports.rows import ContactRow, PupilRow, attendance_problems, contact_problems, pupil_problems

T = TypeVar("T")


class ImportInvalid(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s); nothing was imported")


@dataclass(frozen=True)
class ImportResult:
    pupils_created: int
    pupils_updated: int
    pupils_unchanged: int
    contacts_created: int
    contacts_updated: int


def _chunks(items: list[T]) -> Iterator[list[T]]:
    # Older SQLite builds allow 999 query parameters; PostgreSQL allows 65,535.
    size = 20_000 if connection.vendor == "postgresql" else 900
    for start in range(0, len(items), size):
        yield items[start : start + size]


def validate(pupils: list[PupilRow], today: date) -> list[str]:
    problems: list[str] = []
    for pupil in pupils:
        problems += pupil_problems(pupil, today)
        first_at: dict[tuple[str, str], str] = {}
        for contact in pupil.contacts:
            problems += contact_problems(contact)
            # A contact is one person per pupil, name and relationship (its reference): listed twice, it would be two.
            key = (contact.full_name.lower(), contact.relationship)
            if key in first_at:
                problems.append(f"{contact.where}: contact: this contact of the pupil is already at {first_at[key]}")
            first_at.setdefault(key, contact.where)
        for year in pupil.attendance:
            problems += attendance_problems(year)
    return problems


def _contact_reference(upn: str, contact: ContactRow) -> str:
    key = f"{upn}|{contact.full_name.lower()}|{contact.relationship}"
    return "SCH-C-" + hashlib.sha256(key.encode()).hexdigest()[:16]


_PUPIL_FIELDS = (
    "given_name",
    "family_name",
    "date_of_birth",
    "gender",
    "address",
    "school_id",
)  # compared on re-import
_CONTACT_FIELDS = ("given_name", "family_name", "address", "phone", "email")


def _by_reference(references: Iterable[str]) -> dict[str, Person]:
    found: dict[str, Person] = {}
    for chunk in _chunks(list(references)):
        found.update({p.la_reference: p for p in Person.objects.filter(la_reference__in=chunk)})
    return found


def _by_upn(upns: list[str]) -> dict[str, Person]:
    found: dict[str, Person] = {}
    for chunk in _chunks(upns):
        found.update({p.upn: p for p in Person.objects.filter(upn__in=chunk) if p.upn})
    return found


_PERSON_COLUMNS = (
    "kind",
    "la_reference",
    "given_name",
    "family_name",
    "date_of_birth",
    "gender",
    "upn",
    "school_id",
    "address",
    "phone",
    "email",
    "processing_restricted",
    "restriction_reason",
    "registered_by_team_id",
)
_COLUMN_INDEX = {name: index for index, name in enumerate(_PERSON_COLUMNS)}

Values = tuple[Any, ...]


def _upsert(
    people: list[Values], existing: dict[str, Person], key_column: str, fields: tuple[str, ...]
) -> tuple[list[int], list[tuple[Person, list[str]]], dict[str, int]]:
    """Insert the new, update the changed. Returns (created ids, [(updated, fields)], id by key)."""
    key_index = _COLUMN_INDEX[key_column]
    new, updated, ids = [], [], {}
    for values in people:
        current = existing.get(values[key_index])
        if current is None:
            new.append(values)
            continue
        changed = [name for name in fields if getattr(current, name) != values[_COLUMN_INDEX[name]]]
        if changed:
            for name in changed:
                setattr(current, name, values[_COLUMN_INDEX[name]])
            updated.append((current, changed))
        ids[values[key_index]] = current.pk
    bulk_insert(Person, _PERSON_COLUMNS, new)
    reference_index = _COLUMN_INDEX["la_reference"]
    created = _ids_by_reference([values[reference_index] for values in new])
    for values in new:
        ids[values[key_index]] = created[values[reference_index]]
    if updated:
        Person.objects.bulk_update([person for person, _ in updated], list(fields), batch_size=1000)
    return list(created.values()), updated, ids


def _ids_by_reference(references: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in _chunks(references):
        ids.update(Person.objects.filter(la_reference__in=chunk).values_list("la_reference", "pk"))
    return ids


def apply_import(
    *,
    pupils: list[PupilRow],
    school: School,
    team: Team,
    actor: User,
    source: str,
    progress: Callable[[int], None] = lambda done: None,
) -> ImportResult:
    problems = validate(pupils, timezone.localdate())
    if problems:
        raise ImportInvalid(problems)
    with transaction.atomic():
        children = _pupil_values(pupils, school, team)
        created, updated, child_ids = _upsert(children, _by_upn([p.upn for p in pupils]), "upn", _PUPIL_FIELDS)
        progress(len(pupils) // 2)
        new_children = set(created)
        enrolments = [(child_ids[p.upn], school.pk, p.enrolled_on) for p in pupils if p.enrolled_on]
        _insert_or_ignore(Enrolment, ("person_id", "school_id", "enrolled_on"), enrolments, new_children)
        contacts_created, contacts_updated = _contacts(pupils, child_ids, team, new_children)
        _attendance(pupils, child_ids, school, source)
        progress(len(pupils))
        _audit(actor, school, source, created, updated, contacts_created, contacts_updated)
    return ImportResult(
        len(created),
        len(updated),
        len(pupils) - len(created) - len(updated),
        len(contacts_created),
        len(contacts_updated),
    )


def _pupil_values(pupils: list[PupilRow], school: School, team: Team) -> list[Values]:
    """Each pupil as a child's row in _PERSON_COLUMNS' order, registered by the importing team."""
    return [
        (
            Person.Kind.CHILD,
            f"SCH-{p.upn}",
            p.forename,
            p.surname,
            p.date_of_birth,
            p.gender,
            p.upn,
            school.pk,
            p.address,
            "",
            "",
            False,
            "",
            team.pk,
        )
        for p in pupils
    ]


def _contacts(
    pupils: list[PupilRow], child_ids: dict[str, int], team: Team, new_children: set[int]
) -> tuple[list[int], list[tuple[Person, list[str]]]]:
    """Upsert the pupils' contacts and link each to their pupil. Returns (created ids, [(updated, fields)]).

    A contact has no UPN, so it is matched by a reference made from its pupil, name and relationship:
    the same contact in the next file is the same person, not a new one."""
    contacts: list[Values] = []
    links: list[tuple[str, int, ContactRow]] = []
    for pupil in pupils:
        for row in pupil.contacts:
            reference = _contact_reference(pupil.upn, row)
            contacts.append(
                (
                    Person.Kind.PARENT,
                    reference,
                    row.forename,
                    row.surname,
                    None,
                    Person.Gender.UNKNOWN,
                    None,
                    None,
                    row.address,
                    row.phone,
                    row.email,
                    False,
                    "",
                    team.pk,
                )
            )
            links.append((reference, child_ids[pupil.upn], row))
    created, updated, contact_ids = _upsert(
        contacts, _by_reference(values[1] for values in contacts), "la_reference", _CONTACT_FIELDS
    )
    relationships = [
        (contact_ids[reference], child_id, row.relationship, row.parental_responsibility)
        for reference, child_id, row in links
    ]
    _insert_or_ignore(
        Relationship,
        ("person_id", "child_id", "kind", "parental_responsibility"),
        relationships,
        new_children,
        key=1,
    )
    return created, updated


def _attendance(pupils: list[PupilRow], child_ids: dict[str, int], school: School, source: str) -> None:
    """Yearly summaries replace what the same school reported for the same year before."""
    summaries = [
        AttendanceSummary(
            person_id=child_ids[pupil.upn],
            school=school,
            academic_year=year.academic_year,
            sessions_possible=year.possible,
            sessions_authorised_absence=year.authorised,
            sessions_unauthorised_absence=year.unauthorised,
            source=source,
        )
        for pupil in pupils
        for year in pupil.attendance
    ]
    AttendanceSummary.objects.bulk_create(
        summaries,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["person", "school", "academic_year"],
        update_fields=["sessions_possible", "sessions_authorised_absence", "sessions_unauthorised_absence", "source"],
    )


def _insert_or_ignore(
    model: type[models.Model],
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    new_children: set[int],
    key: int = 0,
) -> None:
    """Rows for new pupils cannot exist yet, so they go in fast; rows for known pupils may exist, so
    they are inserted one batch at a time, skipping any that do."""
    fresh = [row for row in rows if row[key] in new_children]
    known = [row for row in rows if row[key] not in new_children]
    bulk_insert(model, columns, fresh)
    objects: list[Any] = [model(**dict(zip(columns, row, strict=True))) for row in known]
    model._default_manager.bulk_create(objects, batch_size=1000, ignore_conflicts=True)


def _audit(
    actor: User,
    school: School,
    source: str,
    created: list[int],
    updated: list[tuple[Person, list[str]]],
    contacts_created: list[int],
    contacts_updated: list[tuple[Person, list[str]]],
) -> None:
    origin = f"school {school.urn}: {source}"
    entries: list[dict[str, Any]] = [
        {
            "action": "school_import",
            "object_type": "people.school",
            "object_id": school.urn,
            "reason": origin,
            "detail": {
                "created": created,
                "contacts_created": contacts_created,
                "updated": len(updated) + len(contacts_updated),
            },
        }
    ]
    entries += [
        {
            "action": "person_update",
            "object_type": "people.person",
            "object_id": person.pk,
            "subject_id": person.pk,
            "reason": f"imported from {origin}",
            "detail": {"fields": fields},
        }
        for person, fields in [*updated, *contacts_updated]
    ]
    audit_record_many(actor=actor, entries=entries)
