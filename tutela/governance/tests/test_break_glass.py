"""Break-glass: access without need to know, for a stated reason, for a limited time, reviewed by the DPO."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tutela.audit.models import AuditEntry
from tutela.governance.gate import Action, decide
from tutela.governance.selectors import break_glass_queue
from tutela.governance.services import break_glass_open, break_glass_review
from tutela.lib.errors import InvalidInput
from tutela.records.services import record_touch

PURPOSE = "engagement-centres/administer-service"


def test_grant_allows_access_until_it_expires(world, casework):
    officer = world.users["other_service_officer"]
    record = casework.records["file_note"]
    assert not decide(actor=officer, action=Action.READ, touch=record_touch(record))
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        break_glass_open(
            actor=officer,
            subject=casework.child,
            reason="Child reported missing from the centre",
            purpose=PURPOSE,
            minutes=30,
        )
        decision = decide(actor=officer, action=Action.READ, touch=record_touch(record))
        assert decision.allowed and decision.via == "break-glass"
        assert "Child reported missing" in AuditEntry.objects.order_by("-seq").first().reason
        traveller.shift(timedelta(minutes=30, seconds=1))
        assert not decide(actor=officer, action=Action.READ, touch=record_touch(record))


def test_grant_covers_only_its_subject(world, casework):
    from tutela.casework.models import Case
    from tutela.people.tests.factories import PersonFactory

    officer, other_child = world.users["other_service_officer"], PersonFactory()
    Case.objects.create(
        reference="EC-0002",
        controller=world.controllers["wigan"],
        service="engagement-centres",
        child=other_child,
        owning_team=world.teams["wigan.engagement"],
        opened_at=timezone.now(),
        opened_by=world.users["assigned_caseworker"],
    )
    break_glass_open(
        actor=officer, subject=other_child, reason="A different child entirely", purpose=PURPOSE, minutes=30
    )
    assert not decide(actor=officer, action=Action.READ, touch=record_touch(casework.records["file_note"]))


def test_grants_queue_for_the_dpo_and_leave_once_reviewed(world, casework):
    grant = break_glass_open(
        actor=world.users["other_service_officer"],
        subject=casework.child,
        reason="Urgent safeguarding call from police",
        purpose=PURPOSE,
        minutes=15,
    )
    dpo = world.users["dpo"]
    assert list(break_glass_queue(reviewer=dpo)) == [grant]
    with pytest.raises(InvalidInput, match="Only the Data Protection Officer"):
        break_glass_review(reviewer=world.users["team_colleague"], grant=grant, decision="appropriate")
    break_glass_review(reviewer=dpo, grant=grant, decision="appropriate", notes="Justified: police call logged")
    assert list(break_glass_queue(reviewer=dpo)) == []


@pytest.mark.parametrize(
    ("reason", "minutes", "field"),
    [
        ("", 30, "reason"),
        ("too short", 30, "reason"),
        ("A long enough reason", 0, "minutes"),
        ("A long enough reason", 100000, "minutes"),
    ],
)
def test_bad_requests_are_refused_and_grant_nothing(world, casework, reason, minutes, field):
    with pytest.raises(InvalidInput) as raised:
        break_glass_open(
            actor=world.users["other_service_officer"],
            subject=casework.child,
            reason=reason,
            purpose=PURPOSE,
            minutes=minutes,
        )
    assert field in raised.value.errors
    assert not break_glass_queue(reviewer=world.users["dpo"]).exists()
