"""A test-only kit for Wigan's Targeted Education Support Service (a real register entry), and a
child with a mother at a school: who may refer, and how triage goes, on any service's kit."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tutela.accounts.models import User
from tutela.accounts.tests.factories import UserFactory
from tutela.casework import kit as kitmodule
from tutela.casework.kit import Field, IntakeForm, ServiceKit, Stage, Submitter, kit_register
from tutela.people.models import Person, School
from tutela.people.tests.factories import PersonFactory, RelationshipFactory, SchoolFactory

SERVICE = "targeted-education-support"
REQUEST = IntakeForm(
    key="request",
    title="Ask for targeted education support",
    submitters=frozenset({Submitter.SCHOOL, Submitter.SERVICE, Submitter.OTHER_TEAM}),
    purpose="wellbeing-health",
    categories=("child.identity.name", "child.special.health"),
    fields=(
        Field("needs", "What help the child needs", "text", content=True),
        Field("urgency", "How soon", "choice", choices=(("weeks", "Within weeks"), ("term", "This term"))),
        Field("seen_on", "Date last seen", "date", required=False),
    ),
    family="optional",
)
INVOLVEMENT = IntakeForm(
    key="involvement",
    title="Request for Service Involvement",
    submitters=frozenset({Submitter.SERVICE}),
    purpose="service-involvement",
    categories=("child.identity.name", "child.support.case-records"),
    fields=(Field("support", "Support asked for", "text", content=True),),
    family="required",
    consent_purpose="service-involvement",
    opening_stage="support",
)
TEST_KIT = ServiceKit(
    service=SERVICE,
    stages=(Stage("assessment", "Assessment", next=("support",)), Stage("support", "Support")),
    intake=(REQUEST, INVOLVEMENT),
)


@dataclass
class Tess:
    child: Person
    mother: Person
    school: School
    school_user: User
    other_school_user: User
    officer: User  # in the TESS team: staff of the service
    other_team: User  # Wigan Engagement Centres
    outsider: User


@pytest.fixture
def tess_kit() -> Iterator[ServiceKit]:
    before = dict(kitmodule._KITS)
    kit_register(TEST_KIT)
    yield TEST_KIT
    kitmodule._KITS.clear()
    kitmodule._KITS.update(before)


@pytest.fixture
def tess(world: Any, tess_kit: ServiceKit) -> Tess:
    wigan = world.controllers["wigan"]
    school, other_school = SchoolFactory.create(), SchoolFactory.create()
    child = PersonFactory.create(school=school, given_name="Ada", family_name="Referred")
    mother = RelationshipFactory.create(child=child, person__address="2 Test Lane, Wigan WN1 1AA").person
    school_user = world.users["school_user"]
    school_user.school = school
    school_user.save(update_fields=["school"])
    other_school_user = UserFactory.create(username="wigan-other-school", controller=wigan, roles=["school-user"])
    other_school_user.school = other_school
    other_school_user.save(update_fields=["school"])
    return Tess(
        child=child,
        mother=mother,
        school=school,
        school_user=school_user,
        other_school_user=other_school_user,
        officer=world.users["other_service_officer"],
        other_team=world.users["assigned_caseworker"],
        outsider=world.users["outsider"],
    )


def request_answers(**overrides: Any) -> dict[str, Any]:
    return {"needs": "Anxiety about school; support with a phased return.", "urgency": "weeks"} | overrides
