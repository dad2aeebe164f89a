"""Only staff the gate lets work on the service's data triage its referrals: never the referring
school, another team, another controller's staff or an outsider."""

import pytest

from tutela.casework.intake import referral_accept, referral_return, referral_submit
from tutela.casework.models import Referral
from tutela.casework.tests.conftest import SERVICE, request_answers
from tutela.governance.errors import GateDenied


@pytest.fixture
def referral(tess):
    return referral_submit(
        actor=tess.school_user, service=SERVICE, form="request", child=tess.child, family=[], answers=request_answers()
    )


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("other_service_officer", True),  # the TESS caseworker
        ("assigned_caseworker", False),  # Engagement Centres
        ("team_colleague", False),
        ("school_user", False),  # the referring school
        ("dudley_caseworker", False),
        ("outsider", False),
    ],
)
def test_triage_persona_matrix(world, tess, referral, persona, allowed):
    actor = world.users[persona]
    if allowed:
        referral_return(actor=actor, referral=referral, reason="Not for us yet.")
        assert Referral.objects.get().status == Referral.Status.RETURNED
        return
    with pytest.raises(GateDenied):
        referral_return(actor=actor, referral=referral, reason="Not for us.")
    with pytest.raises(GateDenied):
        referral_accept(actor=actor, referral=referral, team=world.teams["wigan.tess"], allocate_to=None)
    assert Referral.objects.get().status == Referral.Status.SUBMITTED
