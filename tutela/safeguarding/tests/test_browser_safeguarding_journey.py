"""In a real browser, as Werneth School's staff would: pastoral staff record a note of concern; the
designated safeguarding lead (DSL), signing in with a security code, accepts it and allocates the
case to the pastoral lead, who adds a record; a parent's objection is recorded and answered by the
headteacher (refused with reasons: every purpose rests on legal obligation); the case shows the
flag with a task for the worker's decision; the DSL closes the case with a reason."""

from collections.abc import Iterator
from datetime import date

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from tutela.accounts.models import Role
from tutela.audit.models import AuditEntry
from tutela.casework.models import Case, CaseFlag, Referral
from tutela.consent.models import Objection
from tutela.people.models import Relationship
from tutela.people.tests.factories import ParentFactory, PersonFactory, RelationshipFactory, SchoolFactory
from tutela.records.models import Record
from tutela.web.tests.browser_kit import chromium_missing, chromium_page, fill_date, shot, sign_in, sign_out

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_missing(), reason="Debian's chromium is not installed (.ci/run installs it)"),
]


@pytest.fixture
def page(live_server) -> Iterator[Page]:
    with chromium_page(live_server.url) as browser_page:
        yield browser_page


@pytest.fixture
def pupil(world):
    school = SchoolFactory.create(name="Werneth High School")
    child = PersonFactory.create(
        school=school,
        given_name="Sam",
        family_name="Wernethly",
        date_of_birth=date(2012, 5, 9),
        registered_by_team=world.teams["school.safeguarding"],  # the school's own pupil, added by its team
    )
    mother = ParentFactory.create(given_name="Jo", family_name="Wernethly", address="4 Test Close, Oldham OL9 1AA")
    RelationshipFactory.create(person=mother, child=child, kind=Relationship.Kind.MOTHER, parental_responsibility=True)
    return child, mother


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_note_of_concern_to_closure_with_an_objection_answered(page, world, pupil):
    child, _mother = pupil
    werneth = world.controllers["school"]
    dsl, pastoral, head = (world.users[key] for key in ("safeguarding_lead", "pastoral_staff", "headteacher"))
    werneth.two_factor_roles.add(Role.objects.get(code="safeguarding-lead"))
    dsl_device = TOTPDevice.objects.create(user=dsl, name="phone", confirmed=True)
    today = timezone.localdate()

    # Pastoral staff write down what they saw.
    sign_in(page, pastoral)
    page.goto("/")
    shot(page, "werneth-01-pastoral-home")
    page.get_by_role("link", name="Referrals").first.click()
    page.get_by_role("link", name="Make a referral").click()
    shot(page, "werneth-02-refer")
    page.get_by_role("link", name="Record a note of concern").click()
    shot(page, "werneth-03-choose-pupil")
    page.select_option("#id_child", label="Sam Wernethly")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Jo Wernethly").check()
    fill_date(page, "noticed_on", today)
    page.select_option("#id_kind", label="Physical")
    page.get_by_label("What did you see or hear?").fill("Sam had a bruise on the wrist and said 'it was at home'.")
    page.get_by_label("What did you do?").fill("Listened, wrote this down straight away, told Sam I would pass it on.")
    shot(page, "werneth-04-note-filled")
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_selector("text=sent to the")
    shot(page, "werneth-05-note-sent")
    sign_out(page)

    # The DSL triages it, allocating the case to the pastoral lead.
    sign_in(page, dsl, device=dsl_device)
    page.get_by_role("link", name="Referrals").first.click()
    shot(page, "werneth-06-referrals")
    page.get_by_role("row", name="Sam Wernethly").get_by_role("link").click()
    page.select_option("#id_outcome", label="Accept and open a case")
    page.select_option("#id_allocate_to", label=pastoral.get_full_name())
    page.get_by_label("Reasons (shown to the referrer)").fill("A concern about possible physical harm: opened.")
    shot(page, "werneth-07-triage")
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_selector("text=Referral accepted")
    shot(page, "werneth-08-accepted")
    case = Case.objects.get(child=child, service="sen-safeguarding")
    assert case.allocated_worker == pastoral
    assert Referral.objects.get(child=child).status == Referral.Status.ACCEPTED
    sign_out(page)

    # The pastoral lead sees the case and adds a record.
    sign_in(page, pastoral)
    page.goto(f"/cases/{case.pk}/")
    shot(page, "werneth-09-case")
    content = page.content()
    assert "Sam Wernethly" in content and "Concern with the safeguarding lead" in content
    family = page.locator("table").first.inner_text()
    # Werneth's notice lists parents' names and contact details, not their relationships: the page says so.
    assert "Jo Wernethly" in family and "Not recorded for this service" in family
    page.get_by_role("link", name="Add a note or upload a document").click()
    shot(page, "werneth-10-record-purpose")
    page.locator("input[name=purpose]").first.check()
    page.get_by_role("button", name="Continue").click()
    shot(page, "werneth-11-record-form")
    page.locator("input[name=categories]").first.check()
    page.get_by_label("Title").fill("Spoke with Sam at break")
    page.get_by_label("Details", exact=True).fill("Sam was calm and said the bruise came from a fall off a bike.")
    fill_date(page, "occurred_on", today)
    page.select_option("#id_source", index=1)
    page.get_by_role("button", name="Save record").click()
    page.wait_for_selector("text=Spoke with Sam at break")
    shot(page, "werneth-12-record-saved")
    assert Record.objects.filter(case=case, title="Spoke with Sam at break").exists()

    # Sam's mother objects; the pastoral lead records it from the person's page.
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Sam's records").click()
    shot(page, "werneth-13-person")
    page.get_by_role("link", name="Record an objection").click()
    shot(page, "werneth-14-objection-form")
    page.select_option("#id_purpose", value="sen-safeguarding:safeguard")
    page.select_option("#id_raised_by", label="Jo Wernethly (mother, parental responsibility)")
    page.get_by_label("Their grounds").fill("The family does not want notes about home kept by the school.")
    page.get_by_role("button", name="Record the objection").click()
    page.wait_for_selector("h1:has-text('Consents and objections')")
    shot(page, "werneth-15-objection-recorded")
    objection = Objection.objects.get(subject=child)
    assert objection.status == Objection.Status.PENDING
    sign_out(page)

    # The headteacher answers it: refused, with reasons (legal obligation: Art 21 does not apply).
    sign_in(page, head)
    page.goto(f"/people/{child.pk}/consents/")
    page.get_by_role("link", name="Answer the objection").click()
    shot(page, "werneth-16-answer")
    page.select_option("#id_upheld", value="no")
    page.get_by_label("Your reasons").fill("KCSIE requires the school to keep safeguarding records.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_selector("text=Refused")
    shot(page, "werneth-17-answered")
    objection.refresh_from_db()
    assert objection.status == Objection.Status.NOT_UPHELD and objection.decided_by == head
    sign_out(page)

    # The worker sees the flag prominently, with a task for their decision, and the DSL closes the case.
    sign_in(page, pastoral)
    page.goto(f"/cases/{case.pk}/")
    shot(page, "werneth-18-case-flagged")
    banner = page.locator(".govuk-notification-banner")
    assert "Objection" in banner.inner_text() and "Jo Wernethly" in banner.inner_text()
    flag = CaseFlag.objects.get(case=case, kind=CaseFlag.Kind.OBJECTION)
    assert flag.task is not None and flag.task.assigned_to == pastoral
    assert flag.task.title in page.locator("h2:has-text('Tasks') ~ .govuk-summary-card").first.inner_text()
    page.get_by_role("link", name="Decide what happens now").click()
    page.get_by_label("Your decision and the reasons for it").fill("Nothing stops: the headteacher refused it.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_selector("dt:has-text('Decision')")
    shot(page, "werneth-19-flag-decided")
    page.get_by_role("link", name="Back to case").click()
    page.wait_for_selector("h1:has-text('Sam Wernethly')")
    assert page.locator(".govuk-notification-banner:has-text('Needs your decision')").count() == 0
    flag.refresh_from_db()
    assert flag.resolved_by == pastoral and flag.task is not None
    flag.task.refresh_from_db()
    assert flag.task.done_at is not None
    sign_out(page)

    sign_in(page, dsl, device=dsl_device)
    page.goto(f"/cases/{case.pk}/")
    shot(page, "werneth-20-dsl-case")
    page.get_by_role("link", name="Close the case").click()
    page.get_by_label("Why the case is closing").fill("Explained by a fall; no further concern after a review.")
    page.get_by_role("button", name="Close case").click()
    page.wait_for_selector("text=closed")
    shot(page, "werneth-21-closed")
    assert "Reason: Explained by a fall" in page.content()
    case.refresh_from_db()
    assert case.closed_at is not None and case.close_reason.startswith("Explained by a fall")
    actions = set(AuditEntry.objects.filter(subject_id=str(child.pk)).values_list("action", flat=True))
    assert {"objection_raise", "objection_decide", "flag_raise", "flag_resolve", "case_close"} <= actions
