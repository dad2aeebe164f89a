"""A service's dashboard and its case lists are for the teams delivering it and its managers: an
unknown service is a 404, anyone else gets the refusal page (403)."""

import pytest
from django.test import Client

from tutela.accounts.tests.factories import TeamFactory, UserFactory
from tutela.casework.services import case_open
from tutela.people.tests.factories import PersonFactory

SERVICE = "/services/targeted-education-support/"


@pytest.mark.parametrize("page", [SERVICE, SERVICE + "cases/"])
def test_an_unknown_service_is_a_404(client, tess, page):
    client.force_login(tess.manager)
    assert client.get(page.replace("targeted-education-support", "no-such-service")).status_code == 404


@pytest.mark.parametrize("page", [SERVICE, SERVICE + "cases/"])
@pytest.mark.parametrize(
    "persona", ["assigned_caseworker", "dudley_caseworker", "analyst", "dpo", "administrator", "outsider"]
)
def test_anyone_outside_the_service_is_refused(tess, world, page, persona):
    client = Client()
    client.force_login(world.users[persona])
    response = client.get(page)
    assert response.status_code == 403


@pytest.mark.parametrize("page", [SERVICE, SERVICE + "cases/"])
def test_a_school_user_is_refused(client, tess, page):
    client.force_login(tess.school_user)
    assert client.get(page).status_code == 403


def test_a_team_member_sees_the_team_caseload_and_no_figures(client, tess):
    tess.open("ada", worker=tess.worker, stage="support")
    client.force_login(tess.colleague)
    html = client.get(SERVICE).content.decode()
    assert "Targeted Education Support Service" in html and "Support plan" in html
    assert "Referrals waiting" in html and "Caseload by worker" not in html


def test_a_manager_sees_the_figures(client, tess):
    tess.open("ada", worker=tess.worker, stage="support")
    client.force_login(tess.manager)
    html = client.get(SERVICE).content.decode()
    assert "Caseload by worker" in html and "Wendy Worker" in html


def test_a_team_member_lists_only_their_teams_cases(client, tess, world):
    tess.open("ada", worker=tess.worker, stage="support")
    other_team = TeamFactory(
        controller=tess.controller, slug="tess-north", name="TESS North", service="targeted-education-support"
    )
    case_open(
        actor=tess.manager,
        controller=tess.controller,
        service="targeted-education-support",
        child=PersonFactory(given_name="Zed", family_name="Testchild"),
        team=other_team,
        family=[],
    )
    client.force_login(tess.colleague)
    html = client.get(SERVICE + "cases/").content.decode()
    assert "Ada Testchild" in html and "Zed Testchild" not in html
    client.force_login(tess.manager)
    html = client.get(SERVICE + "cases/").content.decode()
    assert "Ada Testchild" in html and "Zed Testchild" in html


def test_a_case_the_gate_refuses_is_counted_but_not_shown(client, tess):
    tess.open("ada", worker=tess.worker, stage="support")
    tess.children["ada"].processing_restricted = True
    tess.children["ada"].save(update_fields=["processing_restricted"])
    client.force_login(tess.manager)
    html = client.get(SERVICE + "cases/").content.decode()
    assert "Ada Testchild" not in html and "1 of them is not shown" in html


def test_the_service_dashboard_links_the_services_own_pages_and_managers_pages_to_managers_only(client, world):
    ess = world.teams["dudley.ess"]
    manager = UserFactory(controller=ess.controller, roles=["team-manager"], teams=[ess])
    client.force_login(manager)
    html = client.get("/services/education-support/").content.decode()
    assert 'href="/enforcement/">Officer&#x27;s dashboard' in html
    assert 'href="/enforcement/manager/">Manager&#x27;s dashboard' in html
    client.force_login(world.users["dudley_caseworker"])
    html = client.get("/services/education-support/").content.decode()
    assert 'href="/enforcement/">Officer&#x27;s dashboard' in html
    assert "Manager&#x27;s dashboard" not in html
