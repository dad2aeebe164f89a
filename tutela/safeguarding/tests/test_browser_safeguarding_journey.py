"""In a real browser, as Werneth School's staff would: pastoral staff record a note of concern; the
designated safeguarding lead (DSL), signing in with a security code, accepts it and allocates the
case to the pastoral lead, who adds a record; a parent's objection is recorded and answered by the
headteacher (refused with reasons: every purpose rests on legal obligation); the case shows the
flag with a task for the worker's decision; the DSL closes the case with a reason."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from tutela.accounts.models import Role, User
from tutela.audit.models import AuditEntry
from tutela.casework.models import Case, CaseFlag, Referral
from tutela.casework.tests import journey
from tutela.consent.models import Objection
from tutela.people.models import Person, Relationship
from tutela.people.tests.factories import ParentFactory, PersonFactory, RelationshipFactory, SchoolFactory
from tutela.records.models import Record
from tutela.register.api import register
from tutela.web.tests.browser import BROWSER, authenticator_give, fill_date, page, shot, sign_in, sign_out

__all__ = ["page"]  # the fixture, used by name

pytestmark = BROWSER
JO = "Jo Wernethly (mother, parental responsibility)"


@pytest.fixture
def pupil(world) -> Person:
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
    # The DSL's role signs in with a security code, from the app they set up when they started.
    world.controllers["school"].two_factor_roles.add(Role.objects.get(code="safeguarding-lead"))
    authenticator_give(world.users["safeguarding_lead"])
    return child


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_note_of_concern_to_closure_with_an_objection_answered(page, world, pupil):
    dsl, pastoral, head = (world.users[key] for key in ("safeguarding_lead", "pastoral_staff", "headteacher"))
    _note_of_concern(page, pastoral)
    case_id = journey.referral_accept(page, manager=dsl, child="Sam Wernethly", worker=pastoral, prefix="werneth")
    assert Referral.objects.get(child=pupil).status == Referral.Status.ACCEPTED

    sign_in(page, pastoral)
    _case_page(page, case_id)
    journey.record_add(
        page,
        purpose=register().purpose(world.controllers["school"].slug, "sen-safeguarding", "safeguard").label,
        category=register().category("child.safeguarding.concerns").label,
        title="Spoke with Sam at break",
        body="Sam was calm and said the bruise came from a fall off a bike.",
        kind="File note",
        source="Child or young person",
        prefix="werneth",
    )
    # Sam's mother objects; the pastoral lead records it, and the headteacher refuses it with reasons
    # (every purpose rests on legal obligation: Art 21 does not apply).
    journey.objection_record(
        page,
        child_id=pupil.pk,
        purpose="sen-safeguarding:safeguard",
        raised_by=JO,
        grounds="The family does not want notes about home kept by the school.",
        prefix="werneth",
    )
    assert Objection.objects.get(subject=pupil).status == Objection.Status.PENDING
    sign_out(page)
    journey.objection_refuse(
        page,
        answerer=head,
        child_id=pupil.pk,
        reasons="KCSIE requires the school to keep safeguarding records.",
        prefix="werneth",
    )
    _pastoral_lead_decides_the_flag(page, case_id, pastoral)
    sign_in(page, dsl)
    page.goto(f"/cases/{case_id}/")
    journey.case_close(page, reason="Explained by a fall; no further concern after a review.", prefix="werneth")
    _the_file_afterwards(pupil, case_id, dsl=dsl, pastoral=pastoral, head=head)


# The journey's own stages; the rest are the kit's steps every service shares (casework/tests/journey.py).


def _note_of_concern(page: Page, pastoral: User) -> None:
    """Pastoral staff write down what they saw and send it to the DSL."""
    journey.referral_start(
        page,
        referrer=pastoral,
        form="Record a note of concern",
        child="Sam Wernethly",
        family=["Jo Wernethly"],
        prefix="werneth",
    )
    fill_date(page, "noticed_on", timezone.localdate())
    page.select_option("#id_kind", label="Physical")
    page.get_by_label("What did you see or hear?").fill("Sam had a bruise on the wrist and said 'it was at home'.")
    page.get_by_label("What did you do?").fill("Listened, wrote this down straight away, told Sam I would pass it on.")
    shot(page, "werneth-03-note-filled")
    page.get_by_role("button", name="Record the concern").click()
    page.wait_for_selector("text=sent to the")
    sign_out(page)


def _case_page(page: Page, case_id: int) -> None:
    page.goto(f"/cases/{case_id}/")
    page.wait_for_selector("h1:has-text('Sam Wernethly')")
    shot(page, "werneth-07-case")
    assert "Concern with the safeguarding lead" in page.locator("main").inner_text()
    family = page.locator("table").first.inner_text()
    # Werneth's notice lists parents' names and contact details, not their relationships: the page says so.
    assert "Jo Wernethly" in family and "Not held by this service" in family


def _pastoral_lead_decides_the_flag(page: Page, case_id: int, pastoral: User) -> None:
    """The worker sees the flag prominently, with a task for their decision, and decides it."""
    sign_in(page, pastoral)
    page.goto(f"/cases/{case_id}/")
    assert "Jo Wernethly" in page.locator(".govuk-notification-banner", has_text="Needs your decision").inner_text()
    journey.flag_decide(
        page, flag="Objection raised", decision="Nothing stops: the headteacher refused it.", prefix="werneth"
    )
    sign_out(page)


def _the_file_afterwards(pupil: Person, case_id: int, *, dsl: User, pastoral: User, head: User) -> None:
    case = Case.objects.get(pk=case_id)
    assert case.allocated_worker == pastoral
    assert case.closed_at is not None and case.closed_by == dsl
    assert case.close_reason.startswith("Explained by a fall")
    assert Record.objects.filter(case=case, title="Spoke with Sam at break").exists()
    objection = Objection.objects.get(subject=pupil)
    assert objection.status == Objection.Status.NOT_UPHELD and objection.decided_by == head
    flag = CaseFlag.objects.get(case=case, kind=CaseFlag.Kind.OBJECTION)
    assert flag.resolved_by == pastoral and flag.task is not None and flag.task.done_at is not None
    actions = set(AuditEntry.objects.filter(subject_id=str(pupil.pk)).values_list("action", flat=True))
    assert {"objection_raise", "objection_decide", "flag_raise", "flag_resolve", "case_close"} <= actions
