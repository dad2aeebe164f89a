"""Consent comes from a person with parental responsibility, unless a court order limits them."""

from datetime import date

import pytest
from django.utils import timezone

from tutela.consent.services import consent_give
from tutela.lib.errors import InvalidInput
from tutela.people.models import CourtOrder
from tutela.people.tests.factories import ParentFactory, RelationshipFactory


def _give(world, casework, given_by, purpose="media-therapeutic", actor="other_service_officer"):
    from tutela.casework.models import Case

    Case.objects.get_or_create(
        reference="TESS-9",
        defaults={
            "controller": world.controllers["wigan"],
            "service": "targeted-education-support",
            "child": casework.child,
            "owning_team": world.teams["wigan.tess"],
            "allocated_worker": world.users["other_service_officer"],
            "opened_at": timezone.now(),
            "opened_by": world.users["other_service_officer"],
        },
    )
    return consent_give(
        actor=world.users[actor],
        subject=casework.child,
        given_by=given_by,
        controller=world.controllers["wigan"],
        service="targeted-education-support",
        purposes=[purpose],
        form_reference="RSI-2026-001",
        given_on=timezone.localdate(),
    )


def test_parent_with_responsibility_may_consent(world, casework):
    assert _give(world, casework, casework.mother).is_live


def test_the_signed_form_is_kept_as_evidence(world, casework):
    from tutela.consent.services import consent_give

    form = casework.records["document"]
    consent = consent_give(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        given_by=casework.mother,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purposes=["parental-consent"],
        form_reference="EC-PCF-12",
        given_on=timezone.localdate(),
        evidence=form,
    )
    assert consent.evidence == form


def test_evidence_about_someone_else_is_refused(world, casework):
    from tutela.consent.services import consent_give
    from tutela.people.tests.factories import PersonFactory
    from tutela.records.models import Record

    stranger_form = Record(subject=PersonFactory())
    with pytest.raises(InvalidInput, match="same person"):
        consent_give(
            actor=world.users["assigned_caseworker"],
            subject=casework.child,
            given_by=casework.mother,
            controller=world.controllers["wigan"],
            service="engagement-centres",
            purposes=["parental-consent"],
            form_reference="EC-PCF-12",
            given_on=timezone.localdate(),
            evidence=stranger_form,
        )


def test_person_without_responsibility_may_not(world, casework):
    step_father = RelationshipFactory(child=casework.child, kind="step_parent", parental_responsibility=False).person
    with pytest.raises(InvalidInput, match="does not hold parental responsibility"):
        _give(world, casework, step_father)


def test_court_order_limiting_the_parent_blocks_their_consent(world, casework):
    CourtOrder.objects.create(
        child=casework.child,
        restricts=casework.mother,
        kind=CourtOrder.Kind.PROHIBITED_STEPS,
        made_on=date(2024, 1, 10),
    )
    with pytest.raises(InvalidInput, match="court order"):
        _give(world, casework, casework.mother)


def test_responsibility_that_has_ended_does_not_count(world, casework):
    former = RelationshipFactory(
        child=casework.child, person=ParentFactory(), responsibility_until=date(2020, 1, 1)
    ).person
    with pytest.raises(InvalidInput, match="parental responsibility"):
        _give(world, casework, former)


def test_a_purpose_not_resting_on_consent_is_refused(world, casework):
    with pytest.raises(InvalidInput, match="does not rest on consent"):
        _give(world, casework, casework.mother, purpose="safeguarding")


def test_only_someone_who_works_with_the_child_records_it(world, casework):
    with pytest.raises(InvalidInput, match="do not work with this person"):
        _give(world, casework, casework.mother, actor="dudley_caseworker")
