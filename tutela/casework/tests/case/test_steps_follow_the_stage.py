"""A step is recorded only where the kit offers it: at its stages, on an open case; each step goes
through the gate as a governed record and moves the case on to the step's stage."""

from datetime import date

import pytest

from tutela.audit.models import AuditEntry
from tutela.casework.models import CaseStep
from tutela.casework.steps import step_record
from tutela.governance.errors import GateDenied
from tutela.lib.errors import InvalidInput
from tutela.records.models import Record

pytestmark = pytest.mark.django_db

VISIT = {"visited_on": date(2026, 1, 5), "seen_by": "Sam Worker", "notes": "Settled; wants help with reading."}


def test_a_step_of_a_later_stage_is_refused_and_nothing_is_written(tess):
    plan = {"agreed_on": date(2026, 1, 6), "review_weeks": 6, "plan": "Reading support.", "rationale": "Needs it."}
    with pytest.raises(InvalidInput) as refused:
        step_record(actor=tess.worker, case=tess.case, step_key="support-plan", answers=plan)
    assert "not a step at the stage Request for involvement" in refused.value.errors["__all__"]
    assert not CaseStep.objects.exists()
    assert not Record.objects.filter(case=tess.case).exists()


def test_a_step_at_its_stage_is_recorded_and_moves_the_case_on(tess):
    entry = step_record(actor=tess.worker, case=tess.case, step_key="first-visit", answers=VISIT)
    tess.case.refresh_from_db()
    assert tess.case.stage == "assessment"
    assert entry.happened_on == date(2026, 1, 5)
    assert entry.data == {"visited_on": "2026-01-05", "seen_by": "Sam Worker"}  # content stays in the record
    assert entry.record.purpose == "support-learning"
    assert "wants help with reading" in entry.record.body
    assert AuditEntry.objects.filter(action="case_step", object_id=str(entry.pk)).exists()


def test_a_step_valid_at_every_stage_is_offered_at_each(tess, tess_kit):
    for stage in ("request", "assessment", "support", "closing"):
        assert "concern" in [step.key for step in tess_kit.steps_at(stage)]
    assert [step.key for step in tess_kit.steps_at("request")] == ["first-visit", "concern"]


def test_special_category_content_is_kept_encrypted_and_names_who_it_concerns(tess):
    entry = step_record(
        actor=tess.worker,
        case=tess.case,
        step_key="concern",
        answers={"concern": "Left alone."},
        concerning=tess.mother,
    )
    assert entry.concerning == tess.mother
    assert entry.record.encrypted and entry.record.body == ""


def test_a_person_not_on_the_case_cannot_be_named(tess, casework):
    with pytest.raises(InvalidInput) as refused:
        step_record(
            actor=tess.worker, case=tess.case, step_key="concern", answers={"concern": "x"}, concerning=casework.mother
        )
    assert set(refused.value.errors) == {"concerning"}


def test_a_closed_case_takes_no_step(tess):
    from tutela.casework.services import case_close

    case_close(actor=tess.worker, case=tess.case, reason="Support no longer needed")
    with pytest.raises(InvalidInput, match="closed"):
        step_record(actor=tess.worker, case=tess.case, step_key="first-visit", answers=VISIT)


def test_an_officer_of_another_service_cannot_record_a_step(tess, world):
    with pytest.raises(GateDenied):
        step_record(actor=world.users["assigned_caseworker"], case=tess.case, step_key="first-visit", answers=VISIT)
    assert not CaseStep.objects.exists()


def test_every_input_error_comes_at_once_and_nothing_is_written(tess):
    answers = {"visited_on": "2026-02-30", "seen_by": "", "notes": ""}
    with pytest.raises(InvalidInput) as refused:
        step_record(actor=tess.worker, case=tess.case, step_key="first-visit", answers=answers)
    assert refused.value.errors == {
        "visited_on": "Date of the visit must be a real date",
        "seen_by": "Enter who saw the child",
        "notes": "Enter what was found",
    }
    assert not CaseStep.objects.exists()
    tess.case.refresh_from_db()
    assert tess.case.stage == "request"
