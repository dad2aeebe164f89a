"""A Dudley Education Support Service world: a school, a pupil with unauthorised absence, two
parents, the school's referrer, and an open case allocated to the ESS caseworker. All synthetic."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from time_machine import TimeMachineFixture

from tutela.accounts.models import User
from tutela.accounts.tests.factories import UserFactory
from tutela.casework.models import Case
from tutela.casework.services import case_open
from tutela.lib.identifiers import upn_build
from tutela.people.models import Person, Relationship, School
from tutela.people.tests.factories import ParentFactory, PersonFactory, RelationshipFactory, SchoolFactory

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 1, 15)
TERM_START = date(2025, 9, 1)


@dataclass
class Ess:
    school: School
    other_school: School
    child: Person
    mother: Person
    father: Person
    case: Case
    officer: User
    school_user: User
    other_school_user: User


def write_marks(path: Path, child: Person, school: School, weeks: int = 14) -> Path:
    """Autumn 2025: present except unauthorised (N) every Monday and Tuesday morning."""
    lines = ["upn,school_urn,date,session,code"]
    for week in range(weeks):
        for weekday in range(5):
            day = TERM_START + timedelta(weeks=week, days=weekday)
            lines.append(f"{child.upn},{school.urn},{day},AM,{'N' if weekday < 2 else '/'}")
            lines.append(f"{child.upn},{school.urn},{day},PM,/")
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def today(time_machine: TimeMachineFixture) -> date:
    time_machine.move_to(datetime(2026, 1, 15, 10, 0, tzinfo=LONDON), tick=False)
    return TODAY


@pytest.fixture
def ess(world: Any, today: date, tmp_path: Path) -> Ess:
    dudley = world.controllers["dudley"]
    dudley.la_code = "332"
    dudley.save()
    school, other_school = SchoolFactory.create(la_code="332"), SchoolFactory.create(la_code="332")
    child = PersonFactory.create(
        school=school,
        upn=upn_build(la_code="332", establishment="4000", year=2019, serial=7),
        given_name="Tilly",
        family_name="Example",
        address="1 Test Row, Dudley DY1 1AA",
    )
    mother = ParentFactory.create(given_name="Mary", family_name="Example", address="1 Test Row, Dudley DY1 1AA")
    father = ParentFactory.create(given_name="Frank", family_name="Sample", address="9 Other Street, Dudley DY2 2BB")
    RelationshipFactory.create(person=mother, child=child, kind=Relationship.Kind.MOTHER)
    RelationshipFactory.create(person=father, child=child, kind=Relationship.Kind.FATHER)
    call_command("attendance_import", str(write_marks(tmp_path / "marks.csv", child, school)), stdout=StringIO())
    school_user = UserFactory.create(username="dudley-school", controller=dudley, roles=["school-user"], school=school)
    other_school_user = UserFactory.create(
        username="dudley-other-school", controller=dudley, roles=["school-user"], school=other_school
    )
    officer = world.users["dudley_caseworker"]
    case = case_open(
        actor=officer,
        controller=dudley,
        service="education-support",
        child=child,
        team=world.teams["dudley.ess"],
        family=[mother, father],
        allocated_worker=officer,
    )
    return Ess(school, other_school, child, mother, father, case, officer, school_user, other_school_user)


@pytest.fixture
def ess_colleague(world: Any) -> User:
    return UserFactory.create(
        username="dudley-colleague",
        controller=world.controllers["dudley"],
        roles=["caseworker"],
        teams=[world.teams["dudley.ess"]],
    )


@pytest.fixture
def unrendered_letters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Letters kept as a placeholder PDF, for tests about dates and rules rather than the letter."""
    monkeypatch.setattr("tutela.casework.services.html_to_pdf", lambda template, context: b"%PDF-1.4\n%unrendered\n")


__all__ = ["Ess", "PersonFactory"]
