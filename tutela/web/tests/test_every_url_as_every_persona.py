"""Every URL pattern of the site, as every persona, over objects of every controller (issue 11).

One walk (``url_walk``) requests every routed page as each persona of the shared world and as a
signed-out visitor, with the URL's keywords filled by an object of Wigan, Dudley and Werneth
School, and by ids that name nothing; it is made once and each rule below reads it:

- no page is ever a server error, whatever the persona, object or query string;
- a URL naming something that does not exist is a 404 (a persona refused the page whatever it
  names may get its 403 first);
- outsiders, signed-out visitors and staff of another controller never get a 200 on a page
  about a controller's people;
- the person, record and case pages follow an explicit table of who may read what.
"""

import importlib
from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tutela.web.tests import url_walk
from tutela.web.tests.url_walk import CONTROLLERS, MISSING, Visit

pytestmark = [pytest.mark.django_db, pytest.mark.walk]

# The shared persona world's table (the root conftest, which mypy does not check as our code).
PERSONAS: dict[str, tuple[str, str | None, str | None]] = importlib.import_module("conftest").PERSONAS
ALL_PERSONAS = [*PERSONAS, "outsider", "dudley_school_user", "anonymous"]
ROUTES = [route for route in url_walk.site_routes() if route.name not in url_walk.NOT_WALKED]
_WALK: list[list[Visit]] = []


@pytest.fixture
def visits(request: pytest.FixtureRequest) -> list[Visit]:
    """The walk, made by the first test that needs it (the database rolls back; the answers stay)."""
    if not _WALK:
        time_machine = request.getfixturevalue("time_machine")
        time_machine.move_to(datetime(2026, 1, 15, 10, 0, tzinfo=ZoneInfo("Europe/London")), tick=False)
        built = url_walk.build(
            request.getfixturevalue("world"),
            request.getfixturevalue("casework"),
            request.getfixturevalue("tmp_path"),
        )
        _WALK.append(url_walk.walk(built))
    return _WALK[0]


def _of(visits: list[Visit], persona: str) -> list[Visit]:
    return [visit for visit in visits if visit.persona == persona]


def _report(found: list[Visit]) -> str:
    return "\n".join(f"{v.persona} {v.method} {v.path}{'?junk' if v.query else ''} -> {v.status}" for v in found)


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_no_page_is_a_server_error(visits, persona):
    errors = [visit for visit in _of(visits, persona) if visit.status >= 500]
    assert not errors, _report(errors)


def _missing_rule_applies(route: url_walk.Route) -> bool:
    return not route.admin and bool(url_walk.LOOKED_UP & set(route.keywords))


# Django's admin answers a missing object by redirecting to its index with a message.
@pytest.mark.parametrize("route", [r.name for r in ROUTES if _missing_rule_applies(r)])
def test_a_url_naming_nothing_is_a_404(visits, route):
    answers = [v for v in visits if v.route == route and v.owner == MISSING and not v.query]
    assert answers

    def acceptable(v: Visit) -> bool:
        if v.persona == "anonymous" and v.status in {302, 401, 403}:
            return True  # sent to sign in first
        # A form's target may refuse an empty form (400) before it looks for the object.
        return v.status in {403, 404} or (v.method == "POST" and v.status == 400)

    wrong = [v for v in answers if not acceptable(v)]
    assert not wrong, _report(wrong)
    if all(v.method == "GET" for v in answers):
        assert any(v.status == 404 for v in answers), "nobody got a 404:\n" + _report(answers)


def _controller_of(persona: str) -> str | None:
    if persona in {"outsider", "anonymous"}:
        return None
    if persona == "dudley_school_user":
        return "dudley"
    controller = PERSONAS[persona][0]
    return "werneth" if controller == "school" else controller


def _leaks(visits: list[Visit], persona: str) -> list[Visit]:
    own = _controller_of(persona)
    return [
        v for v in _of(visits, persona) if v.personal and v.owner in CONTROLLERS and v.owner != own and v.status == 200
    ]


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_nobody_reads_another_controllers_people(visits, persona):
    leaks = _leaks(visits, persona)
    assert not leaks, _report(leaks)


def test_signed_out_visitors_reach_only_public_pages(visits):
    # An invited user sets their password before they can sign in: the link's token is the key, and a
    # bad or used link says it has expired without saying whether the account exists.
    public = {"web:healthz", "governance:sign_in", "governance:set_password", "admin:login", "api:schema"} | {
        r.name for r in ROUTES if r.route.startswith("privacy/")
    }
    reached = [v for v in _of(visits, "anonymous") if v.status == 200 and v.route not in public]
    assert not reached, _report(reached)


