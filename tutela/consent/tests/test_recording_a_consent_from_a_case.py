"""Recording a consent from a case (``?case=<id>``) offers the case's service only, reads the case
through the gate, and refuses a case that is not the person's."""

from django.utils import timezone

from tutela.casework.models import Case


def test_from_the_case_only_its_service_is_offered(world, casework, client):
    client.force_login(world.users["assigned_caseworker"])
    page = client.get(f"/people/{casework.child.pk}/consents/new/?case={casework.case.pk}").content.decode()
    assert "engagement-centres:parental-consent" in page
    assert "targeted-education-support:" not in page and casework.case.reference in page


def test_a_case_of_another_child_is_not_found(world, casework, client):
    from tutela.people.tests.factories import PersonFactory

    other = Case.objects.create(
        reference="EC-0009",
        controller=world.controllers["wigan"],
        service="engagement-centres",
        child=PersonFactory(),
        owning_team=world.teams["wigan.engagement"],
        allocated_worker=world.users["assigned_caseworker"],
        opened_at=timezone.now(),
        opened_by=world.users["assigned_caseworker"],
    )
    client.force_login(world.users["assigned_caseworker"])
    assert client.get(f"/people/{casework.child.pk}/consents/new/?case={other.pk}").status_code == 404


def test_a_case_query_that_is_not_a_number_is_ignored(world, casework, client):
    client.force_login(world.users["assigned_caseworker"])
    assert client.get(f"/people/{casework.child.pk}/consents/new/?case=²").status_code == 200
