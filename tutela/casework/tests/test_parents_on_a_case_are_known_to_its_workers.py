"""A caseworker allocated to a child's case, or in its owning team, knows the parents and carers on
that case (the mother's person page opens), within what the service's family purpose covers and
only while the person is on the case; nobody else does."""

import pytest
from django.test import Client

from tutela.casework.access import case_family_file

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("assigned_caseworker", 200),
        ("team_colleague", 200),
        ("other_service_officer", 403),
        ("school_user", 403),
        ("outsider", 403),
        ("dudley_caseworker", 403),
    ],
)
def test_who_may_open_the_mothers_person_page(world, casework, persona, status):
    client = Client()
    client.force_login(world.users[persona])
    response = client.get(f"/people/{casework.mother.pk}/")
    assert response.status_code == status
    if status == 200:
        assert casework.mother.family_name in response.content.decode()


def test_off_the_case_the_mother_is_no_longer_known(world, casework):
    casework.case.family.remove(casework.mother)
    client = Client()
    client.force_login(world.users["assigned_caseworker"])
    assert client.get(f"/people/{casework.mother.pk}/").status_code == 403


def test_a_restricted_parent_is_not_opened_through_the_case(world, casework):
    casework.mother.processing_restricted = True
    casework.mother.save(update_fields=["processing_restricted"])
    client = Client()
    client.force_login(world.users["assigned_caseworker"])
    assert client.get(f"/people/{casework.mother.pk}/").status_code == 403


def test_the_family_purpose_is_the_case_files_where_it_covers_parents():
    purpose, categories = case_family_file(controller="wigan", service="engagement-centres")
    assert purpose == "administer-service"
    assert "family.identity.name" in categories and "family.relationships" in categories


def test_otherwise_the_public_task_purpose_that_covers_most_of_what_the_page_shows():
    # TESS keeps its case files for 'support-learning', which covers no parent: never a consent-based purpose.
    purpose, categories = case_family_file(controller="wigan", service="targeted-education-support")
    assert purpose == "safeguarding"
    assert set(categories) == {
        "family.identity.name",
        "family.relationships",
        "family.contact.address",
        "family.contact.phone",
    }
