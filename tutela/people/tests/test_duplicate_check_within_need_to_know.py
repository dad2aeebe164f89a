"""The duplicate check offers only people the actor may know, never another controller's, and is audited."""

from tutela.audit.models import AuditEntry
from tutela.governance.tests.dudley import dudley_child
from tutela.people.models import Person


def _form(world, child, team_key):
    dob = child.date_of_birth
    return {
        "kind": "child",
        "given_name": child.given_name,
        "family_name": child.family_name,
        "date_of_birth_0": dob.day,
        "date_of_birth_1": dob.month,
        "date_of_birth_2": dob.year,
        "gender": "U",
        "team": world.teams[team_key].pk,
    }


def _api_body(world, child, team_key):
    return {
        "team": world.teams[team_key].pk,
        "kind": "child",
        "given_name": child.given_name,
        "family_name": child.family_name,
        "date_of_birth": str(child.date_of_birth),
    }


def test_the_add_form_does_not_offer_another_controllers_child(client, world, sign_in):
    dudley = dudley_child(world)
    sign_in(world.users["assigned_caseworker"])
    response = client.post("/people/new/", _form(world, dudley.child, "wigan.engagement"))
    assert response.status_code == 302  # nothing to confirm: the Dudley child is not offered
    assert dudley.child.upn not in response.content.decode()
    check = AuditEntry.objects.get(action="duplicate_check")
    assert check.actor == world.users["assigned_caseworker"] and check.detail["subjects"] == []


def test_the_api_does_not_answer_409_with_another_controllers_child(world):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    dudley = dudley_child(world)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.users['assigned_caseworker']).key}")
    response = client.post("/api/people/", _api_body(world, dudley.child, "wigan.engagement"), format="json")
    assert response.status_code == 201
    assert dudley.child.upn not in response.content.decode()
    assert str(dudley.child.pk) != str(response.json().get("id"))
    assert AuditEntry.objects.filter(action="duplicate_check").count() == 1


def test_the_check_still_offers_people_the_actor_may_know_and_audits_them(client, world, sign_in):
    dudley = dudley_child(world)
    sign_in(world.users["dudley_caseworker"])
    before = Person.objects.count()
    response = client.post("/people/new/", _form(world, dudley.child, "dudley.ess"))
    assert response.status_code == 200
    assert f'href="/people/{dudley.child.pk}/"' in response.content.decode()
    assert Person.objects.count() == before
    check = AuditEntry.objects.get(action="duplicate_check")
    assert check.detail["subjects"] == [dudley.child.pk]
    assert check.controller == world.controllers["dudley"]


def test_a_upn_held_by_someone_the_actor_may_not_know_is_refused_without_naming_them(world):
    import pytest

    from tutela.lib.errors import InvalidInput
    from tutela.people.services import PersonDetails, person_create

    dudley = dudley_child(world)
    details = PersonDetails(kind="child", given_name="Sam", family_name="Example", upn=dudley.child.upn)
    with pytest.raises(InvalidInput) as raised:
        person_create(actor=world.users["assigned_caseworker"], team=world.teams["wigan.engagement"], details=details)
    assert "already recorded" in raised.value.errors["upn"]
    assert dudley.child.family_name not in str(raised.value)
