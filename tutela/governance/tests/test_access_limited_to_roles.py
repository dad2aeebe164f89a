"""A service's register ``access_limited_to`` is enforced by the gate: only the roles it maps its groups to.

Werneth School's notice: the information "is handled internally only by the safeguarding leads,
pastoral staff and the Headteacher". Roles are data: the register maps each group to role codes.
"""

import pytest

from tutela.accounts.tests.factories import UserFactory
from tutela.governance.gate import Action, Touch, decide
from tutela.people.tests.factories import PersonFactory
from tutela.register.api import register

PURPOSE = "support-progress"


def _touch():
    return Touch(
        subject=PersonFactory(),
        controller="werneth-school",
        service="sen-safeguarding",
        purpose=PURPOSE,
        categories=("child.identity.name", "child.education.attendance"),
    )


def test_the_register_maps_werneth_groups_to_role_codes():
    groups = register().service("werneth-school", "sen-safeguarding").access_limited_to
    assert [(group.name, group.roles) for group in groups] == [
        ("Safeguarding leads", ["safeguarding-lead"]),
        ("Pastoral staff", ["pastoral-staff"]),
        ("Headteacher", ["headteacher"]),
    ]
    assert str(groups[0]) == "Safeguarding leads"  # what the notice prints


@pytest.mark.parametrize("persona", ["safeguarding_lead", "pastoral_staff", "headteacher"])
def test_the_three_named_roles_may_handle_the_data(world, persona):
    decision = decide(actor=world.users[persona], action=Action.READ, touch=_touch())
    assert decision.allowed, decision.reasons


@pytest.mark.parametrize("role", ["caseworker", "ig-officer", "administrator", "team-manager"])
def test_a_werneth_user_in_another_role_is_refused_even_in_the_safeguarding_team(world, role):
    user = UserFactory(controller=world.controllers["school"], roles=[role], teams=[world.teams["school.safeguarding"]])
    decision = decide(actor=user, action=Action.READ, touch=_touch())
    assert not decision.allowed
    assert decision.reasons == (
        "Only Safeguarding leads, Pastoral staff and Headteacher handle this service's information",
    )


def test_break_glass_does_not_open_a_service_limited_to_named_roles(world):
    from datetime import timedelta

    from django.utils import timezone

    from tutela.governance.models import BreakGlassGrant

    user = UserFactory(controller=world.controllers["school"], roles=["caseworker"])
    touch = _touch()
    BreakGlassGrant.objects.create(
        actor=user,
        subject=touch.subject,
        reason="Emergency",
        granted_at=timezone.now(),
        expires_at=timezone.now() + timedelta(minutes=15),
    )
    assert not decide(actor=user, action=Action.READ, touch=touch).allowed


def test_every_purpose_of_a_limited_service_is_limited(world):
    user = UserFactory(
        controller=world.controllers["school"], roles=["caseworker"], teams=[world.teams["school.safeguarding"]]
    )
    service = register().service("werneth-school", "sen-safeguarding")
    for purpose in service.purposes:
        touch = Touch(
            subject=PersonFactory(),
            controller="werneth-school",
            service=service.key,
            purpose=purpose.key,
            categories=(purpose.categories[0],),
        )
        assert not decide(actor=user, action=Action.READ, touch=touch).allowed
        assert decide(actor=world.users["headteacher"], action=Action.READ, touch=touch).allowed, purpose.key


def test_a_register_without_the_limit_leaves_need_to_know_alone(world, casework):
    from tutela.records.services import record_touch

    assert not register().service("wigan", "engagement-centres").access_limited_to
    record = casework.records["file_note"]
    assert decide(actor=world.users["team_colleague"], action=Action.READ, touch=record_touch(record)).allowed
