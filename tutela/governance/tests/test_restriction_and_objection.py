"""Restriction (Art 18) blocks every use but storage and legal claims; an upheld objection stops its purpose."""

import pytest
from django.utils import timezone

from tutela.consent.services import objection_decide, objection_raise
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, Touch, decide
from tutela.lib.errors import InvalidInput
from tutela.records.services import record_create, record_restrict, record_touch

CATEGORIES = ("child.identity.name", "child.education.attendance")


def _touch(casework, purpose, categories=CATEGORIES):
    return Touch(
        subject=casework.child,
        controller="wigan",
        service="engagement-centres",
        purpose=purpose,
        categories=categories,
        case_id=casework.case.pk,
        case_team_id=casework.case.owning_team_id,
        case_worker_id=casework.case.allocated_worker_id,
    )


@pytest.mark.parametrize("action", list(__import__("tutela.governance.gate", fromlist=["Action"]).Action))
def test_restricted_subject_blocks_every_action(world, casework, action):
    casework.child.processing_restricted = True
    casework.child.save()
    decision = decide(
        actor=world.users["assigned_caseworker"], action=action, touch=_touch(casework, "administer-service")
    )
    assert not decision
    assert decision.codes == ("restricted",) and "restricted (UK GDPR Art 18)" in decision.reasons[0]


def test_legal_claims_purpose_is_still_allowed_under_restriction(world, casework):
    casework.child.processing_restricted = True
    casework.child.save()
    touch = _touch(casework, "legal-rights", ("child.identity.name",))
    assert decide(actor=world.users["assigned_caseworker"], action=Action.READ, touch=touch)


def test_restricting_one_record_blocks_only_that_record(world, casework):
    worker = world.users["assigned_caseworker"]
    record_restrict(actor=worker, record=casework.records["file_note"], reason="Accuracy contested by parent")
    assert not decide(actor=worker, action=Action.READ, touch=record_touch(casework.records["file_note"]))
    assert decide(actor=worker, action=Action.READ, touch=record_touch(casework.records["contact"]))


def test_restricted_subject_blocks_new_records(world, casework):
    casework.child.processing_restricted = True
    casework.child.save()
    with pytest.raises(GateDenied):
        record_create(
            actor=world.users["assigned_caseworker"],
            subject=casework.child,
            controller=world.controllers["wigan"],
            service="engagement-centres",
            purpose="administer-service",
            categories=list(CATEGORIES),
            kind="file_note",
            title="Note",
            body="x",
            occurred_on=timezone.localdate(),
            source="officer",
            case=casework.case,
        )


def test_upheld_objection_stops_the_purpose(world, casework):
    worker = world.users["assigned_caseworker"]
    objection = objection_raise(
        actor=worker,
        subject=casework.child,
        raised_by=casework.mother,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purpose="data-analytics",
        grounds="We do not want our data in studies",
    )
    touch = _touch(casework, "data-analytics", ("child.education.attendance",))
    assert decide(actor=worker, action=Action.READ, touch=touch)  # pending: not yet decided
    objection_decide(
        actor=world.users["team_manager"], objection=objection, upheld=True, rationale="No overriding grounds"
    )
    decision = decide(actor=worker, action=Action.READ, touch=touch)
    assert not decision and "objection" in decision.reasons[0]
    assert decide(actor=worker, action=Action.READ, touch=_touch(casework, "administer-service"))


def test_an_objection_where_art_21_does_not_apply_is_recorded_and_cannot_be_upheld(world, casework):
    # This test once expected objection_raise to refuse and store nothing; every objection is now
    # recorded and answered (see tutela/consent/tests/test_every_objection_is_answered.py).
    objection = objection_raise(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        raised_by=casework.mother,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purpose="parental-consent",
        grounds="No",
    )
    assert objection.pk and objection.status == "pending"
    with pytest.raises(InvalidInput, match="does not apply"):
        objection_decide(actor=world.users["team_manager"], objection=objection, upheld=True, rationale="Agree")
