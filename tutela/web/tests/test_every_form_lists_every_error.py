"""Every form, sent empty, comes back with the GOV.UK error pattern: all its errors at once in the
error summary at the top, each linked to its input and saying what to do, and "Error: " at the
start of the page title (GOV.UK Design System: "Error summary", "Error message", "Validation")."""

import html
import re
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from typing import Any

import pytest
from django import forms
from django.test import Client

from tutela.casework.intake import referral_submit
from tutela.casework.tests.case.conftest import tess_kit  # noqa: F401  (a test-only kit for TESS)
from tutela.enforcement.services import penalty_notice_issue, prosecution_start
from tutela.enforcement.stages import STEPS
from tutela.enforcement.tests.conftest import ess, today  # noqa: F401  (the Dudley world's fixtures)
from tutela.enforcement.tests.test_school_referral import details
from tutela.lib.forms import GovukFormMixin

DJANGO_GENERIC = (
    "This field is required.",
    "Enter a valid",
    "Select a valid choice",
    "Enter a whole number.",
    "Enter a number.",
    "Enter a complete value.",
    "Ensure this value",
)
# Forms with no required field: sent empty they are valid, so they are not in the walk.
NOTHING_REQUIRED = {"ProsecutionUpdateForm"}
FORM_MODULES = ("casework", "consent", "enforcement", "governance", "people", "records", "sharing")


@dataclass
class FormPage:
    url: str
    user: Any  # None: signed out
    post: dict[str, str] = field(default_factory=dict)  # which button was pressed, nothing else
    follow: bool = False  # a link that redirects to its form (a set-password link keeps its token in the session)


def _pages(world: Any, casework: Any, dudley: Any) -> list[FormPage]:
    # Built in the order the objects were always made (Dudley's before Wigan's sharing), listed by area.
    sign_in = _sign_in_pages(world)
    enforcement = _enforcement_pages(dudley)
    sharing = _people_records_and_sharing_pages(world, casework)
    case_kit = _case_kit_pages(world, casework)
    return [*sign_in, *sharing, *enforcement, *case_kit]


def _sign_in_pages(world: Any) -> list[FormPage]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tutela.governance.administration import user_set_password_path

    users = world.users
    TOTPDevice.objects.create(user=users["ig_officer"], name="app", confirmed=True)
    return [
        FormPage("/sign-in/", None),
        FormPage("/sign-in/two-factor/set-up/", users["dpo"]),
        FormPage("/sign-in/two-factor/", users["ig_officer"]),
        FormPage(user_set_password_path(user=users["outsider"]), None, follow=True),
    ]


def _people_records_and_sharing_pages(world: Any, casework: Any) -> list[FormPage]:
    from tutela.governance.services import break_glass_open
    from tutela.sharing.services import DisclosureRequest, disclosure_propose

    users = world.users
    child, wigan_case, worker = casework.child, casework.case, users["assigned_caseworker"]
    grant = break_glass_open(
        actor=users["team_colleague"],
        subject=child,
        reason="Reported missing",
        minutes=15,
        purpose="engagement-centres/administer-service",
    )
    request = DisclosureRequest(
        controller=world.controllers["wigan"],
        service="engagement-centres",
        recipient="support-organisations",
        purpose="administer-service",
        subjects=[child],
        categories=["child.identity.name"],
    )
    awaiting = disclosure_propose(actor=worker, request=request)
    without_consent = _shared_without_consent(world, child)
    return [
        FormPage("/people/new/", worker),
        FormPage(f"/people/{child.pk}/edit/", worker),
        FormPage(f"/people/{child.pk}/relatives/new/", worker),
        FormPage(f"/people/{child.pk}/break-glass/", users["other_service_officer"]),
        FormPage(f"/cases/{wigan_case.pk}/records/new/", worker),
        FormPage(f"/cases/{wigan_case.pk}/records/new/?purpose=administer-service", worker),
        FormPage(f"/break-glass/{grant.pk}/", users["dpo"]),
        FormPage(f"/sharing/reviews/{without_consent.pk}/", users["dpo"]),
        FormPage(f"/sharing/cases/{wigan_case.pk}/share/", worker),
        FormPage(f"/sharing/disclosures/{awaiting.pk}/", users["team_manager"], {"step": "decide"}),
    ]


