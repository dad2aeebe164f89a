"""A referral typed in after it arrived (a paper form) is received on the day it arrived, and an
acceptance entered later opens the case on the day it was decided, never before the referral
arrived nor in the future; the first contact falls due from the acceptance."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tutela.casework.intake import referral_accept, referral_submit
from tutela.casework.models import CaseTask, Referral
from tutela.casework.tests.conftest import SERVICE, request_answers
from tutela.casework.triage import FIRST_CONTACT_DAYS
from tutela.lib.errors import InvalidInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def week_old(tess):
    return referral_submit(
        actor=tess.school_user,
        service=SERVICE,
        form="request",
        child=tess.child,
        family=[tess.mother],
        answers=request_answers(),
        as_of=timezone.localdate() - timedelta(days=7),
    )


def test_the_referral_is_received_on_the_day_it_arrived(week_old):
    assert timezone.localdate(week_old.submitted_at) == timezone.localdate() - timedelta(days=7)


def test_an_acceptance_entered_later_opens_the_case_that_day(tess, world, week_old):
    decided = timezone.localdate() - timedelta(days=6)
    case = referral_accept(
        actor=tess.officer,
        referral=week_old,
        team=world.teams["wigan.tess"],
        allocate_to=tess.officer,
        accepted_on=decided,
    )
    assert timezone.localdate(case.opened_at) == decided
    task = CaseTask.objects.get(case=case)
    assert task.due_on == decided + timedelta(days=FIRST_CONTACT_DAYS)
    assert timezone.localdate(task.created_at) == decided  # the chronology shows it set that day


@pytest.mark.parametrize("days", [8, -1])  # before the referral arrived; tomorrow
def test_an_acceptance_before_the_referral_or_in_the_future_is_refused(tess, world, week_old, days):
    with pytest.raises(InvalidInput) as refused:
        referral_accept(
            actor=tess.officer,
            referral=week_old,
            team=world.teams["wigan.tess"],
            allocate_to=None,
            accepted_on=timezone.localdate() - timedelta(days=days),
        )
    assert "accepted_on" in refused.value.errors
    assert Referral.objects.get().status == Referral.Status.SUBMITTED
