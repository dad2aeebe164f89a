"""The service's kit records only what its register entry allows, and is registered for the casework pages."""

from tutela.casework.kit import kit_for
from tutela.casework.tests.kit_register import kit_register_problems
from tutela.targeted.kit import KIT


def test_the_kit_names_only_purposes_and_categories_the_register_allows():
    assert kit_register_problems(KIT) == []


def test_the_kit_is_registered_for_its_service():
    assert kit_for("targeted-education-support") is KIT


def test_every_decision_step_can_be_reached_and_every_stage_has_a_step():
    reachable = {KIT.stages[0].key} | {form.opening_stage for form in KIT.intake if form.opening_stage}
    reachable |= {step.moves_to for step in KIT.steps if step.moves_to}
    assert reachable == {stage.key for stage in KIT.stages}
    assert all(KIT.steps_at(stage.key) for stage in KIT.stages if stage.next)
