"""An objection is recorded on the person's page, flags their open case of that service, and a named
person answers it with reasons; where the law does not let it be upheld, the page says why in words."""

from tutela.casework.models import CaseFlag
from tutela.consent.models import Objection
from tutela.register.api import register


def _raise(client, casework, purpose="data-analytics"):
    return client.post(
        f"/people/{casework.child.pk}/objections/new/",
        {
            "purpose": f"engagement-centres:{purpose}",
            "raised_by": str(casework.mother.pk),
            "grounds": "We do not want our data in studies",
        },
    )


def test_an_objection_recorded_on_the_page_flags_the_open_case(world, casework, client):
    client.force_login(world.users["assigned_caseworker"])
    assert _raise(client, casework).status_code == 302
    objection = Objection.objects.get(subject=casework.child)
    assert objection.purpose == "data-analytics" and objection.raised_by == casework.mother
    flag = CaseFlag.objects.get(case=casework.case, kind=CaseFlag.Kind.OBJECTION)
    assert flag.about == f"objection:{objection.pk}" and flag.task is not None
    page = client.get(f"/people/{casework.child.pk}/consents/").content.decode()
    assert register().purpose("wigan", "engagement-centres", "data-analytics").label in page
    assert "Waiting for a decision" in page and f"/objections/{objection.pk}/decide/" in page


def test_a_named_person_answers_it_with_reasons(world, casework, client):
    client.force_login(world.users["assigned_caseworker"])
    _raise(client, casework)
    objection = Objection.objects.get(subject=casework.child)
    manager = world.users["team_manager"]
    client.force_login(manager)
    response = client.post(
        f"/objections/{objection.pk}/decide/", {"upheld": "yes", "rationale": "No overriding grounds"}
    )
    assert response.status_code == 302
    objection.refresh_from_db()
    assert objection.status == Objection.Status.UPHELD and objection.decided_by == manager
    assert "No overriding grounds" in client.get(f"/people/{casework.child.pk}/consents/").content.decode()


def test_an_objection_that_cannot_be_upheld_is_refused_in_plain_words(world, casework, client):
    client.force_login(world.users["assigned_caseworker"])
    _raise(client, casework, purpose="parental-consent")
    objection = Objection.objects.get(subject=casework.child)
    body = client.post(f"/objections/{objection.pk}/decide/", {"upheld": "yes", "rationale": "Agree"}).content.decode()
    assert "cannot be upheld" in body and "withdraw your consent instead" in body
    objection.refresh_from_db()
    assert objection.status == Objection.Status.PENDING


def test_only_those_who_know_the_person_in_the_service_answer_it(world, casework, client):
    client.force_login(world.users["assigned_caseworker"])
    _raise(client, casework)
    objection = Objection.objects.get(subject=casework.child)
    for persona in ("other_service_officer", "school_user", "dudley_caseworker", "outsider"):
        client.force_login(world.users[persona])
        assert client.get(f"/objections/{objection.pk}/decide/").status_code == 403, persona
