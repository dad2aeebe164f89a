"""Walk every URL pattern of the site as every persona, over objects of every controller.

The URL patterns come from the resolver, so a new page is walked as soon as it is routed. Each
keyword a pattern takes is filled from ``FILLS``: with an object of each controller (Wigan,
Dudley, Werneth School) where one exists, and with a value that names nothing. A pattern with a
keyword ``FILLS`` does not know fails the walk, naming it, so that it gets a fill.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from io import StringIO
from pathlib import Path
from typing import Any
from unittest import mock

from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

CONTROLLERS = ("wigan", "dudley", "werneth")
MISSING = "missing"
MISSING_ID = 999999

# Keywords naming personal data held by one controller: who may see the page depends on it.
PERSONAL = {
    "person_id",
    "case_id",
    "record_id",
    "referral_id",
    "notice_id",
    "prosecution_id",
    "task_id",
    "grant_id",
    "disclosure_id",
    "consent_id",
    "objection_id",
    "flag_id",
}
# Keywords naming something that may not exist: the missing fill of any of them is a 404.
LOOKED_UP = PERSONAL | {"controller", "service", "urn", "step_key", "form", "letter_key"}

# Every query parameter a view reads, with values no view expects (issue 11 item 19).
# The service case lists (casework:service_cases) read stage, worker, team, status, overdue, flagged,
# opened and closed.
JUNK_QUERY = {
    key: "²"
    for key in (
        *("child", "q", "version", "format", "step", "action", "bundle", "page", "next"),
        *("stage", "worker", "team", "status", "overdue", "flagged", "opened", "closed"),
    )
}


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    keywords: tuple[str, ...]

    @property
    def admin(self) -> bool:
        return self.name.startswith("admin:")


_KEYWORD = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>|\(\?P<(?P<group>\w+)>[^)]*\)")


def site_routes() -> list[Route]:
    """Every URL pattern of the site, with its full route and the keywords it takes."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Route]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern), entry.namespace or namespace)
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                names = tuple(m.group("name") or m.group("group") for m in _KEYWORD.finditer(route))
                label = f"{namespace}:{entry.name or route}" if namespace else (entry.name or route)
                yield Route(label, route, names)

    return list(walk(get_resolver(), "", ""))


