"""The kit check the service apps' tests use finds a kit that records more than its register allows."""

from dataclasses import replace

from tutela.casework.kit import Field, Letter, Stage, Step
from tutela.casework.tests.kit_register import kit_register_problems
from tutela.engagement.kit import KIT


def test_a_step_touching_a_category_its_purpose_does_not_is_found():
    step = replace(KIT.steps[0], categories=("child.special.religion",))
    problems = kit_register_problems(replace(KIT, steps=(step,)))
    assert any("may not touch child.special.religion" in problem for problem in problems)


def test_a_purpose_of_another_service_is_found():
    step = replace(KIT.steps[0], purpose="attendance-offence-enforcement")
    assert any("has no purpose" in problem for problem in kit_register_problems(replace(KIT, steps=(step,))))


def test_a_step_moving_to_a_stage_its_stage_does_not_lead_to_is_found():
    stages = (Stage("one", "One"), Stage("two", "Two"))
    step = Step("go", "Go", ("one",), "administer-service", ("child.support.case-records",), (), moves_to="two")
    problems = kit_register_problems(replace(KIT, stages=stages, steps=(step,), intake=()))
    assert any("which 'one' does not lead to" in problem for problem in problems)


def test_a_missing_letter_template_and_a_date_field_that_is_not_a_date_are_found():
    letter = replace(KIT.letters[0], template="letters/no_such_letter.html")
    step = replace(KIT.steps[0], fields=(Field("held_on", "When", "line"),))
    problems = kit_register_problems(replace(KIT, letters=(letter, *KIT.letters[1:]), steps=(step,)))
    assert any("no template letters/no_such_letter.html" in problem for problem in problems)
    assert any("not one of its date fields" in problem for problem in problems)
    assert isinstance(letter, Letter)
