"""Saving "Change details" changes what the form shows and keeps everything else (the school above all:
clearing it would cut the school off from its own pupil)."""

from tutela.people.models import Person


def _post_edit(client, person: Person, **changes: str):
    data = {
        "kind": person.kind,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth_0": str(person.date_of_birth.day) if person.date_of_birth else "",
        "date_of_birth_1": str(person.date_of_birth.month) if person.date_of_birth else "",
        "date_of_birth_2": str(person.date_of_birth.year) if person.date_of_birth else "",
        "gender": person.gender,
        "upn": person.upn or "",
        "nhs_number": person.nhs_number or "",
        "address": person.address,
        "phone": person.phone,
        "email": person.email,
    } | changes
    return client.post(f"/people/{person.pk}/edit/", data)


def test_saving_change_details_keeps_the_school(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    response = _post_edit(client, casework.child, phone="01942 000000")
    assert response.status_code == 302, response.content.decode()[:2000]
    child = Person.objects.get(pk=casework.child.pk)
    assert child.phone == "01942 000000"
    assert child.school == casework.school


def test_the_school_keeps_its_pupil_after_the_la_changes_details(client, world, casework, sign_in):
    school_user = world.users["school_user"]
    school_user.school = casework.school
    school_user.save(update_fields=["school"])
    sign_in(world.users["assigned_caseworker"])
    _post_edit(client, casework.child, address="2 New Street, Wigan WN1 1AA")
    client.logout()
    sign_in(school_user)
    assert client.get(f"/people/{casework.child.pk}/").status_code == 200
