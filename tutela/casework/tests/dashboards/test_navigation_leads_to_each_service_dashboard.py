"""The navigation has "Cases" for a worker of one service, leading to its dashboard; nobody who
could not open a service dashboard is offered one."""

import pytest

from tutela.accounts.tests.factories import UserFactory
from tutela.web.navigation import navigation_for


def _items(user):
    return {str(item["text"]): str(item["href"]) for item in navigation_for(user=user, path="/")}


def test_a_caseworker_has_cases_for_their_service(world):
    assert _items(world.users["assigned_caseworker"])["Cases"] == "/services/engagement-centres/"


def test_a_worker_of_two_services_has_each_by_its_name(world):
    user = UserFactory(
        controller=world.controllers["wigan"],
        roles=["caseworker"],
        teams=[world.teams["wigan.engagement"], world.teams["wigan.tess"]],
    )
    items = _items(user)
    assert items["Engagement Centres"] == "/services/engagement-centres/"
    assert items["Targeted Education Support Service"] == "/services/targeted-education-support/"
    assert "Cases" not in items


@pytest.mark.parametrize("persona", ["analyst", "school_user", "dpo", "administrator", "outsider"])
def test_no_service_dashboard_for_those_outside_a_service(world, persona):
    assert not any(href.startswith("/services/") for href in _items(world.users[persona]).values())


def test_the_ess_officer_keeps_the_enforcement_item(world):
    items = _items(world.users["dudley_caseworker"])
    assert items["Enforcement"] == "/enforcement/" and items["Cases"] == "/services/education-support/"