def _enforcement_pages(dudley: Any) -> list[FormPage]:
    """Dudley's referral, steps, penalty notice, prosecution (with its bundle), tasks and closure."""
    from tutela.casework.services import task_add
    from tutela.enforcement.bundle import bundle_build

    officer, case = dudley.officer, dudley.case
    referral = referral_submit(actor=dudley.school_user, **details(dudley))
    notice = penalty_notice_issue(
        actor=officer,
        case=case,
        parent=dudley.mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=date(2026, 1, 12),
        service_method="hand",
        rationale="Threshold met.",
    )
    prosecution = prosecution_start(
        actor=officer,
        case=case,
        defendant=dudley.father,
        offence="s444(1)",
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        rationale="Attendance has not improved.",
    )
    bundle_build(actor=officer, prosecution=prosecution)
    task = task_add(actor=officer, case=case, title="Home visit", due_on=date(2026, 2, 1), assigned_to=officer)
    referral_form = "/services/education-support/refer/school-referral/"
    return [
        FormPage(referral_form, dudley.school_user),
        FormPage(referral_form, dudley.school_user, {"choose": "1"}),
        FormPage(f"{referral_form}?child={dudley.child.pk}", dudley.school_user),
        FormPage(f"/referrals/{referral.pk}/", officer),
        *(FormPage(f"/enforcement/cases/{case.pk}/steps/{step.key}/", officer) for step in STEPS),
        FormPage(f"/enforcement/cases/{case.pk}/penalty-notices/new/", officer),
        FormPage(f"/enforcement/penalty-notices/{notice.pk}/", officer, {"record_payment": "1"}),
        FormPage(f"/enforcement/penalty-notices/{notice.pk}/", officer, {"withdraw": "1"}),
        FormPage(f"/enforcement/penalty-notices/{notice.pk}/receipt/", officer),
        FormPage(f"/enforcement/cases/{case.pk}/prosecutions/new/", officer),
        FormPage(f"/enforcement/prosecutions/{prosecution.pk}/", officer, {"action": "hearing"}),
        FormPage(
            f"/enforcement/prosecutions/{prosecution.pk}/",
            officer,
            {"action": "disclose", "bundle": str(prosecution.bundles.get().pk)},
        ),
        FormPage(f"/enforcement/cases/{case.pk}/tasks/new/", officer),
        FormPage(f"/enforcement/tasks/{task.pk}/done/", officer),
        FormPage(f"/enforcement/cases/{case.pk}/close/", officer),
    ]


def _case_kit_pages(world: Any, casework: Any) -> list[FormPage]:
    """The case kit's pages for any service: a TESS case's steps, stage and letters; Wigan's tasks,
    closure, consents, objections and flags."""
    from tutela.casework.services import task_add

    users = world.users
    child, wigan_case, worker = casework.child, casework.case, users["assigned_caseworker"]
    wigan_task = task_add(actor=worker, case=wigan_case, title="Call home", due_on=date(2026, 2, 1))
    tess_case, tess_officer = _tess_case(), users["other_service_officer"]
    consent, objection = _consent_and_objection(world, casework)
    return [
        FormPage(f"/cases/{tess_case.pk}/steps/first-visit/", tess_officer),
        FormPage(f"/cases/{tess_case.pk}/stage/", tess_officer),
        FormPage(f"/cases/{tess_case.pk}/letters/plan-letter/", tess_officer),
        FormPage(f"/cases/{wigan_case.pk}/tasks/new/", worker),
        FormPage(f"/tasks/{wigan_task.pk}/done/", worker),
        FormPage(f"/cases/{wigan_case.pk}/close/", worker),
        FormPage(f"/people/{child.pk}/consents/new/", worker),
        FormPage(f"/consents/{consent.pk}/withdraw/", worker),
        FormPage(f"/people/{child.pk}/objections/new/", worker),
        FormPage(f"/objections/{objection.pk}/decide/", users["team_manager"]),
        FormPage(f"/flags/{wigan_case.flags.get().pk}/", worker),
    ]


def _tess_case() -> Any:
    """The Targeted Education Support Service case ``_shared_without_consent`` opens, worked with the test kit."""
    from tutela.casework.models import Case

    return Case.objects.get(reference="TESS-F1")


def _consent_and_objection(world: Any, casework: Any) -> tuple[Any, Any]:
    """A consent to withdraw, and an objection to answer (which flags the case for a decision)."""
    from tutela.consent.services import consent_give, objection_raise

    worker = world.users["assigned_caseworker"]
    wigan = world.controllers["wigan"]
    consent = consent_give(
        actor=worker,
        subject=casework.child,
        given_by=casework.mother,
        controller=wigan,
        service="engagement-centres",
        purposes=["parental-consent"],
        form_reference="EC-CONSENT-1",
        given_on=date(2026, 1, 5),
    )
    objection = objection_raise(
        actor=worker,
        subject=casework.child,
        raised_by=casework.mother,
        controller=wigan,
        service="engagement-centres",
        purpose="data-analytics",
        grounds="We do not want our data in studies",
    )
    return consent, objection


