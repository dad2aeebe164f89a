"""Who may submit follows the form's submitters: a school user for its own pupils, the service's
staff, another team's staff where the form allows them; never an outsider, never the public unless
the form and the register allow it."""

import pytest

from tutela.casework.intake import referral_submit
from tutela.casework.models import Referral
from tutela.casework.tests.conftest import SERVICE, request_answers
from tutela.governance.errors import GateDenied
from tutela.lib.errors import InvalidInput
from tutela.records.models import Record


def _submit(tess, actor, form="request", **answers):
    return referral_submit(
        actor=actor,
        service=SERVICE,
        form=form,
        child=tess.child,
        family=[tess.mother],
        answers=request_answers(**answers),
    )


@pytest.mark.parametrize("persona", ["school_user", "officer", "other_team"])
def test_a_school_user_of_the_childs_school_and_the_councils_staff_may_refer(tess, persona):
    referral = _submit(tess, getattr(tess, persona))
    assert referral.status == Referral.Status.SUBMITTED and referral.reference.startswith("REF-")
    assert set(referral.family.all()) == {tess.mother}


def test_a_school_referral_is_recorded_as_from_the_school(tess):
    referral = _submit(tess, tess.school_user)
    assert referral.school == tess.school and referral.submitter_kind == "school"
    assert referral.record.source == Record.Source.SCHOOL and referral.record.source_school == tess.school


def test_a_school_user_of_another_school_may_not_refer_the_child(tess):
    with pytest.raises(InvalidInput) as refused:
        _submit(tess, tess.other_school_user)
    assert "child" in refused.value.errors
    assert not Referral.objects.exists()


def test_an_outsider_may_not_refer(tess):
    with pytest.raises(GateDenied):
        _submit(tess, tess.outsider)


def test_a_form_for_the_services_own_staff_refuses_other_teams_and_schools(tess):
    for actor in (tess.other_team, tess.school_user):
        with pytest.raises(GateDenied):
            referral_submit(
                actor=actor,
                service=SERVICE,
                form="involvement",
                child=tess.child,
                family=[tess.mother],
                answers={"support": "Help", "consent_given_by": str(tess.mother.pk), "consent_evidence": "RSI-1"},
            )
    assert not Referral.objects.exists()


def test_staff_of_another_controller_may_not_refer(tess, world):
    with pytest.raises(GateDenied):
        _submit(tess, world.users["dudley_caseworker"])
