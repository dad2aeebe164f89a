"""A kit must agree with the register: kit_problems finds every purpose, category, public submitter
and stage it names that the register or the kit does not hold, and the system check reports them."""

from dataclasses import replace

from tutela.casework.kit import Step, Submitter, kit_for, kits
from tutela.casework.kit_checks import kit_problems, kits_check
from tutela.casework.tests.conftest import REQUEST, TEST_KIT


def test_the_test_kit_and_every_services_kit_agree_with_the_register():
    assert kit_problems(TEST_KIT) == []
    assert {kit.service for kit in kits()} >= {
        "education-support",
        "engagement-centres",
        "targeted-education-support",
        "sen-safeguarding",
        "pupil-data",
    }
    assert {kit.service: kit_problems(kit) for kit in kits()} == {kit.service: [] for kit in kits()}


def test_a_category_the_purpose_may_not_touch_is_found():
    bad = replace(REQUEST, categories=("child.identity.name", "child.special.religion"))
    problems = kit_problems(replace(TEST_KIT, intake=(bad,)))
    assert problems == [
        "targeted-education-support: intake form 'request': purpose 'wellbeing-health' may not touch "
        "'child.special.religion'"
    ]


def test_an_unknown_purpose_category_and_stage_are_found():
    step = Step("visit", "Home visit", stages=("nowhere",), purpose="no-such-purpose", categories=(), fields=())
    bad = replace(REQUEST, categories=("child.made-up",), opening_stage="limbo")
    problems = " | ".join(kit_problems(replace(TEST_KIT, intake=(bad,), steps=(step,))))
    assert "unknown category 'child.made-up'" in problems
    assert "no purpose 'no-such-purpose'" in problems
    assert "no stage 'limbo'" in problems and "no stage 'nowhere'" in problems


def test_the_public_may_submit_only_where_the_register_names_families_as_a_source():
    public = replace(REQUEST, submitters=frozenset({Submitter.PUBLIC}))
    assert kit_problems(replace(TEST_KIT, intake=(public,))) == []  # TESS names parents and carers
    ess_kit = kit_for("education-support")
    ess_public = replace(ess_kit.intake[0], submitters=frozenset({Submitter.PUBLIC}))
    assert any("lets the public submit" in p for p in kit_problems(replace(ess_kit, intake=(ess_public,))))


def test_a_consent_purpose_must_rest_on_consent():
    bad = replace(REQUEST, consent_purpose="wellbeing-health")
    assert any("rests on consent" in p for p in kit_problems(replace(TEST_KIT, intake=(bad,))))


def test_the_system_check_reports_a_registered_kits_problems(tess_kit):
    from tutela.casework import kit as kitmodule

    assert kits_check() == []
    kitmodule._KITS[TEST_KIT.service] = replace(TEST_KIT, intake=(replace(REQUEST, purpose="made-up"),))
    errors = kits_check()
    assert [error.id for error in errors] == ["casework.E001"]
    assert "no purpose 'made-up'" in errors[0].msg
