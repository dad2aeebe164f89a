"""Every user's home page starts from their work, with what to do next, by who they are; nobody
sees an empty page without a next action."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tutela.casework import links
from tutela.casework.services import task_add
from tutela.casework.tests.dashboards.conftest import referral_make
from tutela.web.navigation import navigation_for


def _home(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_a_team_colleague_sees_the_teams_caseload_and_referrals_waiting_oldest_first(tess, tess_today):
    tess.open("ada", worker=tess.worker, stage="support")
    tess.open("bob", worker=tess.worker, stage="assessment")
    referral_make(tess=tess, given_name="Newer", submitted_at=timezone.now() - timedelta(days=1))
    referral_make(tess=tess, given_name="Older", submitted_at=timezone.now() - timedelta(days=8))
    html = _home(tess.colleague)
    assert "No open cases are allocated to you." in html
    assert "Your team's caseload" in html and "Open cases: <a" in html and ">2</a>" in html
    assert html.index("Assessment") < html.index("Support plan")  # the kit's order
    waiting = html[html.index('id="referrals-waiting"') :]
    assert waiting.index("Older Referred") < waiting.index("Newer Referred")
    assert "Ada Testchild" not in html  # not their case: the team sees counts, not names


def test_a_worker_in_no_service_team_sees_no_case_sections(world, casework):
    html = _home(world.users["ig_officer"])
    assert "My cases" not in html and "What you can do" in html


def test_a_caseworker_links_to_their_services_dashboard(tess):
    html = _home(tess.worker)
    assert 'href="/services/targeted-education-support/"' in html


def test_a_school_user_sees_their_referrals_with_status_and_how_to_refer(tess):
    referral_make(tess=tess, given_name="Sent", submitted_at=timezone.now() - timedelta(days=2))
    referral_make(tess=tess, given_name="Taken", submitted_at=timezone.now() - timedelta(days=9), status="accepted")
    html = _home(tess.school_user)
    assert "Your school's referrals" in html
    assert "Sent Referred" in html and "Waiting for triage" in html
    assert "Taken Referred" in html and "Accepted" in html
    assert "My cases" not in html
    if links.refer_url():  # the intake list lands with the intake part of the kit
        assert f'href="{links.refer_url()}"' in html and "Refer a pupil" in html


def test_a_school_user_of_another_school_does_not_see_them(tess, world):
    from tutela.accounts.tests.factories import UserFactory
    from tutela.people.tests.factories import SchoolFactory

    referral_make(tess=tess, given_name="Sent", submitted_at=timezone.now() - timedelta(days=2))
    other = UserFactory(controller=tess.controller, roles=["school-user"], school=SchoolFactory())
    html = _home(other)
    assert "Sent Referred" not in html and "Your school has not made a referral yet." in html


def test_the_dpo_sees_the_reviews_waiting(world):
    html = _home(world.users["dpo"])
    assert "Reviews waiting" in html
    assert f'href="{reverse("records:break_glass_queue")}"' in html
    assert f'href="{reverse("sharing:reviews")}"' in html


@pytest.mark.parametrize(
    ("persona", "can_do"),
    [
        ("analyst", "Read the privacy notices of every service"),
        ("administrator", "Manage your organisation's users, teams, roles and school calendars"),
        ("ig_officer", "See who did what, to whom and why"),
        ("outsider", "Ask your administrator for the role your work needs."),
    ],
)
def test_everyone_sees_what_they_can_do(world, persona, can_do):
    html = _home(world.users[persona])
    assert "What you can do" in html and can_do in html


def test_a_user_with_nothing_to_do_still_has_a_next_action(world):
    html = _home(world.users["outsider"])
    assert f'href="{reverse("register:privacy_index")}"' in html


def test_a_case_links_to_its_page_where_the_page_exists(tess, tess_today):
    case = tess.open("ada", worker=tess.worker, stage="support")
    task_add(actor=tess.worker, case=case, title="Visit", due_on=tess_today)
    html = _home(tess.worker)
    try:
        url = reverse("casework:case", kwargs={"case_id": case.pk})
    except NoReverseMatch:
        url = ""  # the casework case page lands with the case part of the kit
    if url:
        assert f'href="{url}">{case.reference}</a>' in html
    else:
        assert f"{case.reference}" in html


def test_a_case_of_a_service_with_its_own_case_page_links_there(world, monkeypatch):
    from tutela.casework import kit as kit_module
    from tutela.casework.kit import ServiceKit, Stage
    from tutela.casework.services import case_open
    from tutela.people.tests.factories import PersonFactory

    kit = ServiceKit(
        service="education-support", stages=(Stage("assessment", "Assessment"),), case_url_name="enforcement:case"
    )
    monkeypatch.setitem(kit_module._KITS, "education-support", kit)
    officer = world.users["dudley_caseworker"]
    case = case_open(
        actor=officer,
        controller=world.controllers["dudley"],
        service="education-support",
        child=PersonFactory(given_name="Tilly", family_name="Testchild"),
        team=world.teams["dudley.ess"],
        family=[],
        allocated_worker=officer,
        stage="assessment",
    )
    html = _home(officer)
    assert f'href="/enforcement/cases/{case.pk}/">{case.reference}</a>' in html
    assert "Tilly Testchild" in html and "Education Support Service" in html


@pytest.mark.parametrize("persona", ["dudley_caseworker", "ig_officer", "dpo", "administrator", "analyst"])
def test_no_link_on_the_home_page_repeats_a_navigation_items_name(world, persona):
    """A link is found by its name: a link whose name contains a section's would make it ambiguous."""
    html = _home(world.users[persona])
    # The work column (the sidebar's older links name their sections' pages on purpose).
    main = html[html.index('id="main-content"') : html.index('class="govuk-grid-column-one-third"')]
    names = {str(item["text"]).lower() for item in navigation_for(user=world.users[persona], path="/")}
    links_text = [unescape(text).lower() for text in re.findall(r"<a [^>]*>([^<]+)</a>", main)]
    assert not [(name, text) for name in names for text in links_text if name in text and name != "home"]
