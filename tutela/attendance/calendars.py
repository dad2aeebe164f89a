"""School days: weekdays in term, less bank holidays of England and Wales, INSET days and closures.

Bank holidays come from the maintained ``holidays`` package, never typed in. A school without its
own calendar for a year uses its local authority's default.
"""

from datetime import date, timedelta

from tutela.attendance.models import CalendarPeriod, SchoolCalendar
from tutela.lib.dates import bank_holidays as calendar_year_holidays
from tutela.people.models import School


def bank_holidays(year: int) -> frozenset[date]:
    """Bank holidays in the calendar years an academic year starting in ``year`` touches."""
    return calendar_year_holidays(year) | calendar_year_holidays(year + 1)


def calendar_for(*, school: School, academic_year: int) -> SchoolCalendar | None:
    own = SchoolCalendar.objects.filter(school=school, academic_year=academic_year).first()
    return (
        own
        or SchoolCalendar.objects.filter(
            school__isnull=True, la_code=school.la_code, academic_year=academic_year
        ).first()
    )


def _days(start: date, end: date) -> set[date]:
    return {start + timedelta(days=n) for n in range((end - start).days + 1)}


def school_days(*, calendar: SchoolCalendar) -> frozenset[date]:
    """Days on which the school meets: term weekdays that are not bank holidays, INSET days or closures."""
    periods = list(calendar.periods.all())
    open_days = set().union(*(_days(p.starts_on, p.ends_on) for p in periods if p.kind == CalendarPeriod.Kind.TERM))
    closed = set().union(*(_days(p.starts_on, p.ends_on) for p in periods if p.kind != CalendarPeriod.Kind.TERM))
    return frozenset(
        day for day in open_days - closed if day.weekday() < 5 and day not in bank_holidays(calendar.academic_year)
    )
