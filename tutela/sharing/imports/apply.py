"""Writing an import: everything is checked first; then one transaction writes it in bulk.

Pupils are matched by UPN: new ones are added, changed ones updated (each change audited with its
source), unchanged ones left alone, so importing the same file twice changes nothing.
"""

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone

from tutela.audit.services import audit_record_many
from tutela.governance.models import Team, User
from tutela.people.models import Enrolment, Person, Relationship, School
from tutela.sharing.imports.rows import ContactRow, PupilRow, contact_problems, pupil_problems

T = TypeVar("T")
_CHUNK = 900  # under SQLite's limit on query parameters


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
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def validate(pupils: list[PupilRow], today: date) -> list[str]:
    problems: list[str] = []
    for pupil in pupils:
        problems += pupil_problems(pupil, today)
        for contact in pupil.contacts:
            problems += contact_problems(contact)
    return problems


def _contact_reference(upn: str, contact: ContactRow) -> str:
    key = f"{upn}|{contact.full_name.lower()}|{contact.relationship}"
    return "SCH-C-" + hashlib.sha256(key.encode()).hexdigest()[:16]


_PUPIL_FIELDS = ("given_name", "family_name", "date_of_birth", "gender", "address", "school_id")
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


def _upsert(
    people: list[Person], existing: dict[str, Person], key: Callable[[Person], str], fields: tuple[str, ...]
) -> tuple[list[Person], list[tuple[Person, list[str]]]]:
    """Create the new, update the changed; return (created, [(updated, changed fields)])."""
    created, updated = [], []
    for person in people:
        current = existing.get(key(person))
        if current is None:
            created.append(person)
            continue
        changed = [name for name in fields if getattr(current, name) != getattr(person, name)]
        if changed:
            for name in changed:
                setattr(current, name, getattr(person, name))
            updated.append((current, changed))
        person.pk = current.pk
    Person.objects.bulk_create(created, batch_size=2000)
    if updated:
        Person.objects.bulk_update([person for person, _ in updated], list(fields), batch_size=2000)
    return created, updated


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
        existing = _by_upn([pupil.upn for pupil in pupils])
        children = [
            Person(
                kind=Person.Kind.CHILD,
                la_reference=f"SCH-{pupil.upn}",
                upn=pupil.upn,
                given_name=pupil.forename,
                family_name=pupil.surname,
                date_of_birth=pupil.date_of_birth,
                gender=pupil.gender,
                address=pupil.address,
                school=school,
                registered_by_team=team,
            )
            for pupil in pupils
        ]
        created, updated = _upsert(children, existing, lambda person: person.upn or "", _PUPIL_FIELDS)
        progress(len(pupils) // 2)
        child_ids = {pupil.upn: child.pk for pupil, child in zip(pupils, children, strict=True)}
        Enrolment.objects.bulk_create(
            [
                Enrolment(person_id=child_ids[p.upn], school=school, enrolled_on=p.enrolled_on)
                for p in pupils
                if p.enrolled_on
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        contacts, links = [], []
        for pupil in pupils:
            for row in pupil.contacts:
                reference = _contact_reference(pupil.upn, row)
                contacts.append(
                    Person(
                        kind=Person.Kind.PARENT,
                        la_reference=reference,
                        given_name=row.forename,
                        family_name=row.surname,
                        address=row.address,
                        phone=row.phone,
                        email=row.email,
                        registered_by_team=team,
                    )
                )
                links.append((reference, child_ids[pupil.upn], row))
        contacts_created, contacts_updated = _upsert(
            contacts,
            _by_reference(c.la_reference for c in contacts),
            lambda person: person.la_reference,
            _CONTACT_FIELDS,
        )
        contact_ids = {contact.la_reference: contact.pk for contact in contacts}
        Relationship.objects.bulk_create(
            [
                Relationship(
                    person_id=contact_ids[reference],
                    child_id=child_id,
                    kind=row.relationship,
                    parental_responsibility=row.parental_responsibility,
                )
                for reference, child_id, row in links
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        progress(len(pupils))
        _audit(actor, school, source, created, updated, contacts_created, contacts_updated)
    return ImportResult(
        len(created),
        len(updated),
        len(pupils) - len(created) - len(updated),
        len(contacts_created),
        len(contacts_updated),
    )


def _audit(
    actor: User,
    school: School,
    source: str,
    created: list[Person],
    updated: list[tuple[Person, list[str]]],
    contacts_created: list[Person],
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
                "created": [p.pk for p in created],
                "contacts_created": [p.pk for p in contacts_created],
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
