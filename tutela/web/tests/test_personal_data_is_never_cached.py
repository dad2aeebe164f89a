"""Pages and API answers for a signed-in user carry Cache-Control: no-store (UK GDPR Art 32);
static files and the public privacy notices stay cacheable."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("page", ["person", "record", "people", "home"])
def test_pages_with_personal_data_are_not_stored(client, world, casework, sign_in, page):
    sign_in(world.users["assigned_caseworker"])
    url = {
        "person": f"/people/{casework.child.pk}/",
        "record": f"/records/{casework.records['file_note'].pk}/",
        "people": "/people/?q=Testchild",
        "home": "/",
    }[page]
    response = client.get(url)
    assert response.status_code == 200
    assert _no_store(response)


def test_refusals_and_missing_pages_for_a_signed_in_user_are_not_stored(client, world, casework, sign_in):
    sign_in(world.users["other_service_officer"])
    assert _no_store(client.get(f"/people/{casework.child.pk}/"))
    assert _no_store(client.get("/people/999999/"))


def test_api_answers_are_not_stored(world, casework):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.users['assigned_caseworker']).key}")
    response = api.get(f"/api/people/{casework.child.pk}/")
    assert response.status_code == 200
    assert _no_store(response)


def test_downloads_keep_their_own_no_store(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    response = client.get(f"/records/{casework.records['document'].pk}/file/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_public_privacy_notices_stay_cacheable(client, world):
    notice = client.get("/privacy/wigan/engagement-centres/")
    assert notice.status_code == 200
    assert not _no_store(notice)


@pytest.mark.parametrize("url", ["/static/govuk-frontend/govuk-frontend.min.css", "/assets/images/favicon.ico"])
def test_static_files_stay_cacheable_even_signed_in(client, world, sign_in, url):
    sign_in(world.users["assigned_caseworker"])
    response = client.get(url)
    assert response.status_code == 200
    assert not _no_store(response)
