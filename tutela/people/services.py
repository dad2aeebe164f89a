"""Adding, correcting and merging people: validated, duplicate-aware, audited."""

import difflib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import Team, User
from tutela.audit.services import audit_record
from tutela.lib.errors import InvalidInput
from tutela.lib.identifiers import nhs_number_compact, nhs_number_problem, upn_problem
from tutela.people.models import FormerUPN, Person, School
from tutela.people.selectors import known_to

IDENTITY_FIELDS = (
    "kind",
    "given_name",
    "family_name",
    "date_of_birth",
    "gender",
    "upn",
    "nhs_number",
    "school",
    "address",
    "phone",
    "email",
)


@dataclass(frozen=True)
class PersonDetails:
    kind: str
    given_name: str
    family_name: str
    date_of_birth: date | None = None
    gender: str = Person.Gender.UNKNOWN
    upn: str = ""
    nhs_number: str = ""
    school: School | None = None
    address: str = ""
    phone: str = ""
    email: str = ""

    @classmethod
    def of(cls, person: Person) -> "PersonDetails":
        """The person's details as held, the base a correction changes only what it names."""
        return cls(
            kind=person.kind,
            given_name=person.given_name,
            family_name=person.family_name,
            date_of_birth=person.date_of_birth,
            gender=person.gender,
            upn=person.upn or "",
            nhs_number=person.nhs_number or "",
            school=person.school,
            address=person.address,
            phone=person.phone,
            email=person.email,
        )


@dataclass
class PossibleDuplicates(Exception):
    """People who may be the same person; a human decides (confirm, or merge later)."""

    matches: list[Person] = field(default_factory=list)


def _normalised(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if char.isalpha() or char == " ").lower().strip()


def similar_names(first: str, second: str) -> bool:
    return difflib.SequenceMatcher(None, _normalised(first), _normalised(second)).ratio() >= 0.8


def _validated(details: PersonDetails, *, exclude: Person | None = None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if details.kind not in Person.Kind.values:
        errors["kind"] = "Choose who this person is"
    if not details.given_name.strip():
        errors["given_name"] = "Enter a first name"
    if not details.family_name.strip():
        errors["family_name"] = "Enter a last name"
    if details.date_of_birth and details.date_of_birth > timezone.localdate():
        errors["date_of_birth"] = "Date of birth must be today or in the past"
    upn = details.upn.strip().upper()
    if upn and (problem := upn_problem(upn)):
        errors["upn"] = problem
    nhs = nhs_number_compact(details.nhs_number) if details.nhs_number.strip() else ""
    if nhs and (problem := nhs_number_problem(nhs)):
        errors["nhs_number"] = problem
    others = Person.objects.exclude(pk=exclude.pk) if exclude else Person.objects.all()
    if nhs and "nhs_number" not in errors and others.filter(nhs_number=nhs).exists():
        errors["nhs_number"] = "Another person already has this NHS number"
    if errors:
        raise InvalidInput(errors)
    return {
        "kind": details.kind,
        "given_name": details.given_name.strip(),
        "family_name": details.family_name.strip(),
        "date_of_birth": details.date_of_birth,
        "gender": details.gender,
        "upn": upn or None,
        "nhs_number": nhs or None,
        "school": details.school,
        "address": details.address.strip(),
        "phone": details.phone.strip(),
        "email": details.email.strip(),
    }


def possible_duplicates(details: PersonDetails, *, actor: User, exclude: Person | None = None) -> list[Person]:
    """Same UPN, or the same date of birth and a similar name, among the people the actor may know.

    Offering someone as a duplicate shows their name, date of birth and UPN, so it is a disclosure
    like any other: never of people outside the actor's need to know, least of all another
    controller's (UK GDPR Art 5(1)(f)).
    """
    candidates = Person.objects.filter(known_to(actor=actor), merged_into__isnull=True).distinct()
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    matches = list(candidates.filter(upn=details.upn.strip().upper())) if details.upn.strip() else []
    if details.date_of_birth:
        full_name = f"{details.given_name} {details.family_name}"
        for person in candidates.filter(date_of_birth=details.date_of_birth).exclude(pk__in=[m.pk for m in matches]):
            if similar_names(full_name, person.full_name):
                matches.append(person)
    return matches


def person_create(*, actor: User, team: Team, details: PersonDetails, confirmed_not_duplicate: bool = False) -> Person:
    """Add a person for a team of the actor's. Raises InvalidInput, or PossibleDuplicates until confirmed."""
    if not actor.teams.filter(pk=team.pk).exists():
        raise InvalidInput({"team": "You can only add people for a team you belong to"})
    fields = _validated(details)
    matches = possible_duplicates(details, actor=actor)
    audit_record(
        actor=actor,
        action="duplicate_check",
        object_type="people.person",
        reason=f"{len(matches)} possible duplicate{'s' if len(matches) != 1 else ''} offered",
        detail={"team": team.slug, "subjects": [match.pk for match in matches]},
    )
    if any(match.upn and match.upn == fields["upn"] for match in matches):
        raise InvalidInput({"upn": "Another person already has this UPN: open their record instead"})
    if fields["upn"] and Person.objects.filter(upn=fields["upn"]).exists():
        # The UPN is unique, so it cannot be added again; say so without saying whose it is.
        raise InvalidInput({"upn": "This UPN is already recorded. Ask your information governance team"})
    if matches and not confirmed_not_duplicate:
        raise PossibleDuplicates(matches)
    with transaction.atomic():
        reference = f"P{timezone.now():%y%m%d%H%M%S%f}"
        person = Person.objects.create(**fields, la_reference=reference, registered_by_team=team)
        audit_record(
            actor=actor,
            action="person_create",
            object_type="people.person",
            object_id=person.pk,
            subject_id=person.pk,
            detail={"team": team.slug, "possible_duplicates": [m.pk for m in matches]},
        )
    return person


def person_update(*, actor: User, person: Person, details: PersonDetails) -> Person:
    """Correct a person's identity; a changed UPN keeps the old one as a former UPN.

    ``details`` is the whole identity: start from ``PersonDetails.of(person)`` and replace what changes,
    so that a field the caller does not handle (the school, say) is kept, never cleared.
    """
    fields = _validated(details, exclude=person)
    if fields["upn"] and Person.objects.exclude(pk=person.pk).filter(upn=fields["upn"]).exists():
        raise InvalidInput({"upn": "Another person already has this UPN"})
    changed = [name for name, value in fields.items() if getattr(person, name) != value]
    with transaction.atomic():
        if "upn" in changed and person.upn:
            FormerUPN.objects.create(person=person, upn=person.upn, replaced_on=timezone.localdate())
        for name in changed:
            setattr(person, name, fields[name])
        person.save()
        audit_record(
            actor=actor,
            action="person_update",
            object_type="people.person",
            object_id=person.pk,
            subject_id=person.pk,
            detail={"fields": changed},
        )
    return person
