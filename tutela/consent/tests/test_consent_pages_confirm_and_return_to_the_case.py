"""From a case page, recording a consent or its withdrawal says it was done and returns to the
case, where the flag a withdrawal raises is shown; the withdrawal page has a way back."""

from django.utils import timezone

from tutela.consent.tests.pages import RESTS_ON_CONSENT, given


def _date(prefix: str) -> dict[str, str]:
    today = timezone.localdate()
    return {f"{prefix}_0": str(today.day), f"{prefix}_1": str(today.month), f"{prefix}_2": str(today.year)}


def test_a_consent_recorded_from_the_case_returns_to_it_and_says_so(world, casework, client):
    client.force_login(world.users["assigned_caseworker"])
    response = client.post(
        f"/people/{casework.child.pk}/consents/new/?case={casework.case.pk}",
        {
            "purposes": [f"engagement-centres:{RESTS_ON_CONSENT}"],
            "given_by": str(casework.mother.pk),
            "form_reference": "EC-CONSENT-8",
            **_date("given_on"),
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/cases/{casework.case.pk}/"
    assert "Consent recorded for Ada Testchild" in response.content.decode()


def test_a_withdrawal_from_the_case_returns_to_the_case_with_its_flag(world, casework, client):
    consent = given(world, casework)
    client.force_login(world.users["assigned_caseworker"])
    address = f"/consents/{consent.pk}/withdraw/?case={casework.case.pk}"
    assert f'href="/cases/{casework.case.pk}/">Back' in client.get(address).content.decode()
    response = client.post(
        address,
        {"withdrawn_by": str(casework.mother.pk), "note": "Phoned the centre", **_date("withdrawn_on")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/cases/{casework.case.pk}/"
    body = response.content.decode()
    assert "Withdrawal of consent recorded for Ada Testchild" in body and "Needs your decision" in body


def test_a_withdrawal_from_the_person_returns_to_their_consents(world, casework, client):
    consent = given(world, casework)
    client.force_login(world.users["assigned_caseworker"])
    response = client.post(
        f"/consents/{consent.pk}/withdraw/",
        {"withdrawn_by": str(casework.mother.pk), "note": "By letter", **_date("withdrawn_on")},
    )
    assert response["Location"] == f"/people/{casework.child.pk}/consents/"


def test_the_case_page_withdraw_link_names_the_case(world, casework, client):
    consent = given(world, casework)
    client.force_login(world.users["assigned_caseworker"])
    page = client.get(f"/cases/{casework.case.pk}/").content.decode()
    assert f"/consents/{consent.pk}/withdraw/?case={casework.case.pk}" in page
