"""Who may do what to each type of record on a case: the persona x action x record-type matrix.

Every decision, allowed or denied, is in the audit log; every denial with its reason.
"""

import pytest

from tutela.audit.models import AuditEntry
from tutela.governance.gate import Action, decide
from tutela.records.models import Record
from tutela.records.services import record_touch

ALLOWED = {"assigned_caseworker", "team_colleague"}
PERSONAS = [
    "assigned_caseworker",
    "team_colleague",
    "other_service_officer",
    "safeguarding_lead",
    "school_user",
    "analyst",
    "outsider",
]
ACTIONS = [Action.READ, Action.UPDATE, Action.EXPORT, Action.SHARE]


@pytest.mark.parametrize("kind", Record.Kind.values)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_matrix(world, casework, persona, action, kind):
    actor = world.users[persona]
    record = casework.records[kind]
    before = AuditEntry.objects.count()

    decision = decide(actor=actor, action=action, touch=record_touch(record))

    assert decision.allowed is (persona in ALLOWED)
    entry = AuditEntry.objects.order_by("-seq").first()
    assert AuditEntry.objects.count() == before + 1
    assert entry.actor == actor
    assert entry.action == str(action)
    assert entry.object_id == str(record.pk)
    assert entry.subject_id == str(casework.child.pk)
    assert entry.purpose == "wigan/engagement-centres/administer-service"
    assert entry.decision == ("allowed" if decision.allowed else "denied")
    assert entry.reason
    if not decision.allowed:
        assert entry.reason == "; ".join(decision.reasons)


def test_allowed_decisions_say_how(world, casework):
    record = casework.records[Record.Kind.FILE_NOTE]
    assert (
        decide(actor=world.users["assigned_caseworker"], action=Action.READ, touch=record_touch(record)).via
        == "allocated to the case"
    )
    assert (
        decide(actor=world.users["team_colleague"], action=Action.READ, touch=record_touch(record)).via
        == "member of the owning team"
    )


def test_service_wide_role_in_a_team_of_the_service_may_read(world, casework):
    manager = world.users["team_manager"]  # team-manager has service-wide reach
    record = casework.records[Record.Kind.FILE_NOTE]
    casework.case.owning_team = world.teams["wigan.tess"]  # not the manager's team any more
    casework.case.save()
    record.refresh_from_db()
    decision = decide(actor=manager, action=Action.READ, touch=record_touch(record))
    assert decision.allowed and decision.via == "service-wide role"


def test_school_user_sees_what_their_school_submitted(world, casework):
    from django.utils import timezone

    from tutela.records.services import record_create

    school_user = world.users["school_user"]
    submitted = record_create(
        actor=school_user,
        subject=casework.child,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purpose="administer-service",
        categories=["child.identity.name", "child.education.attendance"],
        kind=Record.Kind.DOCUMENT,
        title="Referral from school",
        body="Attendance 71% this term.",
        occurred_on=timezone.localdate(),
        source=Record.Source.SCHOOL,
        source_school=casework.other_school,
        case=casework.case,
    )
    assert (
        decide(actor=school_user, action=Action.READ, touch=record_touch(submitted)).via == "submitted by your school"
    )
    assert not decide(actor=school_user, action=Action.READ, touch=record_touch(casework.records["file_note"]))
