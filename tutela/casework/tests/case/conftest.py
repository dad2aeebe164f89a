"""A test-only kit for Wigan's Targeted Education Support Service, and a case worked with it.

The kit uses the register's real purposes for TESS ('support-learning', 'safeguarding'), with
stages, a step at one stage only, a step valid at every stage, and a decision that sends a letter.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from tutela.accounts.models import User
from tutela.accounts.tests.factories import UserFactory
from tutela.casework import kit
from tutela.casework.kit import Field, Letter, ServiceKit, Stage, Step
from tutela.casework.models import Case
from tutela.casework.services import case_open
from tutela.people.models import Person, Relationship
from tutela.people.tests.factories import ParentFactory, PersonFactory, RelationshipFactory, SchoolFactory

TESS = "targeted-education-support"
LEARNING = "support-learning"
SAFEGUARDING = "safeguarding"

TEST_KIT = ServiceKit(
    service=TESS,
    stages=(
        Stage("request", "Request for involvement", next=("assessment",)),
        Stage("assessment", "Assessment", next=("support", "closing")),
        Stage("support", "Support plan in place", next=("closing",)),
        Stage("closing", "Closing"),
    ),
    steps=(
        Step(
            key="first-visit",
            name="First visit",
            stages=("request",),
            purpose=LEARNING,
            categories=("child.identity.name", "child.support.case-records"),
            happened="visited_on",
            moves_to="assessment",
            fields=(
                Field("visited_on", "Date of the visit", "date"),
                Field("seen_by", "Who saw the child", "line"),
                Field("notes", "What was found", "text", content=True),
            ),
        ),
        Step(
            key="support-plan",
            name="Support plan",
            stages=("assessment",),
            purpose=LEARNING,
            categories=("child.identity.name", "child.education.sen-interventions"),
            happened="agreed_on",
            decision=True,
            letter="plan-letter",
            moves_to="support",
            fields=(
                Field("agreed_on", "Date agreed", "date"),
                Field("review_weeks", "Weeks until the review", "int"),
                Field("plan", "The plan", "text", content=True),
            ),
        ),
        Step(
            key="concern",
            name="Safeguarding concern",
            stages=(),
            purpose=SAFEGUARDING,
            categories=("child.identity.name", "family.identity.name", "child.special.health"),
            fields=(Field("concern", "The concern", "text", content=True),),
        ),
    ),
    letters=(
        Letter(
            key="plan-letter",
            title="Support plan",
            template="letters/case_letter.html",
            purpose=LEARNING,
            categories=("child.identity.name", "child.education.sen-interventions"),
        ),
    ),
)


@pytest.fixture
def tess_kit(monkeypatch: pytest.MonkeyPatch) -> ServiceKit:
    monkeypatch.setitem(kit._KITS, TESS, TEST_KIT)
    return TEST_KIT


@dataclass
class TessCase:
    case: Case
    child: Person
    mother: Person
    worker: User
    colleague: User


@pytest.fixture
def tess(world, tess_kit) -> TessCase:
    team = world.teams["wigan.tess"]
    worker = UserFactory.create(
        username="tess-worker", controller=world.controllers["wigan"], roles=["caseworker"], teams=[team]
    )
    colleague = UserFactory.create(
        username="tess-colleague", controller=world.controllers["wigan"], roles=["caseworker"], teams=[team]
    )
    child = PersonFactory.create(
        school=SchoolFactory.create(name="Hindley High School"),
        given_name="Ava",
        family_name="Tessler",
        date_of_birth=date(2013, 12, 3),
    )
    mother = ParentFactory.create(given_name="Mia", family_name="Tessler", address="2 Test Lane, Wigan WN1 2AB")
    RelationshipFactory.create(person=mother, child=child, kind=Relationship.Kind.MOTHER, parental_responsibility=True)
    case = case_open(
        actor=worker,
        controller=world.controllers["wigan"],
        service=TESS,
        child=child,
        team=team,
        family=[mother],
        allocated_worker=worker,
        stage="request",
    )
    return TessCase(case=case, child=child, mother=mother, worker=worker, colleague=colleague)
