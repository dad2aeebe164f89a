"""Accepting a referral opens the case at the form's opening stage (or the kit's first), allocated,
with the family, the referral's records on it and a first task for the allocated worker."""

import pytest

from tutela.casework.intake import referral_accept, referral_submit
from tutela.casework.models import CaseTask, Referral
from tutela.casework.tests.conftest import SERVICE, request_answers
from tutela.lib.errors import InvalidInput
from tutela.records.models import Record
from tutela.records.services import Upload


@pytest.fixture
def referral(tess):
    return referral_submit(
        actor=tess.school_user,
        service=SERVICE,
        form="request",
        child=tess.child,
        family=[tess.mother],
        answers=request_answers(),
        attachments=[("School plan", Upload("plan.txt", "text/plain", b"Plan"))],
    )


def test_accepting_opens_the_case_allocated_with_a_first_task(tess, world, referral):
    case = referral_accept(
        actor=tess.officer, referral=referral, team=world.teams["wigan.tess"], allocate_to=tess.officer
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED and referral.case == case and referral.triaged_by == tess.officer
    assert case.service == SERVICE and case.allocated_worker == tess.officer and case.stage == "assessment"
    assert set(case.family.all()) == {tess.mother}
    assert set(Record.objects.filter(case=case)) == {referral.record, *referral.attachments.all()}
    task = CaseTask.objects.get(case=case)
    assert task.assigned_to == tess.officer and referral.reference in task.title


def test_an_already_accepted_referral_is_refused_with_a_clear_message(tess, world, referral):
    referral_accept(actor=tess.officer, referral=referral, team=world.teams["wigan.tess"], allocate_to=None)
    with pytest.raises(InvalidInput, match="already been accepted"):
        referral_accept(actor=tess.officer, referral=referral, team=world.teams["wigan.tess"], allocate_to=None)


def test_the_case_is_allocated_only_within_the_owning_team(tess, world, referral):
    with pytest.raises(InvalidInput) as refused:
        referral_accept(
            actor=tess.officer, referral=referral, team=world.teams["wigan.tess"], allocate_to=tess.other_team
        )
    assert "allocate_to" in refused.value.errors
    assert Referral.objects.get().status == Referral.Status.SUBMITTED


def test_the_forms_opening_stage_is_the_cases_first(tess, world):
    referral = referral_submit(
        actor=tess.officer,
        service=SERVICE,
        form="involvement",
        child=tess.child,
        family=[tess.mother],
        answers={"support": "Help", "consent_given_by": str(tess.mother.pk), "consent_evidence": "RSI-1"},
    )
    case = referral_accept(actor=tess.officer, referral=referral, team=world.teams["wigan.tess"], allocate_to=None)
    assert case.stage == "support"
