"""A referral is returned with reasons, or redirected only to a service or recipient the register
names for the service; neither opens a case."""

import pytest

from tutela.casework.intake import redirect_targets, referral_return, referral_submit
from tutela.casework.models import Case, Referral
from tutela.casework.tests.conftest import SERVICE, request_answers
from tutela.lib.errors import InvalidInput


@pytest.fixture
def referral(tess):
    return referral_submit(
        actor=tess.school_user, service=SERVICE, form="request", child=tess.child, family=[], answers=request_answers()
    )


def test_returning_needs_reasons(tess, referral):
    with pytest.raises(InvalidInput) as refused:
        referral_return(actor=tess.officer, referral=referral, reason="  ")
    assert "reason" in refused.value.errors
    referral_return(actor=tess.officer, referral=referral, reason="Please try the school nurse first.")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RETURNED and referral.case is None and not Case.objects.exists()


def test_the_redirect_targets_are_the_controllers_other_services_and_the_registers_recipients(referral):
    targets = redirect_targets(referral)
    assert targets["engagement-centres"] == "Engagement Centres"
    assert "camhs" in targets and SERVICE not in targets


def test_a_redirect_goes_only_where_the_register_names(tess, referral):
    with pytest.raises(InvalidInput, match="register"):
        referral_return(actor=tess.officer, referral=referral, reason="Elsewhere.", redirect_to="somewhere-else")
    referral_return(actor=tess.officer, referral=referral, reason="CAMHS are better placed.", redirect_to="camhs")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REDIRECTED and referral.redirected_to == "camhs"


def test_a_triaged_referral_is_not_triaged_again(tess, referral):
    referral_return(actor=tess.officer, referral=referral, reason="Not yet.")
    with pytest.raises(InvalidInput, match="already been returned"):
        referral_return(actor=tess.officer, referral=referral, reason="Again.")
