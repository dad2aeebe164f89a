"""IG staff see the information-sharing agreements their controller is a party to, and each DPO
reviews only their own controller's sharing without consent."""

from datetime import date

import pytest
from django.utils import timezone

from tutela.accounts.tests.factories import UserFactory
from tutela.register.api import register
from tutela.sharing.models import Disclosure
from tutela.sharing.selectors import agreements_index, disclosures_without_consent_to_review

JUSTIFICATION = "Synthetic: immediate risk of harm reported by the school"


def _references(controller: str) -> set[str]:
    return {
        recipient.agreement.reference
        for service in register().controller(controller).services
        for recipient in service.recipients
        if recipient.agreement is not None and not recipient.retired
    }


def test_ig_staff_see_only_their_own_controllers_agreements(world):
    wigan, dudley, school = _references("wigan"), _references("dudley"), _references("werneth-school")
    assert wigan and (dudley | school)
    seen = {row.reference for row in agreements_index(today=date(2026, 11, 25), viewer=world.users["ig_officer"])}
    assert seen == wigan


def test_the_agreements_page_shows_no_other_controllers_agreement(client, world, sign_in):
    others = _references("dudley") | _references("werneth-school")
    sign_in(world.users["ig_officer"])
    page = client.get("/sharing/agreements/").content.decode()
    assert not [reference for reference in others if reference in page]
    assert any(reference in page for reference in _references("wigan"))


@pytest.fixture
def wigan_disclosure(world):
    return Disclosure.objects.create(
        controller=world.controllers["wigan"],
        service="targeted-education-support",
        recipient="gps",
        recipient_name="GP practices",
        purpose="safeguarding",
        categories_requested=["child.identity.name"],
        categories_sent=["child.identity.name"],
        without_consent_justification=JUSTIFICATION,
        status=Disclosure.Status.APPROVED,
        proposed_by=world.users["other_service_officer"],
        proposed_at=timezone.now(),
    )


def test_each_dpo_reviews_only_their_own_controllers_disclosures(client, world, sign_in, wigan_disclosure):
    dudley_dpo = UserFactory(username="dudley-dpo", controller=world.controllers["dudley"], roles=["dpo"])
    assert not disclosures_without_consent_to_review(reviewer=dudley_dpo).exists()
    assert list(disclosures_without_consent_to_review(reviewer=world.users["dpo"])) == [wigan_disclosure]
    sign_in(dudley_dpo)
    assert JUSTIFICATION not in client.get("/sharing/reviews/").content.decode()
    assert client.get(f"/sharing/reviews/{wigan_disclosure.pk}/").status_code == 403
    response = client.post(f"/sharing/reviews/{wigan_disclosure.pk}/", {"outcome": "Justified"})
    assert response.status_code == 403
    wigan_disclosure.refresh_from_db()
    assert wigan_disclosure.dpo_reviewed_at is None
