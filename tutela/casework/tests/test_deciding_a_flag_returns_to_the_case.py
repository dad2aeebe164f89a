"""Deciding a flag returns the worker to the case, saying the decision was recorded; the flag page
leads back to the case it is on."""

import pytest

from tutela.casework.flags import flag_raise
from tutela.casework.models import CaseFlag


@pytest.fixture
def flag(casework):
    return flag_raise(
        case=casework.case, kind=CaseFlag.Kind.CONSENT_WITHDRAWN, message="Consent was withdrawn.", about="consent:1"
    )


def test_the_flag_page_leads_back_to_the_case(world, casework, flag, client):
    client.force_login(world.users["assigned_caseworker"])
    page = client.get(f"/flags/{flag.pk}/").content.decode()
    assert f'href="/cases/{casework.case.pk}/">Back to case {casework.case.reference}' in page


def test_a_decision_returns_to_the_case_and_says_so(world, casework, flag, client):
    client.force_login(world.users["assigned_caseworker"])
    response = client.post(f"/flags/{flag.pk}/", {"resolution": "The case continues on its public task."}, follow=True)
    assert response.redirect_chain[-1][0] == f"/cases/{casework.case.pk}/"
    assert f"Decision recorded on case {casework.case.reference}" in response.content.decode()
