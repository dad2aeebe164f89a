"""Adding a child's parent or carer: the child's team's caseworker may, from the child's page; a
colleague in another service, a school user (even of the child's school), another controller's
officer and an outsider are refused, audited, as the person page refuses them."""

import pytest
from django.test import Client

from tutela.audit.models import AuditEntry
from tutela.people.models import Relationship

FILLED = {
    "given_name": "Rhian",
    "family_name": "Example",
    "kind": "father",
    "parental_responsibility": "yes",
    "phone": "01942 000000",
}


def _client(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def pupil_school_user(world, casework):
    user = world.users["school_user"]
    user.school = casework.school  # the child's own school: they may see the child's page, not add to it
    user.save(update_fields=["school"])
    return user


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("assigned_caseworker", 200),
        ("team_colleague", 200),
        ("other_service_officer", 403),
        ("school_user", 403),
        ("dudley_caseworker", 403),
        ("outsider", 403),
    ],
)
def test_the_page_persona_matrix(world, casework, pupil_school_user, persona, status):
    url = f"/people/{casework.child.pk}/relatives/new/"
    client = _client(world.users[persona])
    links = Relationship.objects.count()
    assert client.get(url).status_code == status
    assert client.post(url, FILLED).status_code == (302 if status == 200 else status)
    assert Relationship.objects.count() == links + (1 if status == 200 else 0)
    decision = "allowed" if status == 200 else "denied"
    assert AuditEntry.objects.filter(actor=world.users[persona], subject_id=str(casework.child.pk), decision=decision)


def test_a_missing_child_is_404(world):
    assert _client(world.users["assigned_caseworker"]).get("/people/999999/relatives/new/").status_code == 404


def test_the_childs_page_links_to_it_for_staff_only(world, casework, pupil_school_user):
    url = f"/people/{casework.child.pk}/relatives/new/"
    assert url in _client(world.users["assigned_caseworker"]).get(f"/people/{casework.child.pk}/").content.decode()
    assert url not in _client(pupil_school_user).get(f"/people/{casework.child.pk}/").content.decode()


def test_added_the_child_page_shows_them_with_a_success_message(world, casework):
    client = _client(world.users["assigned_caseworker"])
    response = client.post(f"/people/{casework.child.pk}/relatives/new/", FILLED, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/people/{casework.child.pk}/"
    assert "Rhian Example added as father of Ada Testchild" in page and "Rhian Example</a>: father" in page


def test_errors_are_listed_at_once_and_nothing_is_written(world, casework):
    client = _client(world.users["assigned_caseworker"])
    links = Relationship.objects.count()
    page = client.post(f"/people/{casework.child.pk}/relatives/new/", {"email": "not-an-email"}).content.decode()
    for message in (
        "Enter a first name",
        "Enter a last name",
        "Choose how they are related to the child",
        "Choose yes if they have parental responsibility",
        "Enter an email address like name@example.com",
    ):
        assert message in page
    assert "There is a problem" in page and Relationship.objects.count() == links
