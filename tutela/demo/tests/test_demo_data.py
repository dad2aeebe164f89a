"""demo_data builds a synthetic world reproducibly: the same seed twice gives the same state."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tutela.accounts.models import User
from tutela.casework.models import Case
from tutela.lib.identifiers import upn_problem
from tutela.people.models import Person, Relationship, School
from tutela.records.models import Record

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, list[tuple[object, ...]]]:
    return {
        "people": list(
            Person.objects.order_by("la_reference").values_list(
                "la_reference", "kind", "given_name", "family_name", "date_of_birth", "gender", "upn", "school__urn"
            )
        ),
        "relationships": list(
            Relationship.objects.order_by("person__la_reference", "child__la_reference").values_list(
                "person__la_reference", "child__la_reference", "kind", "parental_responsibility"
            )
        ),
        "schools": list(School.objects.order_by("urn").values_list("urn", "name", "la_code", "phase")),
        "cases": list(Case.objects.order_by("reference").values_list("reference", "service", "child__la_reference")),
        "records": sorted(Record.objects.values_list("subject__la_reference", "title", "purpose", "encrypted")),
        "users": list(
            User.objects.order_by("username").values_list("username", "first_name", "controller__slug", "roles__code")
        ),
        **_enforcement_snapshot(),
    }


def _enforcement_snapshot() -> dict[str, list[tuple[object, ...]]]:
    from tutela.casework.models import CaseTask, Referral
    from tutela.enforcement.models import PenaltyNotice, PenaltyPayment, Prosecution, StepEntry

    return {
        "stages": list(Case.objects.order_by("reference").values_list("reference", "stage", "close_reason")),
        "referrals": list(
            Referral.objects.order_by("reference").values_list(
                "reference", "child__la_reference", "status", "case__reference", "data"
            )
        ),
        "steps": sorted(StepEntry.objects.values_list("case__reference", "step", "happened_on", "data")),
        "notices": list(
            PenaltyNotice.objects.order_by("reference").values_list(
                "reference", "parent__la_reference", "offence_start", "offence_end", "unauthorised_sessions", "sequence"
            )
        ),
        "payments": sorted(PenaltyPayment.objects.values_list("notice__reference", "amount_pence", "received_on")),
        "prosecutions": list(Prosecution.objects.order_by("reference").values_list("reference", "outcome")),
        "tasks": sorted(CaseTask.objects.values_list("case__reference", "title", "due_on")),
    }


def _run(*args: str) -> str:
    out = StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def test_running_twice_with_the_same_seed_gives_the_same_state():
    _run("--seed", "7", "--children", "40")
    first = _snapshot()
    _run("--seed", "7", "--children", "40")
    assert _snapshot() == first
    assert Person.objects.filter(kind=Person.Kind.CHILD).count() == 40
    assert first["referrals"] and first["notices"] and first["payments"] and first["tasks"]  # enforcement too


def test_the_same_seed_and_size_give_the_same_state_whatever_ran_before():
    _run("--seed", "8", "--children", "30")
    _run("--seed", "7", "--children", "12")
    after_other_runs = _snapshot()
    from tutela.demo.clearing import demo_casework_clear

    demo_casework_clear()
    Person.objects.all().delete()
    _run("--seed", "7", "--children", "12")
    assert _snapshot() == after_other_runs


def test_another_seed_gives_other_people():
    _run("--seed", "7", "--children", "10")
    first = _snapshot()["people"]
    _run("--seed", "8", "--children", "10")
    assert _snapshot()["people"] != first


def test_children_have_valid_upns_and_parents_with_parental_responsibility():
    _run("--children", "60")
    children = Person.objects.filter(kind=Person.Kind.CHILD)
    assert all(upn_problem(child.upn or "") is None for child in children)
    assert len({child.upn for child in children}) == 60
    assert not children.filter(relatives__isnull=True).exists()
    assert Relationship.objects.filter(parental_responsibility=True).count() == Relationship.objects.count()


def test_prints_every_demo_user_and_the_password():
    output = _run("--children", "5")
    assert "every password is tutela-demo-2026" in output
    for username in User.objects.values_list("username", flat=True):
        assert username in output


def test_every_demo_user_can_sign_in(client):
    _run("--children", "0")
    for user in User.objects.all():
        response = client.post("/sign-in/", {"username": user.username, "password": "tutela-demo-2026"})
        assert response.status_code == 302, user.username
        client.post("/sign-out/")


def test_demo_data_uses_no_real_identifiers():
    _run("--children", "20")
    assert all(int(urn) >= 990000 for urn in School.objects.values_list("urn", flat=True))
    assert not Person.objects.exclude(email="").exclude(email__endswith="@example.com").exists()


def test_rejects_a_negative_size():
    with pytest.raises(CommandError, match="--children must be between 0 and 100000"):
        _run("--children", "-1")


def test_demo_casework_goes_through_the_gate_and_encrypts_health_notes():
    from tutela.audit.models import AuditEntry

    _run("--children", "40")
    assert Case.objects.exists()
    assert AuditEntry.objects.filter(action="record_created").count() == Record.objects.count()
    sensitive = Record.objects.filter(encrypted=True)
    assert sensitive.exists()
    assert not sensitive.exclude(body="").exists()
