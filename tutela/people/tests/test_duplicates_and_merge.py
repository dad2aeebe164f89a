"""Possible duplicates are shown before a person is added; a human merges them, keeping both trails."""

import pytest
from django.utils import timezone

from tutela.audit.models import AuditEntry
from tutela.casework.merge import person_merge
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person
from tutela.people.services import PersonDetails, PossibleDuplicates, person_create
from tutela.records.models import Record
from tutela.records.selectors import record_read
from tutela.records.services import record_create


def _create(world, **fields):
    details = PersonDetails(kind="child", date_of_birth=casework_dob(), **fields)
    return person_create(
        actor=world.users["assigned_caseworker"], team=world.teams["wigan.engagement"], details=details
    )


def casework_dob():
    from datetime import date

    return date(2012, 5, 17)


def test_same_dob_and_similar_name_is_a_possible_duplicate(world, casework):
    with pytest.raises(PossibleDuplicates) as raised:
        _create(world, given_name="Adah", family_name="Testchild")
    assert raised.value.matches == [casework.child]


def test_confirming_not_a_duplicate_adds_the_person(world, casework):
    details = PersonDetails(kind="child", date_of_birth=casework_dob(), given_name="Adah", family_name="Testchild")
    person = person_create(
        actor=world.users["assigned_caseworker"],
        team=world.teams["wigan.engagement"],
        details=details,
        confirmed_not_duplicate=True,
    )
    entry = AuditEntry.objects.get(action="person_create", object_id=str(person.pk))
    assert entry.detail["possible_duplicates"] == [casework.child.pk]


def test_same_upn_is_refused(world, casework):
    with pytest.raises(InvalidInput, match="already has this UPN"):
        _create(world, given_name="Someone", family_name="Else", upn=casework.child.upn)


def test_different_person_is_not_flagged(world, casework):
    assert _create(world, given_name="Zed", family_name="Quimby").pk


def test_merge_moves_records_reencrypts_and_keeps_both_trails(world, casework):
    duplicate = Person.objects.create(
        kind="child",
        la_reference="DUP-1",
        given_name="Ada",
        family_name="Test-child",
        date_of_birth=casework.child.date_of_birth,
        upn=None,
    )
    worker = world.users["assigned_caseworker"]
    secret = record_create(
        actor=worker,
        subject=duplicate,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purpose="care-while-attending",
        categories=["child.special.health"],
        kind="file_note",
        title="Asthma",
        body="Uses an inhaler",
        occurred_on=timezone.localdate(),
        source="parent",
        case=casework.case,
    )
    person_merge(
        actor=world.users["team_manager"],
        keep=casework.child,
        duplicate=duplicate,
        rationale="Same child: school confirmed",
    )
    secret.refresh_from_db()
    duplicate.refresh_from_db()
    assert secret.subject == casework.child
    assert duplicate.merged_into == casework.child
    assert record_read(actor=worker, record_id=secret.pk).body == "Uses an inhaler"
    for person in (casework.child, duplicate):
        assert AuditEntry.objects.filter(action="person_merge", subject_id=str(person.pk)).exists()
    assert Record.objects.filter(subject=duplicate).count() == 0


def test_merge_needs_a_rationale(world, casework):
    other = Person.objects.create(kind="child", la_reference="DUP-2", given_name="A", family_name="B")
    with pytest.raises(InvalidInput, match="Record why"):
        person_merge(actor=world.users["team_manager"], keep=casework.child, duplicate=other, rationale=" ")
