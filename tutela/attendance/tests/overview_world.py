"""A small LA for the attendance pages: two Wigan schools, one Dudley school, six pupils with known marks.

Every pupil has ten school weeks from Monday 1 September 2025 (100 possible sessions), imported
through the real ``marks_import``:

- at Aspull (A): ada, unauthorised (N) every Monday morning: 10%, persistent, meets the threshold;
  ben, always present; cat, ill (I) for the first five weeks: 50%, severe;
- eve, N every Monday morning, at Aspull for five weeks then Beech Hill (B) for five: 10% at each,
  and the threshold met across the two schools;
- fay at Beech Hill, always present; gus at Dudley's Castle High, absent (O) throughout.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tutela.attendance.services import MarkRow, marks_import
from tutela.people.models import Person, School
from tutela.people.tests.factories import PersonFactory, SchoolFactory

MONDAY = date(2025, 9, 1)
TODAY = datetime(2025, 12, 1, 12, 0, tzinfo=ZoneInfo("Europe/London"))

Code = Callable[[int, int, str], str]  # (week, weekday, session) -> code


def present(week: int, weekday: int, session: str) -> str:
    return "/" if session == "AM" else "\\"


def monday_morning(code: str) -> Code:
    return lambda week, weekday, session: code if weekday == 0 and session == "AM" else present(week, weekday, session)


def first_weeks(code: str, weeks: int) -> Code:
    return lambda week, weekday, session: code if week < weeks else present(week, weekday, session)


@dataclass
class AttendanceWorld:
    aspull: School
    beech_hill: School
    castle: School
    pupils: dict[str, Person]


def marks(person: Person, school: School, weeks: range, code: Code) -> list[MarkRow]:
    return [
        MarkRow("test", person.upn or "", school.urn, day, session, code(week, weekday, session))
        for week in weeks
        for weekday in range(5)
        for day in [MONDAY + timedelta(weeks=week, days=weekday)]
        for session in ("AM", "PM")
    ]


def attendance_world(world) -> AttendanceWorld:  # world: conftest.World
    controllers = world.controllers
    for slug, la_code in (("wigan", "359"), ("dudley", "332")):
        controllers[slug].la_code = la_code
        controllers[slug].save(update_fields=["la_code"])
    aspull = SchoolFactory.create(name="Aspull Academy", la_code="359")
    beech_hill = SchoolFactory.create(name="Beech Hill Primary", la_code="359")
    castle = SchoolFactory.create(name="Castle High", la_code="332")
    schools = {"ada": aspull, "ben": aspull, "cat": aspull, "eve": beech_hill, "fay": beech_hill, "gus": castle}
    pupils = {name: PersonFactory.create(given_name=name.title(), school=school) for name, school in schools.items()}
    rows = [
        *marks(pupils["ada"], aspull, range(10), monday_morning("N")),
        *marks(pupils["ben"], aspull, range(10), present),
        *marks(pupils["cat"], aspull, range(10), first_weeks("I", 5)),
        *marks(pupils["eve"], aspull, range(5), monday_morning("N")),
        *marks(pupils["eve"], beech_hill, range(5, 10), monday_morning("N")),
        *marks(pupils["fay"], beech_hill, range(10), present),
        *marks(pupils["gus"], castle, range(10), lambda week, weekday, session: "O"),
    ]
    marks_import(rows=rows, actor=None, source="autumn.csv", content=b"autumn")
    return AttendanceWorld(aspull, beech_hill, castle, pupils)
