"""A consent authorises exactly the purposes and recipients it names (UK GDPR Art 4(11): "specific").

Seed 001 (Wigan TESS) asks three separate photograph consents, and shares with education, health
and care agencies "with your consent": a consent to use a photograph for staff training must not
authorise sharing with CAMHS or the police.
"""

import pytest
from django.utils import timezone

from tutela.casework.models import Case
from tutela.consent.services import consent_give, consent_withdraw
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, Touch, decide
from tutela.lib.errors import InvalidInput
from tutela.sharing.models import Disclosure
from tutela.sharing.services import DisclosureRefused, DisclosureRequest, disclosure_propose

SERVICE = "targeted-education-support"


@pytest.fixture
def officer(world, casework):
    officer = world.users["other_service_officer"]
    Case.objects.create(
        reference="TESS-SCOPE",
        controller=world.controllers["wigan"],
        service=SERVICE,
        child=casework.child,
        owning_team=world.teams["wigan.tess"],
        allocated_worker=officer,
        opened_at=timezone.now(),
        opened_by=officer,
    )
    return officer


def _give(world, casework, officer, purposes, recipients=()):
    return consent_give(
        actor=officer,
        subject=casework.child,
        given_by=casework.mother,
        controller=world.controllers["wigan"],
        service=SERVICE,
        purposes=purposes,
        recipients=recipients,
        form_reference="FORM-1",
        given_on=timezone.localdate(),
    )


def _share(world, casework, officer, recipient, purpose):
    return disclosure_propose(
        actor=officer,
        request=DisclosureRequest(
            controller=world.controllers["wigan"],
            service=SERVICE,
            recipient=recipient,
            purpose=purpose,
            subjects=[casework.child],
            categories=["child.identity.name", "child.identity.date-of-birth"],
        ),
    )


@pytest.mark.parametrize("recipient", ["camhs", "police"])
@pytest.mark.parametrize("purpose", ["media-training", "safeguarding", "service-involvement"])
def test_a_staff_training_photograph_consent_does_not_authorise_sharing_with_camhs_or_the_police(
    world, casework, officer, recipient, purpose
):
    _give(world, casework, officer, ["media-training"])
    # Refused by the gate (a consent purpose the consent does not name) or by sharing (no consent
    # naming this recipient); either way nothing is proposed.
    with pytest.raises((DisclosureRefused, GateDenied), match="no live consent"):
        _share(world, casework, officer, recipient, purpose)
    assert not Disclosure.objects.exists()


def test_a_consent_naming_camhs_and_the_purpose_authorises_exactly_that(world, casework, officer):
    _give(world, casework, officer, ["service-involvement", "wellbeing-health"], recipients=["camhs"])
    assert _share(world, casework, officer, "camhs", "wellbeing-health").status == "approved"
    with pytest.raises(DisclosureRefused, match="no live consent"):
        _share(world, casework, officer, "police", "wellbeing-health")  # another recipient
    with pytest.raises(DisclosureRefused, match="no live consent"):
        _share(world, casework, officer, "camhs", "safeguarding")  # another purpose


def test_a_withdrawn_consent_authorises_no_sharing(world, casework, officer):
    consent = _give(world, casework, officer, ["wellbeing-health"], recipients=["camhs"])
    consent_withdraw(actor=officer, consent=consent, withdrawn_by=casework.mother, withdrawn_on=timezone.localdate())
    with pytest.raises(DisclosureRefused, match="no live consent"):
        _share(world, casework, officer, "camhs", "wellbeing-health")


def test_the_gate_counts_a_consent_only_for_the_purposes_it_names(world, casework, officer):
    _give(world, casework, officer, ["media-training"])

    def allowed(purpose):
        touch = Touch(
            subject=casework.child,
            controller="wigan",
            service=SERVICE,
            purpose=purpose,
            categories=("child.media.photographs-video",),
        )
        return decide(actor=officer, action=Action.READ, touch=touch).allowed

    assert allowed("media-training")
    assert not allowed("media-promotion")
    assert not allowed("media-therapeutic")


def test_a_purpose_not_resting_on_consent_needs_the_recipients_the_consent_is_for(world, casework, officer):
    with pytest.raises(InvalidInput, match="name the recipients"):
        _give(world, casework, officer, ["wellbeing-health"])
    with pytest.raises(InvalidInput, match="has no recipient"):
        _give(world, casework, officer, ["wellbeing-health"], recipients=["a-journalist"])
    with pytest.raises(InvalidInput, match="Choose what the consent is for"):
        _give(world, casework, officer, [])
