"""Adding a record from the case page: validated, gated, encrypted where it must be."""

from django.utils import timezone

from tutela.records.models import Record


def _post(client, casework, purpose="care-while-attending", **overrides):
    today = timezone.localdate()
    data = {
        "categories": ["child.special.health"],
        "kind": "file_note",
        "title": "Medication at lunch",
        "body": "Takes medication at 12:30",
        "occurred_on_0": today.day,
        "occurred_on_1": today.month,
        "occurred_on_2": today.year,
        "source": "parent",
        **overrides,
    }
    return client.post(f"/cases/{casework.case.pk}/records/new/?purpose={purpose}", data)


def test_caseworker_adds_an_encrypted_health_note(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    response = _post(client, casework)
    assert response.status_code == 302
    record = Record.objects.get(title="Medication at lunch")
    assert record.encrypted and record.body == ""
    assert "Takes medication at 12:30" in client.get(response["Location"]).content.decode()


def test_category_outside_the_purpose_is_not_offered_and_not_recorded(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    response = _post(client, casework, purpose="data-analytics")
    assert response.status_code == 200
    assert "Choose at least one kind of information the record contains" in response.content.decode()
    assert not Record.objects.filter(title="Medication at lunch").exists()


def test_missing_title_and_date_show_errors(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    html = _post(client, casework, title="", occurred_on_0="", occurred_on_1="", occurred_on_2="").content.decode()
    assert "There is a problem" in html
    assert "Enter a title" in html
    assert "Enter the date" in html


def test_an_officer_of_another_service_cannot_open_the_form(client, world, casework, sign_in):
    sign_in(world.users["other_service_officer"])
    assert client.get(f"/cases/{casework.case.pk}/records/new/").status_code == 403
