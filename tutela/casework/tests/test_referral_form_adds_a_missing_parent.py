"""A referral form that finds no parent or carer for the child links to adding one, and comes back to
the form with the child chosen and the new parent offered; ``next`` never leads off the site."""

from urllib.parse import quote

import pytest
from django.test import Client

from tutela.casework.tests.conftest import SERVICE
from tutela.people.tests.factories import PersonFactory

FORM = f"/services/{SERVICE}/refer/request/"
FILLED = {"given_name": "Rhian", "family_name": "Alone", "kind": "mother", "parental_responsibility": "yes"}


@pytest.fixture
def lone_child(world, tess):
    """A child the TESS team added, with no family recorded."""
    return PersonFactory(given_name="Bea", family_name="Alone", registered_by_team=world.teams["wigan.tess"])


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_form_links_to_adding_a_parent_and_comes_back_with_them_offered(tess, lone_child):
    client = _client(tess.officer)
    back = f"{FORM}?child={lone_child.pk}"
    form = client.get(back).content.decode()
    link = f"/people/{lone_child.pk}/relatives/new/?next={quote(back, safe='')}"
    assert "No parents or carers are recorded for this child." in form
    assert link.replace("&", "&amp;") in form or link in form
    assert client.get(link).status_code == 200
    response = client.post(link, FILLED, follow=True)
    assert response.redirect_chain[-1][0] == back
    page = response.content.decode()
    assert "Rhian Alone added as mother of Bea Alone" in page
    assert "Rhian Alone" in page and "No parents or carers are recorded" not in page


@pytest.mark.parametrize("elsewhere", ["https://example.com/", "//example.com/", "/\\example.com", "javascript:x"])
def test_next_off_the_site_goes_to_the_childs_page_instead(tess, lone_child, elsewhere):
    client = _client(tess.officer)
    response = client.post(f"/people/{lone_child.pk}/relatives/new/?next={quote(elsewhere)}", FILLED)
    assert response["Location"] == f"/people/{lone_child.pk}/"


def test_a_school_user_is_not_sent_to_a_page_they_may_not_use(tess):
    tess.mother.relationships.all().delete()
    form = _client(tess.school_user).get(f"{FORM}?child={tess.child.pk}").content.decode()
    assert "No parents or carers are recorded for this child." in form and "relatives/new" not in form
