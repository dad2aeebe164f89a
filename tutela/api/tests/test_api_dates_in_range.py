"""The API accepts the same range of dates as the forms (1900 to 2100), with the same message:
a record dated 1 January year 1 was accepted, and only the service's own checks kept later
dates from the date arithmetic (retention periods added to them)."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tutela.records.models import Record


@pytest.mark.parametrize("occurred_on", ["9999-12-31", "0001-01-01"])
def test_a_record_dated_outside_the_range_is_a_400(world, casework, occurred_on):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.users['assigned_caseworker']).key}")
    response = client.post(
        "/api/records/",
        {
            "case": casework.case.pk,
            "purpose": "administer-service",
            "categories": ["child.identity.name"],
            "kind": "file_note",
            "title": "Far-off note",
            "occurred_on": occurred_on,
            "source": "officer",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "between 1900 and 2100" in str(response.json())
    assert not Record.objects.filter(title="Far-off note").exists()
