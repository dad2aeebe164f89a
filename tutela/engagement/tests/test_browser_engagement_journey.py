"""In a real browser, as the users would, for Wigan's Engagement Centres: the pupil's school refers
him with his mother's agreement; the centre's manager accepts and allocates a caseworker; the
caseworker notes a call, records the mother's parental consent and then her withdrawal of it,
decides what the flag asks, and closes the case with a reason."""

from datetime import date

import pytest
from playwright.sync_api import Page

from tutela.accounts.models import User
from tutela.audit.models import AuditEntry
from tutela.casework.models import Case, CaseFlag, Referral
from tutela.casework.tests import journey
from tutela.consent.models import Consent
from tutela.people.models import Person, Relationship
from tutela.people.tests.factories import ParentFactory, PersonFactory, RelationshipFactory, SchoolFactory
from tutela.records.models import Record
from tutela.register.api import register
from tutela.web.tests.browser import BROWSER, authenticator_give, page, shot, sign_in, sign_out

__all__ = ["page"]  # the fixture, used by name

pytestmark = BROWSER
ROSE = "Rose Journey (mother, parental responsibility)"


@pytest.fixture
def pupil(world) -> Person:
    school = SchoolFactory.create(name="Hindley Test High School")
    child = PersonFactory.create(
        school=school, given_name="Leo", family_name="Journey", date_of_birth=date(2011, 2, 14)
    )
    mother = ParentFactory.create(given_name="Rose", family_name="Journey", address="4 Test Walk, Wigan WN2 4AA")
    stepfather = ParentFactory.create(given_name="Sam", family_name="Walker", address="4 Test Walk, Wigan WN2 4AA")
    RelationshipFactory.create(person=mother, child=child, kind=Relationship.Kind.MOTHER, parental_responsibility=True)
    RelationshipFactory.create(
        person=stepfather, child=child, kind=Relationship.Kind.STEP_PARENT, parental_responsibility=False
    )
    world.users["school_user"].school = school
    world.users["school_user"].save(update_fields=["school"])
    for key, first, last in [
        ("school_user", "Sally", "Teacher"),
        ("team_manager", "Morgan", "Manager"),
        ("assigned_caseworker", "Casey", "Worker"),
    ]:
        User.objects.filter(pk=world.users[key].pk).update(first_name=first, last_name=last)
        world.users[key].refresh_from_db()
    # The centre's staff set up an authenticator app when they started.
    authenticator_give(world.users["team_manager"])
    authenticator_give(world.users["assigned_caseworker"])
    return child


def _refer(page: Page, school_user: User) -> None:
    journey.referral_start(
        page,
        referrer=school_user,
        form="Refer a pupil to the engagement centres",
        child="Leo Journey",
        family=["Rose Journey"],
        prefix="ec",
    )
    page.get_by_label("What difficulties is the pupil having in school?").fill(
        "Refuses to go into lessons; two fixed-term suspensions."
    )
    page.get_by_label("Attendance this school year (%)").fill("71")
    page.get_by_label("Suspensions this school year").fill("2")
    page.get_by_label("Special educational needs").select_option(label="SEN support")
    page.get_by_label("What has the school already tried?").fill("A mentor, a reduced timetable, a pastoral plan.")
    page.get_by_label("Who gave consent").select_option(label="Rose Journey")
    page.get_by_label("Evidence of consent").fill("Signed referral form, 2 March, kept by the school")
    shot(page, "ec-02-referral-form")
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_selector("text=sent to the Engagement Centres")
    shot(page, "ec-03-referral-sent")
    sign_out(page)


def _case_page(page: Page, case_id: int) -> None:
    page.goto(f"/cases/{case_id}/")
    page.wait_for_selector("h1:has-text('Leo Journey')")
    family = page.locator("table").first.inner_text()
    # The centre's notice covers the parents' names and contact details, not their relationships.
    assert "Rose Journey\tMother\tYes\t4 Test Walk" in family
    summary = page.locator(".govuk-summary-list").first.inner_text()
    assert "Assessment and planning" in summary and "Casey Worker" in summary
    shot(page, "ec-07-case")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_engagement_centres_from_school_referral_to_closure(page, world, pupil):
    school_user, worker = world.users["school_user"], world.users["assigned_caseworker"]
    _refer(page, school_user)
    assert Referral.objects.get(child=pupil).status == Referral.Status.SUBMITTED

    case_id = journey.referral_accept(
        page, manager=world.users["team_manager"], child="Leo Journey", worker=worker, prefix="ec"
    )
    sign_in(page, worker)
    _case_page(page, case_id)
    journey.record_add(
        page,
        purpose="Running the service",
        category="Referral forms, reports and file notes",
        title="Phone call with Leo's mother",
        body="Mother agrees to a first meeting next week.",
        prefix="ec",
    )
    assert "Engagement Centres: Running the service" in page.content()
    # Staff see the purpose by its name in the register.
    parental = register().purpose("wigan", "engagement-centres", "parental-consent").label
    journey.consent_record(
        page,
        case_id=case_id,
        purpose=parental,
        given_by=ROSE,
        reference="EC parental consent form 2026-031",
        prefix="ec",
    )
    journey.consent_withdraw(
        page, row=parental, by=ROSE, how="Mother phoned the centre: she no longer agrees.", prefix="ec"
    )
    journey.flag_decide(
        page,
        flag="Consent withdrawn",
        decision="Mother no longer agrees to the centre's support: the place is withdrawn and the case closes.",
        prefix="ec",
    )
    journey.task_done(page, task="Read referral", outcome="Read; spoke to the mother, who then withdrew her consent.")
    journey.case_close(page, reason="Parental consent withdrawn; the school keeps its plan.", prefix="ec")

    case = Case.objects.get(pk=case_id)
    assert case.closed_at is not None and case.close_reason.startswith("Parental consent withdrawn")
    assert case.closed_by == worker
    assert case.allocated_worker == worker and not case.tasks.filter(done_at__isnull=True).exists()
    parental = Consent.objects.get(subject=pupil, purposes=["parental-consent"])
    assert parental.withdrawn_on is not None and not parental.is_live
    assert Consent.objects.get(subject=pupil, purposes=["school-referral"]).is_live
    flag = CaseFlag.objects.get(case=case, kind=CaseFlag.Kind.CONSENT_WITHDRAWN)
    assert flag.resolved_by == worker and flag.task is not None and flag.task.done_at is not None
    assert Record.objects.filter(case=case, title="Phone call with Leo's mother").exists()
    done = set(AuditEntry.objects.filter(subject_id=str(pupil.pk)).values_list("action", flat=True))
    assert {"referral_submit", "consent_withdraw", "flag_resolve", "case_close"} <= done, done
