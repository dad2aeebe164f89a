"""The casework kit's case page sends a case of a service with its own page (ESS) there, after the
same gated, audited read: nobody learns of a case they may not read from the redirect."""

import pytest
from django.test import Client

from tutela.casework import kit
from tutela.casework.kit import ServiceKit, Stage

pytestmark = pytest.mark.django_db

OWN_PAGE = ServiceKit(
    service="education-support", stages=(Stage("referral", "Referral"),), case_url_name="enforcement:case"
)


@pytest.fixture
def ess_kit(monkeypatch: pytest.MonkeyPatch) -> ServiceKit:
    monkeypatch.setitem(kit._KITS, OWN_PAGE.service, OWN_PAGE)
    return OWN_PAGE


def test_an_ess_case_is_sent_to_its_own_page(ess, ess_kit):
    client = Client()
    client.force_login(ess.officer)
    response = client.get(f"/cases/{ess.case.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/enforcement/cases/{ess.case.pk}/"


def test_someone_who_may_not_read_it_is_refused_not_redirected(world, ess, ess_kit):
    client = Client()
    client.force_login(world.users["assigned_caseworker"])
    assert client.get(f"/cases/{ess.case.pk}/").status_code == 403
