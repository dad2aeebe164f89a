"""A worker shares from the case page: sees what is left out, a manager approves where needed, the package is made."""

from tutela.sharing.models import Disclosure, DisclosureLogEntry


def test_share_minimise_send_and_download(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    response = client.post(
        f"/sharing/cases/{casework.case.pk}/share/",
        {
            "recipient": "gps",
            "purpose": "care-while-attending",
            "categories": ["child.identity.name", "child.special.ethnicity"],
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Left out" in page and "Race or ethnicity" in page
    sent = client.post(response["Location"], {"step": "send"}).content.decode()
    assert "Passphrase" in sent
    disclosure = Disclosure.objects.get()
    assert disclosure.status == "sent"
    assert DisclosureLogEntry.objects.filter(subject=casework.child, recipient="gps").exists()
    download = client.get(f"/sharing/disclosures/{disclosure.pk}/package.zip")
    assert download["Content-Type"] == "application/zip" and download.content.startswith(b"PK")


def test_a_recipient_outside_the_register_cannot_be_chosen(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    response = client.post(
        f"/sharing/cases/{casework.case.pk}/share/",
        {
            "recipient": "a-journalist",
            "purpose": "care-while-attending",
            "categories": ["child.identity.name"],
        },
    )
    assert response.status_code == 200
    assert "Choose who to share with" in response.content.decode()
    assert not Disclosure.objects.exists()


def test_manager_approval_on_the_page(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    location = client.post(
        f"/sharing/cases/{casework.case.pk}/share/",
        {
            "recipient": "support-organisations",
            "purpose": "administer-service",
            "categories": ["child.identity.name"],
        },
    )["Location"]
    assert "A team manager must approve" in client.get(location).content.decode()
    client.logout()
    sign_in(world.users["team_manager"])
    client.post(location, {"step": "decide", "approve": "yes", "rationale": "Placement needs it"})
    assert Disclosure.objects.get().status == "approved"


def test_other_services_cannot_open_the_share_page(client, world, casework, sign_in):
    sign_in(world.users["other_service_officer"])
    assert client.get(f"/sharing/cases/{casework.case.pk}/share/").status_code == 403


def test_internal_referrals_are_logged_as_disclosures(world, casework):
    from tutela.sharing.selectors import recipients_holding
    from tutela.sharing.services import DisclosureRequest, disclosure_propose, disclosure_send

    worker = world.users["assigned_caseworker"]
    request = DisclosureRequest(
        controller=world.controllers["wigan"],
        service="engagement-centres",
        recipient="internal-services",
        purpose="administer-service",
        subjects=[casework.child],
        categories=["child.identity.name"],
    )
    disclosure_send(actor=worker, disclosure=disclosure_propose(actor=worker, request=request))
    assert [holder.recipient for holder in recipients_holding(person=casework.child)] == ["internal-services"]
