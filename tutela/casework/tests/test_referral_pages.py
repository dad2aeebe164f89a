"""The referral pages: the forms a user may send, the form itself, the lists and a referral with its
triage; 200 to those the gate allows, 403 to others, 404 for what does not exist."""

import pytest
from django.test import Client

from tutela.audit.models import AuditEntry
from tutela.casework.intake import referral_submit
from tutela.casework.models import Case, Referral
from tutela.casework.tests.conftest import SERVICE, request_answers


@pytest.fixture
def referral(tess):
    return referral_submit(
        actor=tess.school_user,
        service=SERVICE,
        form="request",
        child=tess.child,
        family=[tess.mother],
        answers=request_answers(),
    )


def _get(user, url):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client.get(url)


def test_the_refer_page_lists_the_forms_the_user_may_send_by_their_names(tess):
    school = _get(tess.school_user, "/refer/").content.decode()
    assert "Ask for targeted education support" in school and "Targeted Education Support Service" in school
    assert "Request for Service Involvement" not in school  # for the service's own staff only
    assert "Request for Service Involvement" in _get(tess.officer, "/refer/").content.decode()


def test_the_referral_form_offers_a_school_its_pupils_and_their_family(tess):
    url = f"/services/{SERVICE}/refer/request/"
    assert "Ada Referred" in _get(tess.school_user, url).content.decode()
    page = _get(tess.school_user, f"{url}?child={tess.child.pk}").content.decode()
    assert tess.mother.given_name in page and "What help the child needs" in page


def test_the_referral_form_is_refused_to_whom_the_form_does_not_take_and_missing_forms_are_404(tess):
    assert _get(tess.outsider, f"/services/{SERVICE}/refer/request/").status_code == 403
    assert _get(tess.school_user, f"/services/{SERVICE}/refer/involvement/").status_code == 403
    assert _get(tess.school_user, f"/services/{SERVICE}/refer/no-such-form/").status_code == 404
    assert _get(tess.school_user, "/services/no-such-service/refer/request/").status_code == 404


def test_a_school_sends_a_referral_from_the_form(tess):
    client = Client()
    client.force_login(tess.school_user)
    response = client.post(
        f"/services/{SERVICE}/refer/request/",
        {"child": str(tess.child.pk), "family": [str(tess.mother.pk)], "needs": "Support please", "urgency": "term"},
    )
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/referrals/{referral.pk}/"
    assert referral.data["urgency"] == "term" and referral.school == tess.school


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 200), ("school_user", 200), ("other_school_user", 403), ("other_team", 403), ("outsider", 403)],
)
def test_the_referral_page_persona_matrix(tess, referral, persona, status):
    response = _get(getattr(tess, persona), f"/referrals/{referral.pk}/")
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Ada Referred" in page and "Within weeks" in page and "Targeted Education Support Service" in page
        assert ("Decide on the referral" in page) == (persona == "officer")
    entry = AuditEntry.objects.order_by("-seq").filter(object_type="casework.referral").first()
    assert entry is not None and entry.subject_id == str(tess.child.pk)


def test_a_missing_referral_is_404(tess):
    assert _get(tess.officer, "/referrals/999999/").status_code == 404


def test_the_list_puts_waiting_referrals_first_for_the_service_and_its_own_for_a_school(tess, referral):
    officer = _get(tess.officer, "/referrals/").content.decode()
    assert "Waiting for triage" in officer and referral.reference in officer
    assert referral.reference in _get(tess.school_user, "/referrals/").content.decode()
    assert referral.reference not in _get(tess.other_school_user, "/referrals/").content.decode()
    assert referral.reference not in _get(tess.other_team, "/referrals/").content.decode()


def test_accepting_from_the_page_opens_the_case(tess, world, referral):
    client = Client()
    client.force_login(tess.officer)
    response = client.post(
        f"/referrals/{referral.pk}/",
        {"outcome": "accept", "team": str(world.teams["wigan.tess"].pk), "allocate_to": str(tess.officer.pk)},
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.allocated_worker == tess.officer and Referral.objects.get().case == case


def test_returning_from_the_page_without_reasons_says_so(tess, referral):
    client = Client()
    client.force_login(tess.officer)
    page = client.post(f"/referrals/{referral.pk}/", {"outcome": "return", "reason": ""}).content.decode()
    assert "Give the referrer your reasons" in page
    assert Referral.objects.get().status == Referral.Status.SUBMITTED
