"""In a real browser, as Wigan's users would: a school's SENCO asks for an EHC needs assessment for
their pupil; the SEN officer accepts it and takes the case, and adds a record; the mother's objection
is recorded and answered by the team's manager (refused, with reasons); the case shows the flag
with a task for the officer's decision; the officer decides it and closes the case with a reason."""

from dataclasses import dataclass
from datetime import date

import pytest
from playwright.sync_api import Page

from tutela.accounts.models import User
from tutela.accounts.tests.factories import UserFactory
from tutela.audit.models import AuditEntry
from tutela.casework.models import Case, CaseFlag, Referral
from tutela.casework.tests import journey
from tutela.consent.models import Objection
from tutela.people.models import Person, Relationship
from tutela.people.tests.factories import ParentFactory, PersonFactory, RelationshipFactory, SchoolFactory
from tutela.records.models import Record
from tutela.register.api import register
from tutela.web.tests.browser import BROWSER, page, shot, sign_in, sign_out

__all__ = ["page"]  # the fixture, used by name

pytestmark = BROWSER
ROSE = "Rose Pupilson (mother, parental responsibility)"


@dataclass(frozen=True)
class Wigan:
    senco: User
    officer: User
    manager: User
    child: Person


@pytest.fixture
def wigan(world) -> Wigan:
    controller, team = world.controllers["wigan"], world.teams["wigan.data"]
    officer = UserFactory.create(username="sen-officer", controller=controller, roles=["caseworker"], teams=[team])
    manager = UserFactory.create(username="data-manager", controller=controller, roles=["team-manager"], teams=[team])
    school = SchoolFactory.create(name="Hindley Primary School")
    senco = world.users["school_user"]
    senco.school = school
    senco.save(update_fields=["school"])
    child = PersonFactory.create(
        school=school, given_name="Lily", family_name="Pupilson", date_of_birth=date(2017, 2, 1)
    )
    mother = ParentFactory.create(given_name="Rose", family_name="Pupilson", address="3 Test Road, Wigan WN2 2AA")
    RelationshipFactory.create(person=mother, child=child, kind=Relationship.Kind.MOTHER, parental_responsibility=True)
    return Wigan(senco=senco, officer=officer, manager=manager, child=child)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ehc_request_from_a_school_to_closure_with_an_objection_answered(page, wigan):
    child, officer = wigan.child, wigan.officer
    _school_asks_for_an_assessment(page, wigan.senco)
    # The SEN officer accepts the request and takes the case.
    case_id = journey.referral_accept(page, manager=officer, child="Lily Pupilson", worker=officer, prefix="pupil-data")
    assert Referral.objects.get(child=child).status == Referral.Status.ACCEPTED

    sign_in(page, officer)
    _case_page(page, case_id)
    journey.record_add(
        page,
        purpose=register().purpose("wigan", "pupil-data", "sen-assessment").label,
        category=register().category("child.education.sen").label,
        title="Call with the SENCO",
        body="The school will send the educational psychologist's notes.",
        kind="File note",
        source="School",
        prefix="pupil-data",
    )
    # Lily's mother objects to the assessment; the team's manager refuses the objection, with reasons.
    journey.objection_record(
        page,
        child_id=child.pk,
        purpose="pupil-data:sen-assessment",
        raised_by=ROSE,
        grounds="I was not asked before the school sent this.",
        prefix="pupil-data",
    )
    sign_out(page)
    journey.objection_refuse(
        page,
        answerer=wigan.manager,
        child_id=child.pk,
        reasons="The council must consider the request; the mother will be consulted.",
        prefix="pupil-data",
    )
    _officer_decides_the_flag_and_closes(page, case_id, officer)
    _the_file_afterwards(wigan, case_id)


# The journey's own stages; the rest are the kit's steps every service shares (casework/tests/journey.py).


def _school_asks_for_an_assessment(page: Page, senco: User) -> None:
    journey.referral_start(
        page,
        referrer=senco,
        form="Request an EHC needs assessment",
        child="Lily Pupilson",
        family=["Rose Pupilson"],
        prefix="pupil-data",
    )
    page.select_option("#id_primary_need", index=1)
    page.get_by_label("The child's needs, and the evidence for them").fill("Speech and language needs; SALT report.")
    page.get_by_label("SEN support so far, and what its reviews found").fill(
        "Two terms of SEN support; little progress."
    )
    shot(page, "pupil-data-02-request-filled")
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_selector("text=sent to the")
    shot(page, "pupil-data-03-request-sent")
    sign_out(page)


def _case_page(page: Page, case_id: int) -> None:
    page.goto(f"/cases/{case_id}/")
    page.wait_for_selector("h1:has-text('Lily Pupilson')")
    shot(page, "pupil-data-07-case")
    assert "Request received" in page.locator("main").inner_text()
    assert "Rose Pupilson" in page.locator("table").first.inner_text()


def _officer_decides_the_flag_and_closes(page: Page, case_id: int, officer: User) -> None:
    sign_in(page, officer)
    page.goto(f"/cases/{case_id}/")
    assert "Rose Pupilson" in page.locator(".govuk-notification-banner", has_text="Needs your decision").inner_text()
    journey.flag_decide(
        page, flag="Objection raised", decision="The request goes on; the mother is consulted.", prefix="pupil-data"
    )
    journey.case_close(page, reason="The school withdrew the request after meeting the mother.", prefix="pupil-data")


def _the_file_afterwards(wigan: Wigan, case_id: int) -> None:
    case = Case.objects.get(pk=case_id)
    assert case.allocated_worker == wigan.officer and case.closed_by == wigan.officer
    assert case.closed_at is not None and case.close_reason.startswith("The school withdrew")
    assert Record.objects.filter(case=case, title="Call with the SENCO").exists()
    objection = Objection.objects.get(subject=wigan.child)
    assert objection.status == Objection.Status.NOT_UPHELD and objection.decided_by == wigan.manager
    flag = CaseFlag.objects.get(case=case, kind=CaseFlag.Kind.OBJECTION)
    assert flag.resolved_by == wigan.officer and flag.task is not None and flag.task.done_at is not None
    actions = set(AuditEntry.objects.filter(subject_id=str(wigan.child.pk)).values_list("action", flat=True))
    assert {"objection_raise", "objection_decide", "flag_raise", "flag_resolve", "case_close"} <= actions
