"""The refusal page offers emergency access only to someone who could open it: a link that leads to
a second refusal is a dead end."""

import pytest

from tutela.governance.tests.dudley import dudley_child

OFFER = "ask for emergency access"


@pytest.mark.parametrize("persona", ["assigned_caseworker", "analyst", "pastoral_staff", "dudley_ig_officer"])
def test_no_offer_to_whoever_could_not_open_a_grant(client, world, sign_in, persona):
    dudley = dudley_child(world)
    sign_in(world.users[persona])
    page = client.get(f"/people/{dudley.child.pk}/")
    assert page.status_code == 403
    assert OFFER not in page.content.decode()


def test_the_offer_to_a_caseworker_of_another_team_of_the_same_controller(client, world, sign_in):
    dudley = dudley_child(world)
    sign_in(dudley.other_team_caseworker)
    page = client.get(f"/people/{dudley.child.pk}/")
    assert page.status_code == 403
    assert OFFER in page.content.decode()
