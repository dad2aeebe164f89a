"""In a real browser, as the users would, for Wigan's Targeted Education Support Service: the
child's school sends a Request for Service Involvement with her mother's signed consent; TESS's
manager accepts it and allocates a caseworker; the caseworker records the consultation with the
setting and a note, records the mother's consent to photographs in therapeutic work and then her
withdrawal of it, decides what the flag asks, and closes the case with a reason."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from tutela.accounts.models import User
from tutela.accounts.tests.factories import UserFactory
from tutela.audit.models import AuditEntry
from tutela.casework.models import Case, CaseFlag, Referral
from tutela.casework.tests import journey
from tutela.consent.models import Consent
from tutela.people.models import Person, Relationship
from tutela.people.tests.factories import ParentFactory, PersonFactory, RelationshipFactory, SchoolFactory
from tutela.records.models import Record
from tutela.register.api import register
from tutela.web.tests.browser import BROWSER, authenticator_give, fill_date, page, shot, sign_in, sign_out

__all__ = ["page"]  # the fixture, used by name

pytestmark = BROWSER
NINA = "Nina Pathway (mother, parental responsibility)"
TESS = "targeted-education-support"


@pytest.fixture
def pupil(world) -> Person:
    school = SchoolFactory.create(name="Standish Test Primary School")
    child = PersonFactory.create(school=school, given_name="Ivy", family_name="Pathway", date_of_birth=date(2018, 6, 9))
    mother = ParentFactory.create(given_name="Nina", family_name="Pathway", address="7 Test Close, Wigan WN6 0AA")
    RelationshipFactory.create(person=mother, child=child, kind=Relationship.Kind.MOTHER, parental_responsibility=True)
    world.users["school_user"].school = school
    world.users["school_user"].save(update_fields=["school"])
    tess = world.teams["wigan.tess"]
    world.users["tess_manager"] = UserFactory.create(
        username="tess-manager", controller=world.controllers["wigan"], roles=["team-manager"], teams=[tess]
    )
    for key, first, last in [
        ("school_user", "Sally", "Teacher"),
        ("tess_manager", "Tess", "Manager"),
        ("other_service_officer", "Terry", "Worker"),
    ]:
        User.objects.filter(pk=world.users[key].pk).update(first_name=first, last_name=last)
        world.users[key].refresh_from_db()
    # TESS's staff set up an authenticator app when they started.
    authenticator_give(world.users["tess_manager"])
    authenticator_give(world.users["other_service_officer"])
    return child


def _request(page: Page, school_user: User) -> None:
    journey.referral_start(
        page,
        referrer=school_user,
        form="Request for Service Involvement",
        child="Ivy Pathway",
        family=["Nina Pathway"],
        prefix="tess",
    )
    page.get_by_label("Special educational needs").select_option(label="SEN support")
    page.get_by_label("Main area of need, if known").select_option(label="Speech, language and communication needs")
    page.get_by_label("What are your concerns").fill("Few words at five; struggles to follow instructions.")
    page.get_by_label("What is the child good at").fill("Puzzles, drawing, and helping others.")
    page.get_by_label("What has the setting already put in place?").fill("Small-group language sessions.")
    page.get_by_label("Who gave consent").select_option(label="Nina Pathway")
    page.get_by_label("Evidence of consent").fill("Signed Request for Service Involvement, held by the school")
    shot(page, "tess-02-referral-form")
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_selector("text=sent to the Targeted Education Support Service")
    shot(page, "tess-03-referral-sent")
    sign_out(page)


def _case_page_and_a_step(page: Page, case_id: int) -> None:
    page.goto(f"/cases/{case_id}/")
    page.wait_for_selector("h1:has-text('Ivy Pathway')")
    family = page.locator("table").first.inner_text()
    assert "Nina Pathway\tMother\tYes" in family, family
    summary = page.locator(".govuk-summary-list").first.inner_text()
    assert "Assessment" in summary and "Terry Worker" in summary
    shot(page, "tess-07-case")
    page.get_by_role("link", name="Consultation with the setting").click()
    fill_date(page, "held_on", timezone.localdate())
    page.get_by_label("Who took part").fill("Class teacher, SENCo, Ivy's mother")
    page.get_by_label("What the setting and family told us").fill("Ivy understands more than she can say.")
    shot(page, "tess-07b-step")
    page.get_by_role("button", name="Record consultation with the setting").click()
    page.wait_for_selector("text=Consultation with the setting recorded")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_tess_from_request_for_involvement_to_closure(page, world, pupil):
    school_user, worker = world.users["school_user"], world.users["other_service_officer"]
    _request(page, school_user)
    assert Referral.objects.get(child=pupil).status == Referral.Status.SUBMITTED

    case_id = journey.referral_accept(
        page, manager=world.users["tess_manager"], child="Ivy Pathway", worker=worker, prefix="tess"
    )
    sign_in(page, worker)
    _case_page_and_a_step(page, case_id)
    journey.record_add(
        page,
        purpose="Supporting learning",
        category="Referral forms, reports and file notes",
        title="Call with Ivy's mother",
        body="Mother would like TESS to visit at home too.",
        prefix="tess",
    )
    _photos_consent_given_then_withdrawn(page, case_id)
    journey.flag_decide(
        page,
        flag="Consent withdrawn",
        decision="No photographs or video from now on; the support carries on under the signed request.",
        prefix="tess",
    )
    journey.task_done(page, task="Read referral", outcome="Read; consultation held with the setting.")
    journey.case_close(page, reason="The setting carries on the plan; TESS's involvement ends.", prefix="tess")
    _the_file_afterwards(pupil, case_id, worker)


def _photos_consent_given_then_withdrawn(page: Page, case_id: int) -> None:
    """The mother agrees to photographs in therapeutic work, then takes it back: staff see the purpose
    by its name in the register."""
    photos = register().purpose("wigan", TESS, "media-therapeutic").label
    journey.consent_record(
        page, case_id=case_id, purpose=photos, given_by=NINA, reference="TESS photo consent 2026-07", prefix="tess"
    )
    journey.consent_withdraw(
        page, row=photos, by=NINA, how="Mother told the class teacher, who passed it on.", prefix="tess"
    )


def _the_file_afterwards(pupil: Person, case_id: int, worker: User) -> None:
    case = Case.objects.get(pk=case_id)
    assert case.closed_at is not None and case.close_reason.startswith("The setting carries on the plan")
    assert case.closed_by == worker
    assert case.allocated_worker == worker and not case.tasks.filter(done_at__isnull=True).exists()
    photos = Consent.objects.get(subject=pupil, purposes=["media-therapeutic"])
    assert photos.withdrawn_on is not None and not photos.is_live
    assert Consent.objects.get(subject=pupil, purposes=["service-involvement"]).is_live
    flag = CaseFlag.objects.get(case=case, kind=CaseFlag.Kind.CONSENT_WITHDRAWN)
    assert flag.resolved_by == worker and flag.task is not None and flag.task.done_at is not None
    assert Record.objects.filter(case=case, title="Call with Ivy's mother").exists()
    done = set(AuditEntry.objects.filter(subject_id=str(pupil.pk)).values_list("action", flat=True))
    assert {"referral_submit", "consent_withdraw", "flag_resolve", "case_close"} <= done, done
