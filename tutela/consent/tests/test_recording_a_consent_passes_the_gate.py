"""Recording a consent passes the full gate for each purpose it names: the register, restriction
(Art 18) and need to know apply; the basis is the consent being recorded, so none is asked for."""

import pytest
from django.utils import timezone

from tutela.audit.models import AuditEntry
from tutela.casework.models import Case
from tutela.consent.models import Consent
from tutela.consent.services import consent_give
from tutela.lib.errors import InvalidInput


def _give(world, subject, given_by, purpose="media-therapeutic", actor="other_service_officer"):
    return consent_give(
        actor=world.users[actor],
        subject=subject,
        given_by=given_by,
        controller=world.controllers["wigan"],
        service="targeted-education-support",
        purposes=[purpose],
        form_reference="RSI-2026-002",
        given_on=timezone.localdate(),
    )


@pytest.fixture
def tess_case(world, casework):
    officer = world.users["other_service_officer"]
    return Case.objects.create(
        reference="TESS-G1",
        controller=world.controllers["wigan"],
        service="targeted-education-support",
        child=casework.child,
        owning_team=world.teams["wigan.tess"],
        allocated_worker=officer,
        opened_at=timezone.now(),
        opened_by=officer,
    )


def test_a_consent_to_a_consent_based_purpose_is_recorded_without_an_earlier_one(world, casework, tess_case):
    consent = _give(world, casework.child, casework.mother)
    assert consent.purposes == ["media-therapeutic"]
    entry = AuditEntry.objects.get(action="record_consent")
    assert (entry.subject_id, entry.decision) == (str(casework.child.pk), "allowed")
    assert entry.purpose == "wigan/targeted-education-support/media-therapeutic"


def test_a_consent_for_a_restricted_person_is_refused_and_audited(world, casework, tess_case):
    casework.child.processing_restricted = True
    casework.child.save(update_fields=["processing_restricted"])
    with pytest.raises(InvalidInput, match="restricted"):
        _give(world, casework.child, casework.mother)
    entry = AuditEntry.objects.get(action="record_consent")
    assert (entry.subject_id, entry.decision) == (str(casework.child.pk), "denied")
    assert not Consent.objects.filter(subject=casework.child).exists()


def test_a_consent_for_a_purpose_the_register_does_not_give_the_service_is_refused(world, casework, tess_case):
    with pytest.raises(InvalidInput, match="school-referral"):
        _give(world, casework.child, casework.mother, purpose="school-referral")  # an Engagement Centres purpose
    assert not Consent.objects.exists()


def _school_user(world, school):
    from tutela.accounts.tests.factories import UserFactory

    return UserFactory(controller=world.controllers["wigan"], roles=["school-user"], school=school)


def test_a_school_user_records_the_consent_its_referral_carries_for_its_own_pupil(world, casework):
    world.users["own_school"] = _school_user(world, casework.school)
    consent = _give(world, casework.child, casework.mother, actor="own_school")
    assert consent.recorded_by == world.users["own_school"]


def test_a_school_user_records_no_consent_for_another_schools_pupil(world, casework):
    with pytest.raises(InvalidInput, match="do not work with this person"):
        _give(world, casework.child, casework.mother, actor="school_user")  # the fixture's user is elsewhere
    assert not Consent.objects.exists()
