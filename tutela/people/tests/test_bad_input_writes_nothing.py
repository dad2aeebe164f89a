"""Invalid identifiers, dates or categories give a clear field error, and nothing is written."""

from datetime import date

import pytest
from django.utils import timezone

from tutela.audit.models import AuditEntry
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person
from tutela.people.services import PersonDetails, person_create
from tutela.records.models import Record
from tutela.records.services import record_create


def _details(**overrides):
    base = {"kind": "child", "given_name": "Noor", "family_name": "Example", "date_of_birth": date(2013, 1, 9)}
    return PersonDetails(**{**base, **overrides})


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"upn": "A801200005001"}, "upn", "The UPN's check letter does not match its digits"),
        ({"upn": "B8012"}, "upn", "A UPN is 13 characters long"),
        ({"nhs_number": "943 476 5918"}, "nhs_number", "The NHS number's check digit does not match"),
        ({"nhs_number": "12345"}, "nhs_number", "An NHS number is 10 digits long"),
        ({"date_of_birth": date(2999, 1, 1)}, "date_of_birth", "must be today or in the past"),
        ({"given_name": "  "}, "given_name", "Enter a first name"),
        ({"kind": "alien"}, "kind", "Choose who this person is"),
    ],
)
def test_invalid_person_is_refused_with_a_field_error(world, overrides, field, message):
    people, entries = Person.objects.count(), AuditEntry.objects.count()
    with pytest.raises(InvalidInput) as raised:
        person_create(
            actor=world.users["assigned_caseworker"],
            team=world.teams["wigan.engagement"],
            details=_details(**overrides),
        )
    assert message in raised.value.errors[field]
    assert Person.objects.count() == people
    assert AuditEntry.objects.count() == entries


def test_valid_identifiers_are_accepted_and_normalised(world):
    person = person_create(
        actor=world.users["assigned_caseworker"],
        team=world.teams["wigan.engagement"],
        details=_details(upn="b801200005001", nhs_number="943 476 5919"),
    )
    assert person.upn == "B801200005001"
    assert person.nhs_number == "9434765919"


def test_unknown_category_is_refused_and_nothing_written(world, casework):
    records, entries = Record.objects.count(), AuditEntry.objects.count()
    with pytest.raises(InvalidInput) as raised:
        record_create(
            actor=world.users["assigned_caseworker"],
            subject=casework.child,
            controller=world.controllers["wigan"],
            service="engagement-centres",
            purpose="administer-service",
            categories=["child.identity.shoe-size"],
            kind="file_note",
            title="Note",
            body="x",
            occurred_on=timezone.localdate(),
            source="officer",
            case=casework.case,
        )
    assert raised.value.errors["categories"] == "Unknown category: child.identity.shoe-size"
    assert Record.objects.count() == records
    assert AuditEntry.objects.count() == entries


def test_a_team_the_actor_is_not_in_is_refused(world):
    with pytest.raises(InvalidInput, match="a team you belong to"):
        person_create(actor=world.users["assigned_caseworker"], team=world.teams["dudley.ess"], details=_details())
