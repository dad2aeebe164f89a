"""In a real browser, the ESS on the casework kit: a Dudley school refers a pupil; the officer accepts
and takes the case, and adds a record; the mother's objection is recorded and answered by the team's
manager (refused, with reasons); the ESS case page shows the flag with a task for the officer's
decision; the officer decides it and closes the case with a reason."""

import pytest
from playwright.sync_api import Page

from tutela.accounts.models import User
from tutela.accounts.tests.factories import UserFactory
from tutela.audit.models import AuditEntry
from tutela.casework.models import Case, CaseFlag, Referral
from tutela.casework.tests import journey
from tutela.consent.models import Objection
from tutela.enforcement.tests.conftest import Ess
from tutela.records.models import Record
from tutela.register.api import register
from tutela.web.tests.browser import BROWSER, page, shot, sign_in, sign_out

__all__ = ["page"]  # the fixture, used by name

pytestmark = BROWSER
ESS = "education-support"
ENFORCEMENT = "attendance-offence-enforcement"
MARY = "Mary Example (mother, parental responsibility)"


@pytest.fixture
def manager(world) -> User:
    return UserFactory.create(
        username="dudley-manager",
        controller=world.controllers["dudley"],
        roles=["team-manager"],
        teams=[world.teams["dudley.ess"]],
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_school_referral_to_closure_with_an_objection_answered(page, ess, manager):
    ess.case.family.clear()  # the journey opens its own case from the referral
    ess.case.closed_at = ess.case.opened_at
    ess.case.save()
    _school_refers_tilly(page, ess)
    case_id = journey.referral_accept(
        page, manager=ess.officer, child="Tilly Example", worker=ess.officer, prefix="ess"
    )
    assert Referral.objects.get(child=ess.child).status == Referral.Status.ACCEPTED

    sign_in(page, ess.officer)
    _case_page(page, case_id)
    journey.record_add(
        page,
        purpose=register().purpose("dudley", ESS, ENFORCEMENT).label,
        category=register().category("child.education.attendance").label,
        title="Home visit",
        body="Mary says Tilly is anxious about a class change.",
        prefix="ess",
    )
    journey.objection_record(
        page,
        child_id=ess.child.pk,
        purpose=f"{ESS}:{ENFORCEMENT}",
        raised_by=MARY,
        grounds="The school never told me it would refer Tilly.",
        prefix="ess",
    )
    sign_out(page)
    journey.objection_refuse(
        page,
        answerer=manager,
        child_id=ess.child.pk,
        reasons="The council must act on unauthorised absence; support continues.",
        prefix="ess",
    )
    _officer_decides_the_flag_and_closes(page, case_id, ess.officer)
    _the_file_afterwards(ess, case_id, manager)


# The journey's own stages; the rest are the kit's steps every service shares (casework/tests/journey.py).


def _school_refers_tilly(page: Page, ess: Ess) -> None:
    journey.referral_start(
        page,
        referrer=ess.school_user,
        form="Refer a pupil for attendance support",
        child="Tilly Example",
        family=["Mary Example"],
        prefix="ess",
    )
    page.get_by_label("What the school has done to improve attendance").fill("Calls home and a support plan.")
    page.select_option("#id_sen_status", label="No special educational needs")
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_selector("text=sent to the Education Support Service")
    shot(page, "ess-01-referral-sent")
    sign_out(page)


def _case_page(page: Page, case_id: int) -> None:
    """The kit's address for the case leads to ESS's own case page."""
    page.goto(f"/cases/{case_id}/")
    page.wait_for_selector("h1:has-text('Tilly Example')")
    assert page.url.endswith(f"/enforcement/cases/{case_id}/")
    assert "Mary Example" in page.locator("main").inner_text()
    shot(page, "ess-07-case")


def _officer_decides_the_flag_and_closes(page: Page, case_id: int, officer: User) -> None:
    sign_in(page, officer)
    page.goto(f"/enforcement/cases/{case_id}/")
    assert "Mary Example" in page.locator(".govuk-notification-banner", has_text="Needs your decision").inner_text()
    journey.flag_decide(
        page, flag="Objection raised", decision="Support goes on; no legal step until answered.", prefix="ess"
    )
    assert page.url.endswith(f"/enforcement/cases/{case_id}/")  # back on ESS's own case page
    journey.case_close(page, reason="Attendance back above 95% for six weeks.", prefix="ess")


def _the_file_afterwards(ess: Ess, case_id: int, manager: User) -> None:
    case = Case.objects.get(pk=case_id)
    assert case.allocated_worker == ess.officer and case.closed_by == ess.officer
    assert case.closed_at is not None and case.close_reason == "Attendance back above 95% for six weeks."
    assert Record.objects.filter(case=case, title="Home visit").exists()
    objection = Objection.objects.get(subject=ess.child)
    assert objection.status == Objection.Status.NOT_UPHELD and objection.decided_by == manager
    flag = CaseFlag.objects.get(case=case, kind=CaseFlag.Kind.OBJECTION)
    assert flag.resolved_by == ess.officer and flag.task is not None and flag.task.done_at is not None
    actions = set(AuditEntry.objects.filter(subject_id=str(ess.child.pk)).values_list("action", flat=True))
    assert {"objection_raise", "objection_decide", "flag_raise", "flag_resolve", "case_close"} <= actions
