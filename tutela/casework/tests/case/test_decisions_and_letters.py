"""A decision is a named officer's, with their reasons; a step with a letter produces it as a
document on the case."""

from datetime import date

import pytest

from tutela.casework.steps import letter_produce, step_record
from tutela.lib.errors import InvalidInput
from tutela.records.models import Record

pytestmark = pytest.mark.django_db

PLAN = {"agreed_on": date(2026, 1, 6), "review_weeks": 6, "plan": "Reading support three times a week."}


@pytest.fixture
def assessing(tess):
    visit = {"visited_on": date(2026, 1, 5), "seen_by": "Sam", "notes": "Seen at school."}
    step_record(actor=tess.worker, case=tess.case, step_key="first-visit", answers=visit)
    return tess


def test_a_decision_without_reasons_is_refused_with_every_other_error(assessing):
    with pytest.raises(InvalidInput) as refused:
        step_record(actor=assessing.worker, case=assessing.case, step_key="support-plan", answers={"plan": "x"})
    assert set(refused.value.errors) == {"rationale", "agreed_on", "review_weeks"}
    assert refused.value.errors["rationale"] == "Record why you are making this decision"


def test_a_decision_records_the_officers_name_and_reasons(assessing):
    answers = {**PLAN, "rationale": "The school's assessment shows a reading age of 8."}
    entry = step_record(actor=assessing.worker, case=assessing.case, step_key="support-plan", answers=answers)
    assert entry.rationale == "The school's assessment shows a reading age of 8."
    assert entry.created_by == assessing.worker
    assert f"Decided by {assessing.worker.get_full_name()}" in entry.record.body
    assessing.case.refresh_from_db()
    assert assessing.case.stage == "support"


def test_the_steps_letter_is_a_document_record_on_the_case(assessing):
    answers = {**PLAN, "rationale": "Reading age of 8."}
    entry = step_record(
        actor=assessing.worker, case=assessing.case, step_key="support-plan", answers=answers, concerning=None
    )
    letter = entry.letter
    assert letter is not None
    assert letter.kind == Record.Kind.DOCUMENT
    assert letter.case == assessing.case
    assert (letter.purpose, letter.categories) == (
        "support-learning",
        ["child.identity.name", "child.education.sen-interventions"],
    )
    assert letter.document.content_type == "application/pdf"


def test_a_letter_from_the_kit_can_be_produced_to_a_parent_on_the_case(tess):
    letter = letter_produce(actor=tess.worker, case=tess.case, letter_key="plan-letter", recipient=tess.mother)
    assert letter.title == "Support plan: letter to Mia Tessler"
    assert letter.kind == Record.Kind.DOCUMENT


def test_an_unknown_letter_is_refused(tess):
    with pytest.raises(InvalidInput):
        letter_produce(actor=tess.worker, case=tess.case, letter_key="no-such-letter")
