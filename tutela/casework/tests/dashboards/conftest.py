"""A Wigan TESS world for the dashboard tests: a kit with three stages, a manager and two
caseworkers, children on cases at each stage, and a school's referral waiting. All synthetic.

The tests beside this conftest share it.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tutela.accounts.models import Controller, User
from tutela.accounts.tests.factories import UserFactory
from tutela.casework import kit as kit_module
from tutela.casework.kit import IntakeForm, ServiceKit, Stage, Submitter
from tutela.casework.models import Case, Referral
from tutela.casework.services import case_open
from tutela.people.models import Person, School
from tutela.people.tests.factories import PersonFactory, SchoolFactory
from tutela.records.models import Record
from tutela.records.services import record_create

SERVICE = "targeted-education-support"
TODAY = date(2026, 1, 15)
LONDON = ZoneInfo("Europe/London")

TESS_KIT = ServiceKit(
    service=SERVICE,
    stages=(
        Stage("assessment", "Assessment", ("support",)),
        Stage("support", "Support plan", ("review",)),
        Stage("review", "Review"),
    ),
    intake=(
        IntakeForm(
            key="school-referral",
            title="Refer a pupil for targeted education support",
            submitters=frozenset({Submitter.SCHOOL}),
            purpose="support-learning",
            categories=("child.identity.name",),
            fields=(),
        ),
    ),
)


@dataclass
class Tess:
    controller: Controller
    manager: User
    worker: User
    colleague: User
    school: School
    school_user: User
    cases: dict[str, Case] = field(default_factory=dict)
    children: dict[str, Person] = field(default_factory=dict)

    def open(self, key: str, *, worker: User | None, stage: str, days_ago: int = 60) -> Case:
        child = PersonFactory.create(school=self.school, given_name=key.capitalize(), family_name="Testchild")
        case = case_open(
            actor=self.manager,
            controller=self.controller,
            service=SERVICE,
            child=child,
            team=self.worker.teams.get(),
            family=[],
            allocated_worker=worker,
            stage=stage,
            opened_at=timezone.now() - timedelta(days=days_ago),
        )
        self.cases[key], self.children[key] = case, child
        return case


def referral_make(*, tess: Tess, given_name: str, submitted_at: datetime, status: str = "submitted") -> Referral:
    """A school's referral as intake will store it (its record, then the referral)."""
    child = PersonFactory.create(school=tess.school, given_name=given_name, family_name="Referred")
    record = record_create(
        actor=tess.school_user,
        subject=child,
        controller=tess.controller,
        service=SERVICE,
        purpose="support-learning",
        categories=["child.identity.name"],
        kind=Record.Kind.FILE_NOTE,
        title="Referral",
        body="Finding lessons hard.",
        occurred_on=submitted_at.date(),
        source=Record.Source.SCHOOL,
        source_school=tess.school,
    )
    return Referral.objects.create(
        reference=f"TESS-R-{child.pk}",
        controller=tess.controller,
        service=SERVICE,
        form="school-referral",
        child=child,
        school=tess.school,
        submitter_kind=Submitter.SCHOOL,
        record=record,
        submitted_by=tess.school_user,
        submitted_at=submitted_at,
        status=status,
    )


@pytest.fixture
def tess_today(time_machine: Any) -> date:
    time_machine.move_to(datetime(2026, 1, 15, 10, 0, tzinfo=LONDON), tick=False)
    return TODAY


@pytest.fixture
def tess_kit(monkeypatch: pytest.MonkeyPatch) -> ServiceKit:
    monkeypatch.setitem(kit_module._KITS, SERVICE, TESS_KIT)
    return TESS_KIT


@pytest.fixture
def tess(world: Any, tess_kit: ServiceKit, tess_today: date) -> Tess:
    wigan, team = world.controllers["wigan"], world.teams["wigan.tess"]
    school = SchoolFactory.create()
    built = Tess(
        controller=wigan,
        manager=UserFactory.create(
            username="tess-manager",
            first_name="Mina",
            last_name="Manager",
            controller=wigan,
            roles=["team-manager"],
            teams=[team],
        ),
        worker=world.users["other_service_officer"],
        colleague=UserFactory.create(
            username="tess-colleague",
            first_name="Colin",
            last_name="Colleague",
            controller=wigan,
            roles=["caseworker"],
            teams=[team],
        ),
        school=school,
        school_user=UserFactory.create(username="tess-school", controller=wigan, roles=["school-user"], school=school),
    )
    built.worker.first_name, built.worker.last_name = "Wendy", "Worker"
    built.worker.save(update_fields=["first_name", "last_name"])
    return built