def fill(route: Route, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        return values[match.group("name") or match.group("group")]

    path = _KEYWORD.sub(value, route.route).replace("^", "").replace("$", "")
    return "/" + path


@dataclass
class WalkWorld:
    """Ids of one object of each kind per controller, keyed by URL keyword, then controller."""

    fills: dict[str, dict[str, str]] = field(default_factory=dict)
    personas: dict[str, Any] = field(default_factory=dict)  # persona -> User (or None: signed out)

    def put(self, keyword: str, controller: str, value: object) -> None:
        self.fills.setdefault(keyword, {})[controller] = str(value)


@dataclass(frozen=True)
class Visit:
    persona: str
    route: str
    owner: str  # the controller whose objects fill the URL, MISSING, or "" for no keywords
    path: str
    method: str
    status: int
    personal: bool
    looked_up: bool
    query: bool = False


def _write_marks(path: Path, upn: str, urn: str) -> Path:
    """Autumn 2025: unauthorised absence (N) every Monday and Tuesday morning, otherwise present."""
    start = date(2025, 9, 1)
    lines = ["upn,school_urn,date,session,code"]
    for week in range(14):
        for weekday in range(5):
            day = start + timedelta(weeks=week, days=weekday)
            lines.append(f"{upn},{urn},{day},AM,{'N' if weekday < 2 else '/'}")
            lines.append(f"{upn},{urn},{day},PM,/")
    path.write_text("\n".join(lines) + "\n")
    return path


def build(world: Any, casework: Any, tmp_path: Path) -> WalkWorld:
    """A child, a case and records in each controller, and Dudley's enforcement objects."""

    built = WalkWorld()
    users = dict(world.users)
    # The school user's school is the Wigan child's: it has a pupil to see, and no casework.
    users["school_user"].school = casework.school
    users["school_user"].save(update_fields=["school"])
    _wigan(built, world, casework, users)
    dudley_child, dudley_officer = _dudley(built, world, users, tmp_path)
    werneth_pupil, werneth_lead = _werneth(built, world, users)
    _grants_and_tasks(
        built, world, subjects={"wigan": casework.child, "dudley": dudley_child, "werneth": werneth_pupil}
    )
    _names(
        built, admin_users={"wigan": users["assigned_caseworker"], "dudley": dudley_officer, "werneth": werneth_lead}
    )
    _missing(built)
    built.personas = {**users, "anonymous": None}
    return built


def _wigan(built: WalkWorld, world: Any, casework: Any, users: dict[str, Any]) -> None:
    """Wigan: the shared casework world, with a consent, an objection (which flags the open case for a
    worker's decision) and a disclosure sent."""
    from tutela.consent.services import consent_give, objection_raise
    from tutela.sharing.services import DisclosureRequest, disclosure_propose, disclosure_send

    wigan = world.controllers["wigan"]
    built.put("person_id", "wigan", casework.child.pk)
    built.put("case_id", "wigan", casework.case.pk)
    built.put("record_id", "wigan", casework.records["document"].pk)
    built.put("urn", "wigan", casework.school.urn)
    consent = consent_give(
        actor=users["assigned_caseworker"],
        subject=casework.child,
        given_by=casework.mother,
        controller=wigan,
        service="engagement-centres",
        purposes=["parental-consent"],
        form_reference="EC-CONSENT-1",
        given_on=date(2026, 1, 5),
    )
    built.put("consent_id", "wigan", consent.pk)
    objection = objection_raise(
        actor=users["assigned_caseworker"],
        subject=casework.child,
        raised_by=casework.mother,
        controller=wigan,
        service="engagement-centres",
        purpose="data-analytics",
        grounds="We do not want our data in studies",
    )
    built.put("objection_id", "wigan", objection.pk)
    built.put("flag_id", "wigan", casework.case.flags.get().pk)
    disclosure = disclosure_propose(
        actor=users["assigned_caseworker"],
        request=DisclosureRequest(
            controller=wigan,
            service="engagement-centres",
            recipient="internal-services",
            purpose="administer-service",
            subjects=[casework.child],
            categories=["child.identity.name"],
        ),
    )
    disclosure_send(actor=users["assigned_caseworker"], disclosure=disclosure)
    built.put("disclosure_id", "wigan", disclosure.pk)


def _dudley(built: WalkWorld, world: Any, users: dict[str, Any], tmp_path: Path) -> tuple[Any, Any]:
    """Dudley: a pupil with absence, a school's referral, an ESS case with a notice and a prosecution.
    Returns the pupil and the ESS officer."""
    from tutela.accounts.tests.factories import UserFactory
    from tutela.casework.intake import referral_submit
    from tutela.casework.services import case_open

    dudley = world.controllers["dudley"]
    dudley.la_code = "332"
    dudley.save(update_fields=["la_code"])
    dudley_school, child, mother = _dudley_pupil_with_absence(tmp_path)
    users["dudley_school_user"] = UserFactory.create(
        username="dudley-school-user", controller=dudley, roles=["school-user"], school=dudley_school
    )
    referral = referral_submit(
        actor=users["dudley_school_user"],
        service="education-support",
        form="school-referral",
        child=child,
        family=[mother],
        answers={"actions_taken": "Letters home and a meeting.", "sen_status": "none"},
        as_of=date(2026, 1, 15),
    )
    officer = users["dudley_caseworker"]
    case = case_open(
        actor=officer,
        controller=dudley,
        service="education-support",
        child=child,
        team=world.teams["dudley.ess"],
        family=[mother],
        allocated_worker=officer,
    )
    notice, prosecution = _dudley_notice_and_prosecution(officer, case, mother)
    for keyword, value in {
        "person_id": child.pk,
        "case_id": case.pk,
        "record_id": referral.attachments.get().pk,
        "referral_id": referral.pk,
        "notice_id": notice.pk,
        "prosecution_id": prosecution.pk,
        "urn": dudley_school.urn,
    }.items():
        built.put(keyword, "dudley", value)
    return child, officer


def _dudley_pupil_with_absence(tmp_path: Path) -> tuple[Any, Any, Any]:
    """A Dudley school, a pupil at it with a term of Monday and Tuesday absence, and her mother."""
    from tutela.lib.identifiers import upn_build
    from tutela.people.models import Relationship
    from tutela.people.tests.factories import ParentFactory, PersonFactory, RelationshipFactory, SchoolFactory

    dudley_school = SchoolFactory.create(la_code="332")
    child = PersonFactory.create(
        school=dudley_school,
        upn=upn_build(la_code="332", establishment="4000", year=2019, serial=7),
        given_name="Tilly",
        family_name="Walker",
        address="1 Test Row, Dudley DY1 1AA",
    )
    mother = ParentFactory.create(given_name="Mary", family_name="Walker", address="1 Test Row, Dudley DY1 1AA")
    RelationshipFactory.create(person=mother, child=child, kind=Relationship.Kind.MOTHER)
    marks = _write_marks(tmp_path / "marks.csv", child.upn or "", dudley_school.urn)
    call_command("attendance_import", str(marks), stdout=StringIO())
    return dudley_school, child, mother


def _dudley_notice_and_prosecution(officer: Any, case: Any, mother: Any) -> tuple[Any, Any]:
    from tutela.enforcement.services import penalty_notice_issue, prosecution_start

    notice = penalty_notice_issue(
        actor=officer,
        case=case,
        parent=mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=date(2026, 1, 12),
        service_method="hand",
        rationale="Threshold met after support.",
    )
    prosecution = prosecution_start(
        actor=officer,
        case=case,
        defendant=mother,
        offence="s444(1)",
        offence_start=date(2025, 11, 10),
        offence_end=date(2025, 12, 12),
        rationale="Absence continued after the notice.",
    )
    return notice, prosecution


def _werneth(built: WalkWorld, world: Any, users: dict[str, Any]) -> tuple[Any, Any]:
    """Werneth School: a pupil on the safeguarding team's case, with a pastoral note. Returns the pupil
    and the safeguarding lead."""
    from tutela.casework.services import case_open
    from tutela.people.tests.factories import PersonFactory, SchoolFactory
    from tutela.records.models import Record
    from tutela.records.services import record_create

    werneth = world.controllers["school"]
    werneth_school = SchoolFactory.create()
    pupil = PersonFactory.create(school=werneth_school, given_name="Wren", family_name="Pupil")
    lead = users["safeguarding_lead"]
    werneth_case = case_open(
        actor=lead,
        controller=werneth,
        service="sen-safeguarding",
        child=pupil,
        team=world.teams["school.safeguarding"],
        family=[],
        allocated_worker=lead,
    )
    note = record_create(
        actor=lead,
        subject=pupil,
        controller=werneth,
        service="sen-safeguarding",
        purpose="pastoral-care",
        categories=["child.identity.name", "child.safeguarding.concerns"],
        kind=Record.Kind.FILE_NOTE,
        title="Pastoral note",
        body="Seen at lunch; settled.",
        occurred_on=date(2026, 1, 14),
        source=Record.Source.OFFICER,
        case=werneth_case,
    )
    for keyword, held in {
        "person_id": pupil.pk,
        "case_id": werneth_case.pk,
        "record_id": note.pk,
        "urn": werneth_school.urn,
    }.items():
        built.put(keyword, "werneth", held)
    return pupil, lead


def _grants_and_tasks(built: WalkWorld, world: Any, subjects: dict[str, Any]) -> None:
    """In every controller: a task on the case, and a break-glass grant a colleague opened.
    A grantee works in a service team of the subject's own controller (who alone may open a grant)."""
    from tutela.accounts.tests.factories import UserFactory
    from tutela.casework.models import Case
    from tutela.casework.services import task_add
    from tutela.governance.break_glass import break_glass_purposes
    from tutela.governance.services import break_glass_open

    grantees = {
        "wigan": UserFactory.create(
            username="wigan-grantee",
            controller=world.controllers["wigan"],
            roles=["caseworker"],
            teams=[world.teams["wigan.tess"]],
        ),
        "dudley": UserFactory.create(
            username="dudley-grantee",
            controller=world.controllers["dudley"],
            roles=["caseworker"],
            teams=[world.teams["dudley.ess"]],
        ),
        "werneth": UserFactory.create(
            username="werneth-grantee",
            controller=world.controllers["school"],
            roles=["pastoral-staff"],
            teams=[world.teams["school.safeguarding"]],
        ),
    }
    for key, grantee in grantees.items():
        purpose = break_glass_purposes(actor=grantee, subject=subjects[key])[0][0]
        grant = break_glass_open(
            actor=grantee, subject=subjects[key], reason="Out of hours call from the police", purpose=purpose
        )
        built.put("grant_id", key, grant.pk)
        case_id = int(built.fills["case_id"][key])
        task = task_add(actor=None, case=Case.objects.get(pk=case_id), title="Review", due_on=date(2026, 2, 1))
        built.put("task_id", key, task.pk)


def _names(built: WalkWorld, admin_users: dict[str, Any]) -> None:
    """What is not an object of one controller's people: slugs, keys and years, and for the admin's
    pages a staff member of each controller (with a password-reset link of theirs)."""
    for key, slug, service in [
        ("wigan", "wigan", "engagement-centres"),
        ("dudley", "dudley", "education-support"),
        ("werneth", "werneth-school", "sen-safeguarding"),
    ]:
        built.put("controller", key, slug)
        built.put("service", key, service)
        built.put("step_key", key, "notice-to-improve")
        built.put("form", key, {"dudley": "school-referral"}.get(key, "no-kit-form"))
        built.put("letter_key", key, "case-letter")  # a kit's letter: 404 where the service's kit has none
        built.put("academic_year", key, 2025)
        admin_user = admin_users[key]
        for keyword in ("object_id", "pk", "id"):
            built.put(keyword, key, admin_user.pk)
        built.put("content_type_id", key, _user_content_type())
        built.put("app_label", key, "governance")
        built.put("url", key, "no-such-admin-page/")
        built.put("uidb64", key, urlsafe_base64_encode(force_bytes(admin_user.pk)))
        built.put("token", key, default_token_generator.make_token(admin_user))


def _missing(built: WalkWorld) -> None:
    """The fill that names nothing, for every keyword."""
    missing = {keyword: str(MISSING_ID) for keyword in (*PERSONAL, "object_id", "pk", "id")}
    missing |= {"controller": "no-such-controller", "service": "no-such-service", "urn": "000000"}
    missing |= {
        "form": "no-such-form",
        "step_key": "no-such-step",
        "academic_year": "2025",
        "content_type_id": _user_content_type(),
    }
    missing |= {"letter_key": "no-such-letter"}
    missing |= {"app_label": "governance", "url": "no-such-admin-page/"}
    missing |= {"uidb64": urlsafe_base64_encode(force_bytes(MISSING_ID)), "token": "no-such-token"}
    for keyword, value in missing.items():
        built.put(keyword, MISSING, value)


def _user_content_type() -> str:
    from django.contrib.contenttypes.models import ContentType

    from tutela.accounts.models import User

    return str(ContentType.objects.get_for_model(User).pk)


# Views that change state on GET would spoil the walk for the personas after them.
NOT_WALKED = {"governance:sign_out": "signs the persona out; covered by the sign-in tests"}


def urls_for(route: Route, built: WalkWorld) -> Iterator[tuple[str, str]]:
    """(owner, path) for each controller that has objects for every keyword, and the missing fill."""
    if not route.keywords:
        yield "", fill(route, {})
        return
    unknown = [keyword for keyword in route.keywords if keyword not in built.fills]
    if unknown:
        raise LookupError(f"{route.name} ({route.route}): add a fill for {', '.join(unknown)} to url_walk.build")
    # The admin's object ids are staff, roles and teams, not a controller's people: one controller's will do.
    for owner in (*(CONTROLLERS[:1] if route.admin else CONTROLLERS), MISSING):
        if all(owner in built.fills[keyword] for keyword in route.keywords):
            yield owner, fill(route, {keyword: built.fills[keyword][owner] for keyword in route.keywords})


def _shared_jinja_environment() -> Callable[..., Any]:
    """GOV.UK Frontend Django builds a new Jinja environment, and so compiles its macros again, for
    every component it renders: most of a page's time. The walk shares one environment."""
    from jinja2 import Environment

    shared: list[Environment] = []

    def environment(**kwargs: Any) -> Environment:
        if not shared:
            shared.append(Environment(**kwargs))  # noqa: S701 -- the library passes select_autoescape()
        return shared[0]

    return environment


def walk(built: WalkWorld) -> list[Visit]:
    """Every page as every persona. Two costs that say nothing about access are cut: GOV.UK
    components share one Jinja environment, and PDFs are laid out from their HTML (rendered in
    full, so a template error still shows) without WeasyPrint's typesetting, which the documents'
    own tests exercise."""
    from govuk_frontend_django.components import base
    from weasyprint import HTML  # type: ignore[import-untyped]

    with (
        mock.patch.object(base, "Environment", _shared_jinja_environment()),
        mock.patch.object(HTML, "write_pdf", return_value=b"%PDF-1.7 (not typeset in the walk)"),
    ):
        return _walk(built)


# A URL naming nothing is a 404 before anyone's access is looked at; these personas try each.
MISSING_WALKERS = {"assigned_caseworker", "dudley_caseworker", "safeguarding_lead", "dpo", "outsider", "anonymous"}


def _to_sign_in(location: str) -> bool:
    return location.startswith(("/sign-in/", "/admin/login/"))


def _admin_walker(persona: str, user: Any) -> bool:
    """Django's admin admits staff only (AdminSite.has_permission): it is walked as each staff
    persona, and as an outsider and a signed-out visitor for everyone else."""
    return persona in {"outsider", "anonymous"} or bool(user is not None and user.is_staff)


def _walk(built: WalkWorld) -> list[Visit]:
    visits: list[Visit] = []
    routes = [route for route in site_routes() if route.name not in NOT_WALKED]
    public: set[str] = set()  # paths a signed-out visitor gets: the same for everyone, walked once
    tried_junk: set[str] = set()
    personas = sorted(built.personas.items(), key=lambda item: item[0] != "anonymous")
    for persona, user in personas:
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        for route in routes:
            if route.admin and not _admin_walker(persona, user):
                continue
            personal = bool(PERSONAL & set(route.keywords))
            looked_up = bool(LOOKED_UP & set(route.keywords))
            for owner, path in urls_for(route, built):
                if path in public or (owner == MISSING and persona not in MISSING_WALKERS and not route.admin):
                    continue
                response = client.get(path)
                method = "GET"
                if response.status_code == 405:  # a form's target: POST nothing, which must not crash
                    response, method = client.post(path, {}), "POST"
                if owner == MISSING and response.status_code == 302 and not _to_sign_in(response["Location"]):
                    response = client.get(response["Location"])  # where a URL naming nothing leads
                status = response.status_code
                visits.append(Visit(persona, route.name, owner, path, method, status, personal, looked_up))
                if user is None and response.status_code == 200:
                    public.add(path)
                if response.status_code == 200 and method == "GET" and path not in tried_junk:
                    tried_junk.add(path)  # once per page, by the first persona who may see it
                    junk = client.get(path, JUNK_QUERY)
                    visits.append(
                        Visit(persona, route.name, owner, path, "GET", junk.status_code, personal, looked_up, True)
                    )
    return visits
