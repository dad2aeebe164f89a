"""A world for Administration: Wigan's and Dudley's administrators, users, teams, schools and calendars."""

from dataclasses import dataclass

from tutela.accounts.models import Controller, Team, User
from tutela.accounts.tests.factories import UserFactory
from tutela.attendance.models import SchoolCalendar
from tutela.people.models import School
from tutela.people.tests.factories import SchoolFactory

WIGAN_LA, DUDLEY_LA = "359", "332"


@dataclass
class AdminWorld:
    wigan: Controller
    dudley: Controller
    wigan_admin: User
    dudley_admin: User
    wigan_user: User
    dudley_user: User
    wigan_team: Team
    dudley_team: Team
    wigan_school: School
    dudley_school: School
    wigan_calendar: SchoolCalendar
    wigan_default_calendar: SchoolCalendar
    dudley_calendar: SchoolCalendar


def build_admin_world(world):  # the conftest world
    wigan, dudley = world.controllers["wigan"], world.controllers["dudley"]
    Controller.objects.filter(pk=wigan.pk).update(la_code=WIGAN_LA)
    Controller.objects.filter(pk=dudley.pk).update(la_code=DUDLEY_LA)
    wigan.refresh_from_db()
    dudley.refresh_from_db()
    wigan_school = SchoolFactory(la_code=WIGAN_LA, name="Oakfield Primary School")
    dudley_school = SchoolFactory(la_code=DUDLEY_LA, name="Kingsway High School")
    return AdminWorld(
        wigan=wigan,
        dudley=dudley,
        wigan_admin=world.users["administrator"],
        dudley_admin=UserFactory(
            username="dudley-administrator", controller=dudley, roles=["administrator"], is_staff=True
        ),
        wigan_user=world.users["assigned_caseworker"],
        dudley_user=world.users["dudley_caseworker"],
        wigan_team=world.teams["wigan.engagement"],
        dudley_team=world.teams["dudley.ess"],
        wigan_school=wigan_school,
        dudley_school=dudley_school,
        wigan_calendar=SchoolCalendar.objects.create(school=wigan_school, academic_year=2025),
        wigan_default_calendar=SchoolCalendar.objects.create(la_code=WIGAN_LA, academic_year=2025),
        dudley_calendar=SchoolCalendar.objects.create(school=dudley_school, academic_year=2025),
    )
