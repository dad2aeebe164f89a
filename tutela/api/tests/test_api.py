"""The REST API goes through the same gate, validation and audit log as the pages."""

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tutela.audit.models import AuditEntry
from tutela.consent.models import Consent


def _client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("assigned_caseworker", 200),
        ("team_colleague", 200),
        ("other_service_officer", 403),
        ("school_user", 403),
        ("analyst", 403),
        ("outsider", 403),
    ],
)
def test_person_by_persona(world, casework, persona, status):
    response = _client(world.users[persona]).get(f"/api/people/{casework.child.pk}/")
    assert response.status_code == status
    if status == 403:
        assert response.json()["detail"]
        assert casework.child.family_name not in response.content.decode()
    else:
        assert len(response.json()["records"]) == len(casework.records)


def test_signed_out_callers_are_refused(casework):
    assert APIClient().get(f"/api/people/{casework.child.pk}/").status_code in {401, 403}


def test_bad_upn_is_a_400_with_the_field_message_and_nothing_written(world):
    before = AuditEntry.objects.count()
    response = _client(world.users["assigned_caseworker"]).post(
        "/api/people/",
        {
            "team": world.teams["wigan.engagement"].pk,
            "kind": "child",
            "given_name": "Sam",
            "family_name": "Example",
            "upn": "A801200005001",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"upn": "The UPN's check letter does not match its digits"}
    assert AuditEntry.objects.count() == before


def test_possible_duplicate_is_a_409_until_confirmed(world, casework):
    client = _client(world.users["assigned_caseworker"])
    body = {
        "team": world.teams["wigan.engagement"].pk,
        "kind": "child",
        "given_name": "Ada",
        "family_name": "Testchild",
        "date_of_birth": str(casework.child.date_of_birth),
    }
    first = client.post("/api/people/", body, format="json")
    assert first.status_code == 409
    assert first.json()["matches"][0]["id"] == casework.child.pk
    assert client.post("/api/people/", {**body, "confirmed_not_duplicate": True}, format="json").status_code == 201


def test_create_and_read_a_special_category_record(world, casework):
    client = _client(world.users["assigned_caseworker"])
    created = client.post(
        "/api/records/",
        {
            "case": casework.case.pk,
            "purpose": "care-while-attending",
            "categories": ["child.special.health"],
            "kind": "file_note",
            "title": "Allergy",
            "body": "Severe nut allergy",
            "occurred_on": str(timezone.localdate()),
            "source": "parent",
        },
        format="json",
    )
    assert created.status_code == 201 and created.json()["encrypted"] is True
    read = client.get(f"/api/records/{created.json()['id']}/")
    assert read.json()["body"] == "Severe nut allergy"
    assert _client(world.users["other_service_officer"]).get(f"/api/records/{created.json()['id']}/").status_code == 403


def test_record_outside_the_purpose_is_refused_with_the_reason(world, casework):
    response = _client(world.users["assigned_caseworker"]).post(
        "/api/records/",
        {
            "case": casework.case.pk,
            "purpose": "data-analytics",
            "categories": ["child.identity.name"],
            "kind": "file_note",
            "title": "Name",
            "body": "",
            "occurred_on": str(timezone.localdate()),
            "source": "officer",
        },
        format="json",
    )
    assert response.status_code == 403
    assert response.json()["codes"] == ["categories-outside-purpose"]
    assert (
        "Name of the child or young person can't be recorded for 'Analysing the support needed'"
        in (response.json()["detail"][0])
    )


def test_give_and_withdraw_consent(world, casework):
    client = _client(world.users["assigned_caseworker"])
    given = client.post(
        "/api/consents/",
        {
            "case": casework.case.pk,
            "given_by": casework.mother.pk,
            "purpose": "parental-consent",
            "form_reference": "EC-CONSENT-7",
            "given_on": str(timezone.localdate()),
        },
        format="json",
    )
    assert given.status_code == 201
    withdrawn = client.post(
        f"/api/consents/{given.json()['id']}/withdraw/",
        {
            "withdrawn_by": casework.mother.pk,
            "withdrawn_on": str(timezone.localdate()),
        },
        format="json",
    )
    assert withdrawn.status_code == 200
    assert Consent.objects.get(pk=given.json()["id"]).withdrawn_on == timezone.localdate()


def test_a_consent_given_through_the_api_records_its_purposes_and_recipients(world, casework):
    client = _client(world.users["assigned_caseworker"])
    given = client.post(
        "/api/consents/",
        {
            "case": casework.case.pk,
            "given_by": casework.mother.pk,
            "purposes": ["parental-consent", "care-while-attending"],
            "recipients": ["gps"],
            "form_reference": "EC-CONSENT-8",
            "given_on": str(timezone.localdate()),
        },
        format="json",
    )
    assert given.status_code == 201, given.json()
    person = client.get(f"/api/people/{casework.child.pk}/").json()
    [consent] = person["consents"]
    assert consent["purposes"] == ["parental-consent", "care-while-attending"]
    assert consent["recipients"] == ["gps"]
    assert person["objections"] == []


def test_openapi_document_describes_the_endpoints(world, client, sign_in):
    sign_in(world.users["assigned_caseworker"])
    schema = client.get("/api/schema/").content.decode()
    for path in ("/api/people/", "/api/people/{person_id}/", "/api/records/", "/api/consents/"):
        assert path in schema
