"""The agreements list is for information governance; the DPO reviews sharing without consent."""

import pytest

from tutela.sharing.services import DisclosureRequest, disclosure_propose, disclosure_send


@pytest.mark.parametrize(
    ("persona", "status"),
    [("ig_officer", 200), ("dpo", 200), ("assigned_caseworker", 403), ("school_user", 403), ("outsider", 403)],
)
def test_agreements_page_by_persona(client, world, sign_in, persona, status):
    sign_in(world.users[persona])
    response = client.get("/sharing/agreements/")
    assert response.status_code == status
    if status == 200:
        assert "WGN-ISA-EC-GP" in response.content.decode()


def test_person_page_lists_who_the_data_was_shared_with(client, world, casework, sign_in):
    worker = world.users["assigned_caseworker"]
    request = DisclosureRequest(
        controller=world.controllers["wigan"],
        service="engagement-centres",
        recipient="gps",
        purpose="care-while-attending",
        subjects=[casework.child],
        categories=["child.identity.name"],
    )
    disclosure_send(actor=worker, disclosure=disclosure_propose(actor=worker, request=request))
    sign_in(worker)
    html = client.get(f"/people/{casework.child.pk}/").content.decode()
    assert "Shared with" in html and "GPs" in html


def test_dpo_reviews_sharing_without_consent(client, world, casework, sign_in):
    from django.utils import timezone

    from tutela.casework.models import Case
    from tutela.sharing.selectors import disclosures_without_consent_to_review

    officer = world.users["other_service_officer"]
    Case.objects.create(
        reference="TESS-P1",
        controller=world.controllers["wigan"],
        service="targeted-education-support",
        child=casework.child,
        owning_team=world.teams["wigan.tess"],
        allocated_worker=officer,
        opened_at=timezone.now(),
        opened_by=officer,
    )
    disclosure = disclosure_propose(
        actor=officer,
        request=DisclosureRequest(
            controller=world.controllers["wigan"],
            service="targeted-education-support",
            recipient="gps",
            purpose="safeguarding",
            subjects=[casework.child],
            categories=["child.identity.name"],
            without_consent_justification="Immediate risk of harm reported by the school this morning",
        ),
    )
    sign_in(world.users["dpo"])
    assert "Immediate risk of harm" in client.get("/sharing/reviews/").content.decode()
    response = client.post(f"/sharing/reviews/{disclosure.pk}/", {"outcome": "Justified under para 18"})
    assert response.status_code == 302
    assert not disclosures_without_consent_to_review(reviewer=world.users["dpo"]).exists()
