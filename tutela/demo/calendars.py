"""School calendars for the demo LAs and attendance marks for every demo pupil."""

import random
from datetime import date, timedelta

from django.utils import timezone

from tutela.attendance.calendars import calendar_for, school_days
from tutela.attendance.models import CalendarPeriod, SchoolCalendar
from tutela.attendance.packing import academic_year_of
from tutela.attendance.services import MarkRow, marks_import
from tutela.demo.world import CONTROLLERS
from tutela.people.models import Person, School


def _week_containing(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=4)


def _demo_calendars(academic_year: int) -> None:
    """A typical English school year for each demo LA: three terms, three half terms, an INSET day."""

    # Reference data with no create service: calendars are set up directly, as an administrator would.
    y = academic_year
    terms = [
        (date(y, 9, 1), date(y, 12, 18)),
        (date(y + 1, 1, 5), date(y + 1, 3, 26)),
        (date(y + 1, 4, 12), date(y + 1, 7, 21)),
    ]
    breaks = [
        _week_containing(date(y, 10, 28)),
        _week_containing(date(y + 1, 2, 17)),
        _week_containing(date(y + 1, 5, 28)),
    ]
    for _slug, _name, _kind, la_code, _teams in CONTROLLERS:
        calendar, _ = SchoolCalendar.objects.get_or_create(school=None, la_code=la_code, academic_year=y)
        calendar.periods.all().delete()
        CalendarPeriod.objects.bulk_create(
            [CalendarPeriod(calendar=calendar, kind="term", starts_on=a, ends_on=b) for a, b in terms]
            + [
                CalendarPeriod(calendar=calendar, kind="closure", starts_on=a, ends_on=b, name="Half term")
                for a, b in breaks
            ]
            + [CalendarPeriod(calendar=calendar, kind="inset", starts_on=date(y, 9, 1), ends_on=date(y, 9, 1))]
        )


def school_days_to_yesterday(school: School, years: list[int]) -> list[date]:

    yesterday = timezone.localdate() - timedelta(days=1)
    calendars = [calendar_for(school=school, academic_year=year) for year in years]
    days = set().union(*(school_days(calendar=calendar) for calendar in calendars if calendar))
    return sorted(day for day in days if day <= yesterday)


def attendance_build(rng: random.Random, enforcement: dict[str, str]) -> int:
    """Marks for every demo pupil from the start of this school year to yesterday, through the real import.

    Pupils in ``enforcement`` (la_reference -> pattern) have marks from the start of the last school
    year too, and are kept off school a day every week (over the national threshold of ten sessions in
    ten school weeks); "missing" ones have been absent for the last five weeks.
    """

    year = academic_year_of(timezone.localdate() - timedelta(days=1))
    for calendar_year in (year - 1, year, year + 1):  # next year's term dates are published well ahead
        _demo_calendars(calendar_year)
    rows: list[MarkRow] = []
    pupils = Person.objects.filter(la_reference__startswith="DEMO-C", school__isnull=False).select_related("school")
    days_by_school: dict[tuple[int, bool], list[date]] = {}
    for pupil in pupils.order_by("la_reference"):
        school = pupil.school
        if school is None:
            continue
        pattern = enforcement.get(pupil.la_reference)
        key = (school.pk, pattern is not None)
        if key not in days_by_school:
            days_by_school[key] = school_days_to_yesterday(school, [year - 1, year] if pattern else [year])
        days = days_by_school[key]
        propensity = rng.betavariate(1.2, 16)
        day_off = 0 if rng.random() < 0.04 else None  # a few families keep children off on Mondays
        absences = ["I", "I", "M", "N", "O", "G"]
        if pattern is not None:
            propensity, day_off, absences = rng.uniform(0.04, 0.1), rng.choice([0, 4]), ["N", "O", "G", "I"]
        missing_from = days[-25] if pattern == "missing" and len(days) >= 25 else None
        for day in days:
            for session in ("AM", "PM"):
                code = "/" if session == "AM" else "\\"
                if day.weekday() == day_off or (missing_from and day >= missing_from):
                    code = "N"
                elif rng.random() < propensity:
                    code = rng.choice(absences)
                rows.append(MarkRow("demo", pupil.upn or "", school.urn, day, session, code))
    if rows:
        marks_import(rows=rows, actor=None, source="demo attendance", content=f"demo-{year}".encode())
    return len(rows)


# --- Attendance enforcement: Dudley's Education Support Service -------------------------------
#
# A family at every stage, each made through the enforcement services as an officer would (so every
# legal step is a named officer's decision, with its letter and clocks). Dates count back from today
# so the clocks are alive whenever the demo is loaded. Some families are referred by their school
