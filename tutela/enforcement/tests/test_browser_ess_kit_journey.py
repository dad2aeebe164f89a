"""In a real browser, the ESS on the casework kit: a Dudley school refers a pupil; the officer accepts
and takes the case, and adds a record; the mother's objection is recorded and answered by the team's
manager (refused, with reasons); the ESS case page shows the flag with a task for the officer's
decision; the officer decides it and closes the case with a reason."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tutela.accounts.tests.factories import UserFactory
from tutela.audit.models import AuditEntry
from tutela.casework.models import Case, CaseFlag, Referral
from tutela.consent.models import Objection
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
def test_school_referral_to_closure_with_an_objection_answered(page, ess, world, today):
    ess.case.family.clear()  # the journey opens its own case from the referral
    ess.case.closed_at = ess.case.opened_at
    ess.case.save()
    manager = UserFactory.create(
        username="dudley-manager",
        controller=world.controllers["dudley"],
        roles=["team-manager"],
        teams=[world.teams["dudley.ess"]],
    )

    sign_in(page, ess.school_user)
    page.get_by_role("link", name="Referrals").first.click()
    page.get_by_role("link", name="Make a referral").click()
    page.get_by_role("link", name="Refer a pupil for attendance support").click()
    page.select_option("#id_child", label="Tilly Example")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Mary Example").check()
    page.get_by_label("What the school has done to improve attendance").fill("Calls home and a support plan.")
    page.select_option("#id_sen_status", label="No special educational needs")
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_selector("text=sent to the Education Support Service")
    shot(page, "ess-01-referral-sent")
    sign_out(page)

    sign_in(page, ess.officer)
    page.get_by_role("link", name="Referrals").first.click()
    page.get_by_role("row", name="Tilly Example").get_by_role("link").click()
    shot(page, "ess-02-triage")
    page.select_option("#id_outcome", label="Accept and open a case")
    page.select_option("#id_allocate_to", label=ess.officer.get_full_name())
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_selector("text=Referral accepted")
    shot(page, "ess-03-case")
    case = Case.objects.get(child=ess.child, service="education-support", closed_at__isnull=True)
    assert case.allocated_worker == ess.officer and page.url.endswith(f"/enforcement/cases/{case.pk}/")
    assert Referral.objects.get(child=ess.child).status == Referral.Status.ACCEPTED
    assert "Mary Example" in page.content()

    page.get_by_role("link", name="Add a note or upload a document").click()
    page.locator("input[name=purpose]").first.check()
    page.get_by_role("button", name="Continue").click()
    page.locator("input[name=categories]").first.check()
    page.get_by_label("Title").fill("Home visit")
    page.get_by_label("Details", exact=True).fill("Mary says Tilly is anxious about a class change.")
    fill_date(page, "occurred_on", today)
    page.select_option("#id_source", index=1)
    page.get_by_role("button", name="Save record").click()
    page.wait_for_selector("text=Home visit")
    assert Record.objects.filter(case=case, title="Home visit").exists()

    page.goto(f"/people/{ess.child.pk}/")
    page.get_by_role("link", name="Record an objection").click()
    page.select_option("#id_purpose", index=1)
    page.select_option("#id_raised_by", label="Mary Example (mother, parental responsibility)")
    page.get_by_label("Their grounds").fill("The school never told me it would refer Tilly.")
    page.get_by_role("button", name="Record the objection").click()
    page.wait_for_selector("h1:has-text('Consents and objections')")
    objection = Objection.objects.get(subject=ess.child)
    sign_out(page)

    sign_in(page, manager)
    page.goto(f"/people/{ess.child.pk}/consents/")
    page.get_by_role("link", name="Answer the objection").click()
    page.select_option("#id_upheld", value="no")
    page.get_by_label("Your reasons").fill("The council must act on unauthorised absence; support continues.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_selector("text=Refused")
    objection.refresh_from_db()
    assert objection.status == Objection.Status.NOT_UPHELD and objection.decided_by == manager
    sign_out(page)

    sign_in(page, ess.officer)
    page.goto(f"/enforcement/cases/{case.pk}/")
    shot(page, "ess-04-case-flagged")
    assert "Mary Example" in page.locator(".govuk-notification-banner:has-text('Needs your decision')").inner_text()
    flag = CaseFlag.objects.get(case=case, kind=CaseFlag.Kind.OBJECTION)
    assert flag.task is not None and flag.task.assigned_to == ess.officer
    assert page.get_by_role("heading", name=flag.task.title).is_visible()
    page.get_by_role("link", name="Decide what happens now").click()
    page.get_by_label("Your decision and the reasons for it").fill("Support goes on; no legal step until answered.")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_role("link", name="Back to case").click()
    page.get_by_label("Why the case is closing").fill("Attendance back above 95% for six weeks.")
    page.get_by_role("button", name="Close case").click()
    page.wait_for_selector("text=Attendance back above 95%")
    shot(page, "ess-05-closed")
    case.refresh_from_db()
    assert case.closed_at is not None and case.close_reason == "Attendance back above 95% for six weeks."
    actions = set(AuditEntry.objects.filter(subject_id=str(ess.child.pk)).values_list("action", flat=True))
    assert {"objection_raise", "objection_decide", "flag_raise", "flag_resolve", "case_close"} <= actions
