"""School days come from the calendar, less bank holidays (from the holidays package), INSET days and closures."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tutela.attendance.calendars import bank_holidays, calendar_for, school_days
from tutela.attendance.models import AttendanceYear, CalendarPeriod, SchoolCalendar


@pytest.fixture
def la_calendar(casework):
    calendar = SchoolCalendar.objects.create(la_code=casework.school.la_code, academic_year=2025)
    for kind, start, end in [
        ("term", date(2025, 9, 1), date(2025, 10, 24)),
        ("term", date(2025, 11, 3), date(2025, 12, 19)),
        ("inset", date(2025, 9, 1), date(2025, 9, 1)),
    ]:
        CalendarPeriod.objects.create(calendar=calendar, kind=kind, starts_on=start, ends_on=end)
    return calendar


def test_bank_holidays_come_from_the_package():
    assert date(2025, 12, 25) in bank_holidays(2025)
    assert date(2026, 4, 6) in bank_holidays(2025)  # Easter Monday 2026, in the 2025/26 school year


def test_school_days_leave_out_weekends_half_term_and_inset(la_calendar):
    days = school_days(calendar=la_calendar)
    assert date(2025, 9, 1) not in days  # INSET
    assert date(2025, 9, 2) in days
    assert date(2025, 9, 6) not in days  # Saturday
    assert date(2025, 10, 28) not in days  # half term
    assert len(days) == 74


def test_a_school_without_its_own_calendar_uses_the_la_default(la_calendar, casework):
    assert calendar_for(school=casework.school, academic_year=2025) == la_calendar
    own = SchoolCalendar.objects.create(school=casework.school, academic_year=2025)
    assert calendar_for(school=casework.school, academic_year=2025) == own


def test_marks_on_a_day_the_school_does_not_meet_are_refused(tmp_path, la_calendar, casework):
    path = tmp_path / "marks.csv"
    path.write_text(
        "upn,school_urn,date,session,code\n"
        f"{casework.child.upn},{casework.school.urn},2025-09-02,AM,/\n"
        f"{casework.child.upn},{casework.school.urn},2025-10-28,AM,/\n"
    )
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("attendance_import", str(path), stdout=StringIO(), stderr=err)
    assert f"line 3: date: 2025-10-28 is not a school day at {casework.school.name}" in err.getvalue()
    assert not AttendanceYear.objects.exists()
