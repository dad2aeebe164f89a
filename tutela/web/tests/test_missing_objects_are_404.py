"""A page or API call about something that does not exist is a 404, never a server error.

Selectors raise the model's DoesNotExist; one middleware (pages) and the API's exception handler
turn it into the 404 page and a JSON 404.
"""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

MISSING = 999999


@pytest.fixture
def raising_client() -> Client:
    # A 500 would otherwise surface as the exception itself: see it as a status code instead.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "url",
    [
        f"/people/{MISSING}/",
        f"/people/{MISSING}/edit/",
        f"/records/{MISSING}/",
        f"/records/{MISSING}/file/",
        f"/cases/{MISSING}/records/new/",
        f"/cases/{MISSING}/",
        f"/cases/{MISSING}/steps/first-visit/",
        f"/tasks/{MISSING}/done/",
        f"/enforcement/cases/{MISSING}/",
        f"/referrals/{MISSING}/",
    ],
)
def test_a_missing_object_is_the_404_page(world, casework, raising_client, sign_in, url):
    sign_in(world.users["assigned_caseworker"], raising_client)
    response = raising_client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def _api(user) -> APIClient:
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_a_record_for_a_missing_case_is_a_json_404(world, casework):
    response = _api(world.users["assigned_caseworker"]).post(
        "/api/records/",
        {
            "case": MISSING,
            "purpose": "administer-service",
            "categories": ["child.identity.name"],
            "kind": "file_note",
            "title": "A note",
            "body": "",
            "occurred_on": "2026-01-05",
            "source": "officer",
        },
        format="json",
    )
    assert response.status_code == 404
    assert response.json() == {"detail": "not found"}


@pytest.mark.parametrize("url", [f"/api/people/{MISSING}/", f"/api/records/{MISSING}/"])
def test_a_missing_person_or_record_is_a_json_404(world, url):
    response = _api(world.users["assigned_caseworker"]).get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "not found"}
