"""The home page links a team's threshold worklist only where the service has one: a local
authority's service with a purpose covering a child's name and attendance, never a school's."""

import pytest

pytestmark = pytest.mark.django_db

LINK = "Pupils meeting the attendance threshold"


def test_a_school_safeguarding_lead_is_offered_no_worklist(client, world):
    client.force_login(world.users["safeguarding_lead"])
    assert LINK not in client.get("/").content.decode()


def test_an_attendance_enforcement_officer_is_offered_theirs(client, world):
    dudley = world.controllers["dudley"]
    dudley.la_code = "332"  # Dudley's LA number: its schools' pupils are the worklist's
    dudley.save(update_fields=["la_code"])
    client.force_login(world.users["dudley_caseworker"])
    assert 'href="/attendance/worklist/education-support/"' in client.get("/").content.decode()
