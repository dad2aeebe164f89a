"""The person page shows what the viewer may see, marks the rest restricted, and costs a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tutela.records.models import Record
from tutela.records.services import record_create

PAGE_PERSONAS = {
    "assigned_caseworker": 200,
    "team_colleague": 200,
    "other_service_officer": 403,
    "safeguarding_lead": 403,
    "school_user": 403,
    "analyst": 403,
    "outsider": 403,
}


@pytest.mark.parametrize(("persona", "status"), PAGE_PERSONAS.items())
def test_person_page_by_persona(client, world, casework, sign_in, persona, status):
    sign_in(world.users[persona])
    response = client.get(f"/people/{casework.child.pk}/")
    assert response.status_code == status
    html = response.content.decode()
    if status == 200:
        assert casework.child.full_name in html
        assert "File note about attendance" in html
    else:
        assert casework.child.full_name not in html
        assert "You cannot see this" in html


def test_records_the_viewer_may_not_read_are_marked_restricted(client, world, casework, sign_in):
    from tutela.records.services import record_restrict

    record_restrict(actor=world.users["team_manager"], record=casework.records["contact"], reason="Accuracy contested")
    sign_in(world.users["assigned_caseworker"])
    html = client.get(f"/people/{casework.child.pk}/").content.decode()
    assert "Restricted" in html
    assert "Contact log entry about attendance" not in html
    assert "File note about attendance" in html


def _add_records(world, casework, count):
    for number in range(count):
        record_create(
            actor=world.users["assigned_caseworker"],
            subject=casework.child,
            controller=world.controllers["wigan"],
            service="engagement-centres",
            purpose="administer-service",
            categories=["child.education.attendance"],
            kind="file_note",
            title=f"Note {number}",
            body="Seen at home",
            occurred_on=timezone.localdate(),
            source=Record.Source.OFFICER,
            case=casework.case,
        )


def _queries_for_page(client, casework):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/people/{casework.child.pk}/").status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_number_of_records(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    few = _queries_for_page(client, casework)
    _add_records(world, casework, 40)
    many = _queries_for_page(client, casework)
    assert many == few
    # A fixed handful: PostgreSQL's audit append takes an advisory lock (one query more than SQLite),
    # and each audit entry looks up its controller.
    assert few <= 34


def test_bad_upn_on_the_form_shows_a_govuk_error_and_writes_nothing(client, world, sign_in):
    from tutela.people.models import Person

    sign_in(world.users["assigned_caseworker"])
    before = Person.objects.count()
    response = client.post(
        "/people/new/",
        {
            "kind": "child",
            "given_name": "Sam",
            "family_name": "Example",
            "date_of_birth_0": "3",
            "date_of_birth_1": "4",
            "date_of_birth_2": "2013",
            "gender": "U",
            "upn": "A801200005001",
            "team": world.teams["wigan.engagement"].pk,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The UPN&#x27;s check letter does not match its digits" in html
    assert Person.objects.count() == before


def test_impossible_date_is_refused(client, world, sign_in):
    sign_in(world.users["assigned_caseworker"])
    response = client.post(
        "/people/new/",
        {
            "kind": "child",
            "given_name": "Sam",
            "family_name": "Example",
            "date_of_birth_0": "31",
            "date_of_birth_1": "2",
            "date_of_birth_2": "2013",
            "gender": "U",
            "team": world.teams["wigan.engagement"].pk,
        },
    )
    assert "Date of birth must be a real date" in response.content.decode()


def test_adding_a_person_then_seeing_them(client, world, sign_in):
    sign_in(world.users["assigned_caseworker"])
    response = client.post(
        "/people/new/",
        {
            "kind": "child",
            "given_name": "Sam",
            "family_name": "Example",
            "date_of_birth_0": "3",
            "date_of_birth_1": "4",
            "date_of_birth_2": "2013",
            "gender": "U",
            "upn": "B801200005001",
            "team": world.teams["wigan.engagement"].pk,
        },
    )
    assert response.status_code == 302
    assert "Sam Example" in client.get(response["Location"]).content.decode()