def _shared_without_consent(world: Any, child: Any) -> Any:
    from django.utils import timezone

    from tutela.casework.models import Case
    from tutela.sharing.services import DisclosureRequest, disclosure_propose

    officer = world.users["other_service_officer"]
    Case.objects.create(
        reference="TESS-F1",
        controller=world.controllers["wigan"],
        service="targeted-education-support",
        child=child,
        owning_team=world.teams["wigan.tess"],
        allocated_worker=officer,
        opened_at=timezone.now(),
        opened_by=officer,
    )
    request = DisclosureRequest(
        controller=world.controllers["wigan"],
        service="targeted-education-support",
        recipient="gps",
        purpose="safeguarding",
        subjects=[child],
        categories=["child.identity.name"],
        without_consent_justification="Immediate risk of harm reported by the school this morning",
    )
    return disclosure_propose(actor=officer, request=request)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _summary(page: str) -> list[tuple[str, str]]:
    found = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', page, re.S)
    assert found, "no error summary"
    return [(anchor, _text(message)) for anchor, message in re.findall(r'<a href="#([^"]*)">(.*?)</a>', found[1])]


def _inline_errors(page: str) -> list[str]:
    messages = []
    for block in re.findall(r'class="govuk-error-message">(.*?)</p>', page, re.S):
        messages += [_text(part) for part in block.split('<span class="govuk-visually-hidden">Error:</span>')[1:]]
    return [message.removesuffix("<br>").strip() for message in messages]


def _check(client: Client, page: FormPage) -> set[str]:
    form_page = client.get(page.url, follow=page.follow)
    assert form_page.status_code == 200, page.url
    url = form_page.redirect_chain[-1][0] if page.follow and form_page.redirect_chain else page.url
    # What a browser sends for an empty form: the CSRF token and the button pressed.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.content.decode())
    response = client.post(url, {"csrfmiddlewaretoken": token[1] if token else "", **page.post})
    where = f"{page.url} {page.post}"
    assert response.status_code == 200, where
    body = response.content.decode()
    title = _text(re.search(r"<title>(.*?)</title>", body, re.S)[1])  # type: ignore[index]
    assert title.startswith("Error: "), where
    summary = _summary(body)
    assert summary, where
    for anchor, message in summary:
        assert f'id="{anchor}"' in body, f"{where}: {message!r} links to #{anchor}, which is not on the page"
    assert set(_inline_errors(body)) <= {message for _anchor, message in summary}, where
    for generic in DJANGO_GENERIC:
        assert generic not in body, f"{where}: {generic!r}"
    contexts: Any = response.context
    bound = (value for context in contexts for value in context.flatten().values())
    return {type(value).__name__ for value in bound if isinstance(value, forms.BaseForm) and value.errors}


def test_every_form_sent_empty_lists_every_error_in_the_summary(client, world, casework, ess, tess_kit):  # noqa: F811
    covered: set[str] = set()
    for page in _pages(world, casework, ess):
        client.logout()
        if page.user is not None:
            client.force_login(page.user)
        covered |= _check(client, page)
    unwalked = {form.__name__ for form in _tutela_forms()} - covered - NOTHING_REQUIRED - {"StepForm"}
    assert not unwalked, f"add a page with each of these forms to the walk: {sorted(unwalked)}"


def test_continue_with_no_pupil_chosen_says_what_to_choose(client, ess):  # noqa: F811
    client.force_login(ess.school_user)
    body = client.post(
        "/services/education-support/refer/school-referral/", {"choose": "1", "child": ""}
    ).content.decode()
    assert [message for _anchor, message in _summary(body)] == ["Select who you are referring"]


def _tutela_forms() -> list[type[forms.BaseForm]]:
    for app in FORM_MODULES:
        import_module(f"tutela.{app}.forms")
    found, queue = [], list(forms.BaseForm.__subclasses__())
    while queue:
        form = queue.pop()
        queue += form.__subclasses__()
        module = form.__module__
        # Administration's forms (*.admin) are drawn by Django's admin templates, not as GOV.UK pages.
        if (
            module.startswith("tutela.")
            and module != "tutela.lib.forms"
            and ".tests." not in module
            and not module.endswith(".admin")
        ):
            found.append(form)
    return found


@pytest.mark.parametrize("form", _tutela_forms(), ids=lambda form: form.__name__)
def test_every_form_of_tutela_gives_govuk_messages(form):
    assert issubclass(form, GovukFormMixin), f"{form.__name__}: derive it from tutela.lib.forms.GovukForm"
