"""Adding a child's parent or carer creates the person and their relationship together, audited with
the child as subject; bad input is refused with every problem at once and nothing is written."""

import pytest
from django.core.exceptions import PermissionDenied

from tutela.audit.models import AuditEntry
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person, Relationship
from tutela.people.relationships import relative_add
from tutela.people.services import PersonDetails, PossibleDuplicates
from tutela.people.tests.factories import ParentFactory


def _details(**overrides):
    return PersonDetails(**{"kind": "parent", "given_name": "Rhian", "family_name": "Example", **overrides})


def _add(world, child, **overrides):
    arguments = {
        "actor": world.users["assigned_caseworker"],
        "child": child,
        "team": world.teams["wigan.engagement"],
        "details": _details(),
        "kind": Relationship.Kind.FATHER,
        "parental_responsibility": True,
    }
    return relative_add(**(arguments | overrides))


def test_adds_the_parent_and_their_relationship_audited_with_the_child_as_subject(world, casework):
    relationship = _add(world, casework.child, details=_details(phone="01942 000000"))
    person = relationship.person
    assert person.kind == Person.Kind.PARENT and person.full_name == "Rhian Example" and person.phone == "01942 000000"
    assert person.registered_by_team == world.teams["wigan.engagement"]
    assert (
        relationship.child == casework.child and relationship.kind == "father" and relationship.parental_responsibility
    )
    entry = AuditEntry.objects.get(action="relative_add")
    assert entry.subject_id == str(casework.child.pk) and entry.object_id == str(relationship.pk)
    assert AuditEntry.objects.filter(action="person_create", subject_id=str(person.pk)).exists()


def test_bad_input_is_refused_with_every_problem_and_nothing_written(world, casework):
    adult = casework.mother
    people, links, entries = Person.objects.count(), Relationship.objects.count(), AuditEntry.objects.count()
    with pytest.raises(InvalidInput) as raised:
        _add(world, adult, kind="cousin", details=_details(given_name=" ", family_name=""))
    assert set(raised.value.errors) == {"child", "kind", "given_name", "family_name"}
    assert (Person.objects.count(), Relationship.objects.count(), AuditEntry.objects.count()) == (
        people,
        links,
        entries,
    )


def test_a_professional_is_not_added_as_a_parent_or_carer(world, casework):
    with pytest.raises(InvalidInput) as raised:
        _add(world, casework.child, kind=Relationship.Kind.SOCIAL_WORKER)
    assert set(raised.value.errors) == {"kind"}


def test_a_school_user_or_someone_outside_the_team_may_not_add(world, casework):
    for persona in ("school_user", "other_service_officer", "dudley_caseworker"):
        with pytest.raises(PermissionDenied):
            _add(world, casework.child, actor=world.users[persona])
    assert not AuditEntry.objects.filter(action="relative_add").exists()


def test_a_possible_duplicate_is_offered_and_nothing_added_until_confirmed(world, casework):
    held = ParentFactory(given_name="Rhian", family_name="Example", registered_by_team=world.teams["wigan.engagement"])
    details = _details(date_of_birth=held.date_of_birth)
    links = Relationship.objects.count()
    with pytest.raises(PossibleDuplicates) as raised:
        _add(world, casework.child, details=details)
    assert held in raised.value.matches
    assert Relationship.objects.count() == links
    assert AuditEntry.objects.filter(action="duplicate_check").exists()  # the disclosure stays recorded
    assert _add(world, casework.child, details=details, confirmed_not_duplicate=True).person != held
