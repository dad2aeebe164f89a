"""In a real browser, as Wigan's users would: a school's SENCO asks for an EHC needs assessment for
their pupil; the SEN officer accepts it and takes the case, and adds a record; the mother's objection
is recorded and answered by the team's manager (refused, with reasons); the case shows the flag
with a task for the officer's decision; the officer decides it and closes the case with a reason."""

from collections.abc import Iterator
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from tutela.accounts.tests.factories import UserFactory
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ehc_request_from_a_school_to_closure_with_an_objection_answered(page, world):
    wigan, team = world.controllers["wigan"], world.teams["wigan.data"]
    officer = UserFactory.create(username="sen-officer", controller=wigan, roles=["caseworker"], teams=[team])
    manager = UserFactory.create(username="data-manager", controller=wigan, roles=["team-manager"], teams=[team])
    school = SchoolFactory.create(name="Hindley Primary School")
    senco = world.users["school_user"]
    senco.school = school
    senco.save(update_fields=["school"])
    child = PersonFactory.create(
        school=school, given_name="Lily", family_name="Pupilson", date_of_birth=date(2017, 2, 1)
    )
    mother = ParentFactory.create(given_name="Rose", family_name="Pupilson", address="3 Test Road, Wigan WN2 2AA")
    RelationshipFactory.create(person=mother, child=child, kind=Relationship.Kind.MOTHER, parental_responsibility=True)
    today = timezone.localdate()

    # The school's SENCO asks for an assessment for their pupil.
    sign_in(page, senco)
    shot(page, "pupil-data-01-school-home")
    page.get_by_role("link", name="Referrals").first.click()
    page.get_by_role("link", name="Make a referral").click()
    shot(page, "pupil-data-02-refer")
    page.get_by_role("link", name="Request an EHC needs assessment").click()
    page.select_option("#id_child", label="Lily Pupilson")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Rose Pupilson").check()
    page.select_option("#id_primary_need", index=1)
    page.get_by_label("The child's needs, and the evidence for them").fill("Speech and language needs; SALT report.")
    page.get_by_label("SEN support so far, and what its reviews found").fill(
        "Two terms of SEN support; little progress."
    )
    shot(page, "pupil-data-03-request-filled")
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_selector("text=sent to the")
    shot(page, "pupil-data-04-request-sent")
    sign_out(page)

    # The SEN officer accepts it and takes the case.
    sign_in(page, officer)
    page.get_by_role("link", name="Referrals").first.click()
    shot(page, "pupil-data-05-referrals")
    page.get_by_role("row", name="Lily Pupilson").get_by_role("link").click()
    page.select_option("#id_outcome", label="Accept and open a case")
    page.select_option("#id_allocate_to", label=officer.get_full_name())
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_selector("text=Referral accepted")
    shot(page, "pupil-data-06-accepted")
    case = Case.objects.get(child=child, service="pupil-data")
    assert case.allocated_worker == officer
    assert Referral.objects.get(child=child).status == Referral.Status.ACCEPTED

    page.goto(f"/cases/{case.pk}/")
    shot(page, "pupil-data-07-case")
    assert "Request received" in page.content()
    family = page.locator("table").first.inner_text()
    assert "Rose Pupilson" in family
    page.get_by_role("link", name="Add a note or upload a document").click()
    page.locator("input[name=purpose]").first.check()
    page.get_by_role("button", name="Continue").click()
    page.locator("input[name=categories]").first.check()
    page.get_by_label("Title").fill("Call with the SENCO")
    page.get_by_label("Details", exact=True).fill("The school will send the educational psychologist's notes.")
    fill_date(page, "occurred_on", today)
    page.select_option("#id_source", index=1)
    page.get_by_role("button", name="Save record").click()
    page.wait_for_selector("text=Call with the SENCO")
    assert Record.objects.filter(case=case, title="Call with the SENCO").exists()

    # Lily's mother objects to the assessment; the officer records it from Lily's page.
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Lily's records").click()
    page.get_by_role("link", name="Record an objection").click()
    shot(page, "pupil-data-08-objection-form")
    page.select_option("#id_purpose", value="pupil-data:sen-assessment")
    page.select_option("#id_raised_by", label="Rose Pupilson (mother, parental responsibility)")
    page.get_by_label("Their grounds").fill("I was not asked before the school sent this.")
    page.get_by_role("button", name="Record the objection").click()
    page.wait_for_selector("h1:has-text('Consents and objections')")
    objection = Objection.objects.get(subject=child)
    sign_out(page)

    # The team's manager answers it: refused, with reasons.
    sign_in(page, manager)
    page.goto(f"/people/{child.pk}/consents/")
    page.get_by_role("link", name="Answer the objection").click()
    page.select_option("#id_upheld", value="no")
    page.get_by_label("Your reasons").fill("The council must consider the request; the mother will be consulted.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_selector("text=Refused")
    shot(page, "pupil-data-09-answered")
    objection.refresh_from_db()
    assert objection.status == Objection.Status.NOT_UPHELD and objection.decided_by == manager
    sign_out(page)

    # The officer sees the flag with a task, decides it, and closes the case with a reason.
    sign_in(page, officer)
    page.goto(f"/cases/{case.pk}/")
    shot(page, "pupil-data-10-case-flagged")
    banner = page.locator(".govuk-notification-banner:has-text('Needs your decision')")
    assert "Rose Pupilson" in banner.inner_text()
    flag = CaseFlag.objects.get(case=case, kind=CaseFlag.Kind.OBJECTION)
    assert flag.task is not None and flag.task.assigned_to == officer
    assert flag.task.title in page.locator("h2:has-text('Tasks') ~ .govuk-summary-card").first.inner_text()
    page.get_by_role("link", name="Decide what happens now").click()
    page.get_by_label("Your decision and the reasons for it").fill("The request goes on; the mother is consulted.")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_role("link", name="Back to case").click()
    page.get_by_role("link", name="Close the case").click()
    page.get_by_label("Why the case is closing").fill("The school withdrew the request after meeting the mother.")
    page.get_by_role("button", name="Close case").click()
    page.wait_for_selector("text=Reason: The school withdrew")
    shot(page, "pupil-data-11-closed")
    case.refresh_from_db()
    assert case.closed_at is not None and case.close_reason.startswith("The school withdrew")
    flag.refresh_from_db()
    assert flag.resolved_by == officer
    actions = set(AuditEntry.objects.filter(subject_id=str(child.pk)).values_list("action", flat=True))
    assert {"objection_raise", "objection_decide", "flag_raise", "flag_resolve", "case_close"} <= actions
