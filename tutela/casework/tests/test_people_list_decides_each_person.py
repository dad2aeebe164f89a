"""The people list decides every person it finds through the gate, in one audited batch.

A restricted person (Art 18) is not offered for use; the list's one audit entry names each person
decided, allowed or refused; the list shows only the identity the purpose may touch; and it costs a
fixed handful of queries however many people there are."""

from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tutela.audit.models import AuditEntry
from tutela.casework.models import Case
from tutela.casework.people_list import people_for_actor
from tutela.governance.tests.dudley import dudley_child
from tutela.people.tests.factories import PersonFactory


def _list_entry():
    return AuditEntry.objects.filter(object_type="people list").latest("seq")


def _api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _restrict(person):
    person.processing_restricted = True
    person.save(update_fields=["processing_restricted"])


def test_a_restricted_person_is_not_listed_and_the_refusal_names_them(client, world, casework, sign_in):
    _restrict(casework.child)
    sign_in(world.users["assigned_caseworker"])
    page = client.get("/people/").content.decode()
    assert casework.child.family_name not in page
    assert casework.mother.family_name in page
    entry = _list_entry()
    denied = [oid for group in entry.detail["denied"] for oid in group["ids"]]
    assert denied == [str(casework.child.pk)]
    assert any("restricted" in reason for group in entry.detail["denied"] for reason in group["reasons"])
    assert casework.child.pk in entry.detail["subjects"]


def test_the_api_leaves_out_a_restricted_person_too(world, casework):
    _restrict(casework.child)
    answer = _api(world.users["assigned_caseworker"]).get("/api/people/")
    assert answer.status_code == 200
    assert [row["id"] for row in answer.json()] == [casework.mother.pk]
    assert str(casework.child.pk) in str(_list_entry().detail["denied"])


def test_the_list_audit_entry_names_each_person_listed(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    client.get("/people/")
    entry = _list_entry()
    assert entry.actor == world.users["assigned_caseworker"]
    assert set(entry.detail["subjects"]) == {casework.child.pk, casework.mother.pk}
    assert set(entry.detail["allowed"]) == {str(casework.child.pk), str(casework.mother.pk)}
    assert entry.detail["denied"] == []


def test_the_list_shows_a_upn_only_where_the_purpose_holds_upns(world, casework):
    # Engagement Centres keep case files under a purpose that does not list UPNs; Dudley's
    # Education Support Service's purpose does.
    wigan = _api(world.users["assigned_caseworker"]).get("/api/people/").json()
    assert {row["id"]: row["upn"] for row in wigan}[casework.child.pk] is None
    assert casework.child.upn not in str(wigan)
    dudley = dudley_child(world)
    rows = _api(world.users["dudley_caseworker"]).get("/api/people/").json()
    assert {row["id"]: row["upn"] for row in rows}[dudley.child.pk] == dudley.child.upn


def test_a_school_user_lists_their_own_pupils_as_submitted_by_their_school(world, casework):
    pupil = PersonFactory(school=casework.other_school, given_name="Pia", family_name="Ownpupil")
    answer = _api(world.users["school_user"]).get("/api/people/")
    assert [row["id"] for row in answer.json()] == [pupil.pk]
    assert answer.json()[0]["upn"] == pupil.upn  # the school sent it; the LA's pupil data holds UPNs
    entry = AuditEntry.objects.filter(object_type="people.person").latest("seq")
    assert (entry.subject_id, entry.decision, entry.reason) == (str(pupil.pk), "allowed", "submitted by your school")


def test_the_list_costs_a_fixed_handful_of_queries(world, casework, django_assert_max_num_queries):
    actor = world.users["assigned_caseworker"]
    for number in range(30):
        child = PersonFactory(given_name=f"Child{number}", family_name="Manycases")
        case = Case.objects.create(
            reference=f"EC-1{number:03d}",
            controller=world.controllers["wigan"],
            service="engagement-centres",
            child=child,
            owning_team=world.teams["wigan.engagement"],
            allocated_worker=world.users["assigned_caseworker"],
            opened_at=timezone.now(),
            opened_by=world.users["assigned_caseworker"],
        )
        case.family.add(PersonFactory(kind="parent", upn=None, given_name=f"Parent{number}", family_name="Many"))
    # The actor's teams (twice), the people, their cases as child and as family, the gate's context
    # (roles, controller, consents, objections) and one audit entry: the same for 2 people or 50.
    with django_assert_max_num_queries(15):
        rows = people_for_actor(actor=actor)
    assert len(rows) == 50
    assert len(_list_entry().detail["subjects"]) == 50  # the list's limit
