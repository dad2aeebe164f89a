"""Every service's demo scenarios would be accepted by its kit, and between them give each service
what a new user looks for: referrals waiting and returned, open and closed cases, tasks, and a
consent withdrawn (or, where nothing rests on consent, an objection). Checked without running them."""

import pytest

from tutela.casework.kit import kit_for
from tutela.demo.kit_runner import SERVICE_DEMOS, ServiceDemo
from tutela.demo.kit_script import (
    SCHOOL_USER,
    Accept,
    Close,
    DemoUser,
    Object,
    Refer,
    Return,
    Task,
    Withdraw,
    script_problems,
)
from tutela.demo.world import CONTROLLERS, USERS
from tutela.register.api import register

TEAM_SERVICE = {(slug, team): service for slug, _n, _k, _la, teams in CONTROLLERS for team, _name, service in teams}
USER_ROLES = {f"{slug}-{suffix}": role for slug, specs in USERS.items() for suffix, role, _team in specs}
DEMO_USERS = {
    f"{slug}-{suffix}": DemoUser(f"{slug}-{suffix}", TEAM_SERVICE.get((slug, team), ""))
    for slug, specs in USERS.items()
    for suffix, _role, team in specs
}
TRIAGE_ROLES = {"team-manager", "safeguarding-lead"}  # roles that see every case of their service


def _id(demo: ServiceDemo) -> str:
    return demo.service


@pytest.mark.parametrize("demo", SERVICE_DEMOS, ids=_id)
def test_every_scenario_would_be_accepted_by_the_kit(demo):
    kit = kit_for(demo.service)
    service = register().service(demo.controller, demo.service)
    purposes = {purpose.key for purpose in service.purposes}
    consent = {purpose.key for purpose in service.purposes if purpose.needs_consent}
    problems = [
        problem
        for scenario in demo.scenarios
        for problem in script_problems(scenario, kit, DEMO_USERS, purposes=purposes, consent_purposes=consent)
    ]
    assert problems == []


@pytest.mark.parametrize("demo", SERVICE_DEMOS, ids=_id)
def test_every_service_has_referrals_waiting_and_returned_open_and_closed_cases_and_tasks(demo):
    kinds = [{type(action) for action in scenario.actions} for scenario in demo.scenarios]
    assert {Refer} in kinds, "a referral waiting for triage"
    assert any(Return in found for found in kinds)
    assert any(Accept in found and Close not in found and Task in found for found in kinds), "an open case with a task"
    assert any(Close in found for found in kinds)


@pytest.mark.parametrize("demo", SERVICE_DEMOS, ids=_id)
def test_a_consent_is_withdrawn_where_referrals_carry_one_and_an_objection_is_raised_where_none_do(demo):
    kit = kit_for(demo.service)
    actions = {type(action) for scenario in demo.scenarios for action in scenario.actions}
    if any(form.consent_purpose for form in kit.intake):
        assert Withdraw in actions
    else:
        assert Object in actions


@pytest.mark.parametrize("demo", SERVICE_DEMOS, ids=_id)
def test_referrals_are_triaged_by_a_manager_or_the_safeguarding_lead_and_some_come_from_schools(demo):
    triage = [action for s in demo.scenarios for action in s.actions if isinstance(action, Accept | Return)]
    assert triage and all(USER_ROLES[action.by] in TRIAGE_ROLES for action in triage)
    kit = kit_for(demo.service)
    schools_refer = any(form.submitters & {"school"} for form in kit.intake)
    assert schools_refer == any(scenario.referral.by == SCHOOL_USER for scenario in demo.scenarios)


def test_the_scenarios_have_names_of_their_own():
    names = [(demo.service, scenario.name) for demo in SERVICE_DEMOS for scenario in demo.scenarios]
    assert len(set(names)) == len(names)


def test_a_scenario_the_kit_would_refuse_is_found():
    demo = SERVICE_DEMOS[0]
    kit = kit_for(demo.service)
    scenario = demo.scenarios[0]
    broken = type(scenario)("broken", (scenario.referral, Accept("wigan-analyst", "wigan-caseworker", "")))
    problems = script_problems(broken, kit, DEMO_USERS, purposes=set(), consent_purposes=set())
    assert problems == ["broken: wigan-analyst does not work in engagement-centres"]
