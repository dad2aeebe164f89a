"""Configurable steps: NTI with its improvement period, the SAO route's 15-day rules, a deletion's
enquiries checklist, and every step with legal effect a decision with a rationale."""

from datetime import date

import pytest

from tutela.casework.models import CaseTask
from tutela.enforcement.models import LegalDecision, StepEntry
from tutela.enforcement.services import step_record
from tutela.enforcement.stages import CME_ENQUIRIES
from tutela.lib.errors import InvalidInput
from tutela.records.models import Record


def nti(ess, **overrides):
    values = {
        "served_on": date(2026, 1, 12),
        "service_method": "hand",
        "improvement_weeks": 4,
        "support_offered": "Meetings with the pastoral lead; a morning club place.",
    } | overrides
    return step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="notice-to-improve",
        values=values,
        concerning=ess.mother,
        rationale="Support offered since September has not worked.",
    )


def test_a_notice_to_improve_is_a_decision_with_a_letter_and_a_clock(ess):
    entry = nti(ess)
    assert entry.decision.kind == LegalDecision.Kind.ISSUE_NTI and entry.decision.officer == ess.officer
    assert entry.data["improvement_weeks"] == 4 and "support_offered" not in entry.data  # content lives in the record
    letter = Record.objects.get(case=ess.case, title__startswith="Notice to improve: letter")
    assert letter.document.content_type == "application/pdf"
    task = CaseTask.objects.get(case=ess.case, title="Improvement period ends")
    assert task.due_on == date(2026, 2, 9)  # four weeks after receipt by hand on 12 January; no calendar held
    ess.case.refresh_from_db()
    assert ess.case.stage == "notice-to-improve"


@pytest.mark.parametrize("weeks", [2, 7])
def test_the_improvement_period_is_3_to_6_school_weeks(ess, weeks):
    with pytest.raises(InvalidInput) as refused:
        nti(ess, improvement_weeks=weeks)
    assert "3 to 6" in refused.value.errors["improvement_weeks"]
    assert not StepEntry.objects.exists()


def test_a_step_with_legal_effect_needs_a_rationale(ess):
    with pytest.raises(InvalidInput) as refused:
        step_record(
            actor=ess.officer,
            case=ess.case,
            step_key="notice-to-improve",
            concerning=ess.mother,
            values={
                "served_on": date(2026, 1, 12),
                "service_method": "hand",
                "improvement_weeks": 4,
                "support_offered": "x",
            },
        )
    assert "rationale" in refused.value.errors
    assert not LegalDecision.objects.exists()


def test_missing_fields_are_all_reported(ess):
    with pytest.raises(InvalidInput) as refused:
        step_record(
            actor=ess.officer,
            case=ess.case,
            step_key="notice-to-improve",
            values={},
            concerning=ess.mother,
            rationale="r",
        )
    assert {"served_on", "service_method", "improvement_weeks", "support_offered"} <= set(refused.value.errors)


def test_a_parent_step_must_name_a_parent_on_the_case(ess):
    from tutela.people.tests.factories import ParentFactory

    with pytest.raises(InvalidInput) as refused:
        step_record(
            actor=ess.officer,
            case=ess.case,
            step_key="attendance-contract",
            concerning=ParentFactory.create(),
            values={"agreed_on": date(2026, 1, 12), "review_on": date(2026, 2, 12), "terms": "t"},
        )
    assert "parent" in str(refused.value)


def s437(ess, **values):
    return step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="s437-notice",
        concerning=ess.mother,
        rationale="No evidence of suitable education.",
        values={"served_on": date(2026, 1, 12), "service_method": "hand"} | values,
    )


def test_s437_refuses_fewer_than_15_days_beginning_with_service(ess):
    with pytest.raises(InvalidInput) as refused:
        s437(ess, satisfy_by=date(2026, 1, 25))
    assert "26 January 2026" in refused.value.errors["satisfy_by"]
    assert s437(ess, satisfy_by=date(2026, 1, 26)).data["satisfy_by"] == "2026-01-26"


def test_s437_by_post_counts_from_deemed_service(ess):
    entry = s437(ess, service_method="first_class_post")  # posted Monday 12 Jan, served Wednesday 14 Jan
    assert entry.data["satisfy_by"] == "2026-01-28"


def test_the_order_needs_the_s438_notice_first(ess):
    with pytest.raises(InvalidInput, match="s438"):
        step_record(
            actor=ess.officer,
            case=ess.case,
            step_key="school-attendance-order",
            concerning=ess.mother,
            rationale="r",
            values={"served_on": date(2026, 1, 12), "service_method": "hand", "named_school": "Test School"},
        )


def test_the_children_missing_education_ground_needs_every_enquiry(ess):
    values = {"authorised_on": date(2026, 1, 14), "ground": "reg9-cme"}
    with pytest.raises(InvalidInput) as refused:
        step_record(
            actor=ess.officer,
            case=ess.case,
            step_key="register-deletion",
            rationale="Whereabouts unknown.",
            values=values | {"enquiry_home_visit": True},
        )
    assert "A home visit" not in refused.value.errors["ground"] and "Lost Pupils" in refused.value.errors["ground"]
    entry = step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="register-deletion",
        rationale="Whereabouts unknown.",
        values=values | {key: True for key, _label in CME_ENQUIRIES},
    )
    assert entry.decision.kind == LegalDecision.Kind.DELETE_FROM_REGISTER


def test_interview_content_is_stored_encrypted(ess):
    entry = step_record(
        actor=ess.officer,
        case=ess.case,
        step_key="interview-under-caution",
        concerning=ess.mother,
        values={
            "held_on": date(2026, 1, 14),
            "place": "Council House",
            "interviewing_officer": "A Officer",
            "caution_given": True,
            "recording_reference": "IUC-1",
            "summary": "She said the bus was late.",
        },
    )
    assert entry.record.encrypted and entry.record.body == ""
    assert entry.data["caution_given"] is True
