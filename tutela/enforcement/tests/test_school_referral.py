"""A school refers its own pupil with Tutela's attendance attached; the LA accepts, returns or redirects."""

import pytest

from tutela.casework.intake import referral_accept, referral_return, referral_submit
from tutela.casework.models import Case, Referral
from tutela.casework.referrals import referrals_submitted as referrals_for_school
from tutela.enforcement.categories import SCHOOL_REFERRAL, SERVICE
from tutela.governance.errors import GateDenied
from tutela.lib.errors import InvalidInput
from tutela.people.tests.factories import PersonFactory
from tutela.records.models import Record


def details(ess, **overrides):
    """The keyword arguments of ESS's school referral (``referral_submit(actor=..., **details(ess))``)."""
    answers = {
        "actions_taken": "Letters home, two meetings, a pastoral support plan.",
        "safeguarding": "",
        "safeguarding_concerns": False,
        "sen_status": "sen_support",
    }
    child = overrides.pop("child", ess.child)
    family = overrides.pop("parents", [ess.mother, ess.father])
    return {
        "service": SERVICE,
        "form": SCHOOL_REFERRAL,
        "child": child,
        "family": family,
        "answers": answers | overrides,
    }


def test_a_school_refers_its_pupil_with_the_attendance_tutela_holds(ess):
    referral = referral_submit(actor=ess.school_user, **details(ess))
    assert referral.status == Referral.Status.SUBMITTED
    assert referral.data["attendance"]["unauthorised_absence"] == 28  # every Monday and Tuesday morning for 14 weeks
    assert referral.data["attendance"]["possible_sessions"] == 140
    assert referral.data["attendance"]["possible_sessions"] > 0
    assert referral.attachments.get().document.content_type == "text/csv"
    assert referral.record.source_school == ess.school
    assert set(referral.family.all()) == {ess.mother, ess.father}


def test_bad_referrals_are_refused_with_every_reason_and_nothing_written(ess):
    stranger = PersonFactory(school=ess.other_school)
    with pytest.raises(InvalidInput) as refused:
        referral_submit(
            actor=ess.school_user,
            **details(ess, child=stranger, parents=[], actions_taken=" ", safeguarding_concerns=True),
        )
    assert set(refused.value.errors) == {"child", "family", "actions_taken", "safeguarding"}
    assert not Referral.objects.exists() and not Record.objects.filter(source=Record.Source.SCHOOL).exists()


def test_only_a_school_user_may_refer(ess):
    with pytest.raises(GateDenied):
        referral_submit(actor=ess.officer, **details(ess))


def test_accepting_opens_a_case_with_the_referral_and_marks_on_it(ess, world):
    referral = referral_submit(actor=ess.school_user, **details(ess))
    case = referral_accept(
        actor=ess.officer, referral=referral, team=world.teams["dudley.ess"], allocate_to=ess.officer
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED and referral.case == case
    assert set(case.family.all()) == {ess.mother, ess.father}
    assert set(Record.objects.filter(case=case).values_list("pk", flat=True)) >= {
        referral.record_id,
        referral.attachments.get().pk,
    }
    with pytest.raises(InvalidInput, match="already been accepted"):
        referral_accept(actor=ess.officer, referral=referral, team=world.teams["dudley.ess"], allocate_to=None)


def test_returning_needs_reasons_and_opens_no_case(ess):
    referral = referral_submit(actor=ess.school_user, **details(ess))
    with pytest.raises(InvalidInput):
        referral_return(actor=ess.officer, referral=referral, reason="")
    referral_return(actor=ess.officer, referral=referral, reason="Please hold a targeted support meeting first.")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RETURNED and referral.case is None
    assert Case.objects.count() == 1  # only the fixture's


def test_redirecting_to_another_service(ess):
    referral = referral_submit(actor=ess.school_user, **details(ess))
    referral_return(
        actor=ess.officer, referral=referral, reason="Early help is better placed.", redirect_to="early-help"
    )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REDIRECTED and referral.redirected_to == "early-help"


@pytest.mark.parametrize("persona", ["assigned_caseworker", "other_service_officer", "outsider", "dudley_ig_officer"])
def test_only_officers_of_the_service_triage(ess, world, persona):
    referral = referral_submit(actor=ess.school_user, **details(ess))
    with pytest.raises(GateDenied):
        referral_return(actor=world.users[persona], referral=referral, reason="Not ours.")


def test_a_school_cannot_triage(ess):
    referral = referral_submit(actor=ess.school_user, **details(ess))
    with pytest.raises(GateDenied):
        referral_return(actor=ess.school_user, referral=referral, reason="Changed our minds.")


def test_schools_see_only_their_own_referrals(ess):
    referral = referral_submit(actor=ess.school_user, **details(ess))
    assert referrals_for_school(actor=ess.school_user) == [referral]
    assert referrals_for_school(actor=ess.other_school_user) == []
    assert referrals_for_school(actor=ess.officer) == []


def test_a_redirect_goes_only_where_the_register_names(ess):
    referral = referral_submit(actor=ess.school_user, **details(ess))
    with pytest.raises(InvalidInput, match="register"):
        referral_return(actor=ess.officer, referral=referral, reason="Elsewhere.", redirect_to="somewhere-else")