# Who may open the person, record and case pages of each controller's child: 200 or 403.
# Columns: Wigan (an Engagement Centres case), Dudley (an ESS case), Werneth School (safeguarding).
_ = None
PAGES = ("records:person", "records:record", "records:record_add", "enforcement:case")
TABLE: dict[str, dict[str, tuple[int, int, int, int | None]]] = {
    #                        person record add-record enforcement-case
    "assigned_caseworker": {
        "wigan": (200, 200, 200, 404),
        "dudley": (403, 403, 403, 403),
        "werneth": (403, 403, 403, 403),
    },
    "team_colleague": {"wigan": (200, 200, 200, 404), "dudley": (403, 403, 403, 403), "werneth": (403, 403, 403, 403)},
    "team_manager": {"wigan": (200, 200, 200, 404), "dudley": (403, 403, 403, 403), "werneth": (403, 403, 403, 403)},
    "other_service_officer": {
        "wigan": (403, 403, 403, 403),
        "dudley": (403, 403, 403, 403),
        "werneth": (403, 403, 403, 403),
    },
    "ig_officer": {"wigan": (403, 403, 403, 403), "dudley": (403, 403, 403, 403), "werneth": (403, 403, 403, 403)},
    "dpo": {"wigan": (403, 403, 403, 403), "dudley": (403, 403, 403, 403), "werneth": (403, 403, 403, 403)},
    "analyst": {"wigan": (403, 403, 403, 403), "dudley": (403, 403, 403, 403), "werneth": (403, 403, 403, 403)},
    "school_user": {"wigan": (200, 403, 403, 403), "dudley": (403, 403, 403, 403), "werneth": (403, 403, 403, 403)},
    "administrator": {"wigan": (403, 403, 403, 403), "dudley": (403, 403, 403, 403), "werneth": (403, 403, 403, 403)},
    "dudley_caseworker": {
        "wigan": (403, 403, 403, 403),
        "dudley": (200, 200, 200, 200),
        "werneth": (403, 403, 403, 403),
    },
    "dudley_ig_officer": {
        "wigan": (403, 403, 403, 403),
        "dudley": (403, 403, 403, 403),
        "werneth": (403, 403, 403, 403),
    },
    "dudley_school_user": {
        "wigan": (403, 403, 403, 403),
        "dudley": (200, 200, 403, 403),
        "werneth": (403, 403, 403, 403),
    },
    "safeguarding_lead": {
        "wigan": (403, 403, 403, 403),
        "dudley": (403, 403, 403, 403),
        "werneth": (200, 200, 200, 404),
    },
    "pastoral_staff": {"wigan": (403, 403, 403, 403), "dudley": (403, 403, 403, 403), "werneth": (200, 200, 200, 404)},
    "headteacher": {"wigan": (403, 403, 403, 403), "dudley": (403, 403, 403, 403), "werneth": (200, 200, 200, 404)},
    "outsider": {"wigan": (403, 403, 403, 403), "dudley": (403, 403, 403, 403), "werneth": (403, 403, 403, 403)},
}


@pytest.mark.parametrize("persona", list(TABLE))
def test_who_may_open_the_person_record_and_case_pages(visits, persona):
    found = {(v.route, v.owner): v.status for v in _of(visits, persona) if not v.query and v.route in PAGES}
    wrong = defaultdict(list)
    for controller, expected in TABLE[persona].items():
        for page, status in zip(PAGES, expected, strict=True):
            if status is not None and found.get((page, controller)) != status:
                wrong[controller].append(f"{page}: expected {status}, got {found.get((page, controller))}")
    assert not wrong, dict(wrong)


def test_every_routed_page_is_walked(visits):
    walked = {visit.route for visit in visits}
    assert [route.name for route in ROUTES if route.name not in walked] == []


@pytest.mark.parametrize("persona", list(TABLE))
def test_the_api_answers_as_the_pages_do(visits, persona):
    found = {(v.route, v.owner): v.status for v in _of(visits, persona) if not v.query}
    differ = [
        f"{api} {owner}: {found.get((api, owner))}, page {found.get((page, owner))}"
        for api, page in (("api:person", "records:person"), ("api:record", "records:record"))
        for owner in CONTROLLERS
        if found.get((api, owner)) != found.get((page, owner))
    ]
    assert not differ, differ
