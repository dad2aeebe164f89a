"""At Werneth the designated safeguarding lead (or the headteacher) triages a note of concern; the
pastoral staff who wrote it cannot accept or return it themselves, and are told why in words."""

import pytest
from django.utils import timezone

from tutela.casework.intake import referral_submit
from tutela.casework.models import Referral
from tutela.casework.triage import referral_accept, referral_return, triage_refusal
from tutela.governance.errors import GateDenied
from tutela.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(world):
    child = PersonFactory(registered_by_team=world.teams["school.safeguarding"])
    return referral_submit(
        actor=world.users["pastoral_staff"],
        service="sen-safeguarding",
        form="note-of-concern",
        child=child,
        family=[],
        answers={
            "noticed_on": timezone.localdate(),
            "kind": "emotional",
            "account": "Said she is scared to go home",
            "action_taken": "Listened and told the safeguarding lead",
        },
    )


def test_pastoral_staff_may_not_triage_the_note_and_are_told_why(world, note):
    pastoral = world.users["pastoral_staff"]
    assert triage_refusal(actor=pastoral, referral=note) == (
        "only the designated safeguarding lead or the headteacher triages this service's referrals"
    )
    with pytest.raises(GateDenied):
        referral_return(actor=pastoral, referral=note, reason="Not a concern")
    with pytest.raises(GateDenied):
        referral_accept(actor=pastoral, referral=note, team=world.teams["school.safeguarding"], allocate_to=pastoral)
    assert Referral.objects.get().status == Referral.Status.SUBMITTED


def test_the_safeguarding_lead_accepts_it(world, note):
    lead = world.users["safeguarding_lead"]
    assert triage_refusal(actor=lead, referral=note) == ""
    case = referral_accept(actor=lead, referral=note, team=world.teams["school.safeguarding"], allocate_to=lead)
    assert case.allocated_worker == lead
