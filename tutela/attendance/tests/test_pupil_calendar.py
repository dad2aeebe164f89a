"""A pupil's attendance calendar: marks month by month, measures per school and changed marks, behind the gate."""

from datetime import date

import pytest
import time_machine
from django.utils import timezone

from tutela.attendance.models import CalendarPeriod, SchoolCalendar
from tutela.attendance.overview import month_grid
from tutela.attendance.selectors import pupil_calendar
from tutela.attendance.services import MarkRow, marks_import
from tutela.attendance.tests.overview_world import TODAY, attendance_world
from tutela.audit.models import AuditEntry
from tutela.casework.models import Case


@pytest.fixture
def marks_world(world):
    built = attendance_world(world)
    # ada is also on a Wigan Engagement Centres case, allocated to the assigned caseworker.
    Case.objects.create(
        reference="EC-0100",
        controller=world.controllers["wigan"],
        service="engagement-centres",
        child=built.pupils["ada"],
        owning_team=world.teams["wigan.engagement"],
        allocated_worker=world.users["assigned_caseworker"],
        opened_at=timezone.now(),
        opened_by=world.users["assigned_caseworker"],
    )
    return built


@pytest.fixture
def december():
    with time_machine.travel(TODAY, tick=False):
        yield


def _calendar(world, pupil, persona="assigned_caseworker"):
    return pupil_calendar(actor=world.users[persona], person_id=pupil.pk, academic_year=2025, today=TODAY.date())


def test_measures_per_school_and_the_threshold_window(world, marks_world):
    calendar = _calendar(world, marks_world.pupils["ada"])
    [aspull] = calendar.enrolments
    assert (aspull.possible, aspull.attended, aspull.authorised, aspull.unauthorised) == (100, 90, 0, 10)
    assert (aspull.absence_rate, aspull.persistent, aspull.severe) == ("10.0", True, False)
    assert calendar.threshold_window == (date(2025, 9, 1), date(2025, 11, 9))


def test_a_pupil_who_changed_school_has_a_calendar_for_each(world, marks_world):
    calendar = _calendar(world, marks_world.pupils["eve"])
    assert [e.school.name for e in calendar.enrolments] == ["Aspull Academy", "Beech Hill Primary"]
    assert [e.absence_rate for e in calendar.enrolments] == ["10.0", "10.0"]
    assert calendar.threshold_window == (date(2025, 9, 1), date(2025, 11, 9))  # across both schools


def test_the_grid_shows_each_session_and_days_without_school(world, marks_world):
    calendar = SchoolCalendar.objects.create(la_code="359", academic_year=2025)
    CalendarPeriod.objects.create(
        calendar=calendar, kind="term", starts_on=date(2025, 9, 1), ends_on=date(2025, 12, 19)
    )
    CalendarPeriod.objects.create(
        calendar=calendar, kind="closure", starts_on=date(2025, 11, 14), ends_on=date(2025, 11, 14)
    )
    months = _calendar(world, marks_world.pupils["ada"]).enrolments[0].months
    assert [month.first for month in months] == [
        date(2025, 9, 1),
        date(2025, 10, 1),
        date(2025, 11, 1),
        date(2025, 12, 1),
    ]
    monday = months[0].weeks[0][0]
    assert (monday.day, monday.am.code, monday.am.kind, monday.pm.code) == (date(2025, 9, 1), "N", "unauthorised", "\\")
    saturday = months[0].weeks[0][5]
    assert (saturday.school_day, saturday.weekend, saturday.am) == (False, True, None)
    closure = next(day for week in months[2].weeks for day in week if day.day == date(2025, 11, 14))
    assert (closure.school_day, closure.weekend) == (False, False)


def test_months_are_laid_out_monday_to_sunday():
    import polars as pl

    empty = pl.DataFrame(schema={"date": pl.Date, "session": pl.String, "code": pl.String})
    [september, october] = month_grid(marks=empty, academic_year=2025, until=date(2025, 10, 31), school_days=None)
    assert [day.day for day in september.weeks[0]][:2] == [date(2025, 9, 1), date(2025, 9, 2)]
    assert [day.day for day in october.weeks[0]][:3] == [None, None, date(2025, 10, 1)]  # 1 October was a Wednesday
    assert all(len(week) == 7 for week in october.weeks)


def test_changed_marks_are_listed_with_their_import(world, marks_world):
    ada = marks_world.pupils["ada"]
    correction = [MarkRow("line 2", ada.upn, marks_world.aspull.urn, date(2025, 9, 8), "AM", "M")]
    marks_import(rows=correction, actor=world.users["team_colleague"], source="correction.csv", content=b"fix")
    calendar = _calendar(world, ada)
    [change] = calendar.changes
    assert (change.date, change.session, change.old_code, change.new_code) == (date(2025, 9, 8), "AM", "N", "M")
    assert (change.batch.source, change.batch.imported_by) == ("correction.csv", world.users["team_colleague"])
    assert calendar.enrolments[0].unauthorised == 9
    assert calendar.threshold_window is None


def test_the_read_is_audited(world, marks_world):
    ada = marks_world.pupils["ada"]
    _calendar(world, ada)
    entry = AuditEntry.objects.get(object_type="attendance calendar")
    assert (entry.action, entry.decision, entry.subject_id) == ("read", "allowed", str(ada.pk))
    assert entry.purpose.startswith("wigan/engagement-centres/")


CALENDAR_PERSONAS = {
    "assigned_caseworker": 200,
    "team_colleague": 200,
    "other_service_officer": 200,  # Wigan TESS: a team delivering a service that processes attendance
    "dudley_caseworker": 403,  # not a pupil at a school of their LA
    "school_user_own_school": 200,
    "school_user_other_school": 403,
    "ig_officer": 403,
    "analyst": 403,
    "outsider": 403,
}


@pytest.mark.parametrize(("persona", "status"), CALENDAR_PERSONAS.items())
def test_who_may_see_the_calendar(client, world, marks_world, sign_in, december, persona, status):
    user = world.users[persona.removesuffix("_own_school").removesuffix("_other_school")]
    if persona.startswith("school_user"):
        user.school = marks_world.aspull if persona.endswith("own_school") else marks_world.beech_hill
        user.save(update_fields=["school"])
    ada = marks_world.pupils["ada"]
    sign_in(user)
    response = client.get(f"/attendance/pupils/{ada.pk}/2025/")
    assert response.status_code == status
    html = response.content.decode()
    if status == 200:
        assert ada.full_name in html
        assert "September 2025" in html
    else:
        assert ada.full_name not in html
        assert "You cannot see this" in html
        assert AuditEntry.objects.filter(object_type="attendance calendar", actor=user, decision="denied").exists()


def test_a_restricted_pupil_is_refused_even_to_the_caseworker(client, world, marks_world, sign_in, december):
    ada = marks_world.pupils["ada"]
    ada.processing_restricted = True
    ada.save()
    sign_in(world.users["assigned_caseworker"])
    response = client.get(f"/attendance/pupils/{ada.pk}/2025/")
    assert response.status_code == 403
    assert "processing is restricted" in response.content.decode().lower()


def test_the_page(client, world, marks_world, sign_in, december):
    ada = marks_world.pupils["ada"]
    sign_in(world.users["assigned_caseworker"])
    html = client.get(f"/attendance/pupils/{ada.pk}/2025/").content.decode()
    assert "Meets the penalty-notice threshold" in html
    assert "1 September 2025 to 9 November 2025" in html
    assert '<strong class="govuk-tag govuk-tag--red' in html  # the N marks
    assert "reason not yet established" in html  # the key


def test_this_school_year_redirects_and_unknowns_are_not_found(client, world, marks_world, sign_in, december):
    ada = marks_world.pupils["ada"]
    sign_in(world.users["assigned_caseworker"])
    assert client.get(f"/attendance/pupils/{ada.pk}/")["Location"] == f"/attendance/pupils/{ada.pk}/2025/"
    assert client.get("/attendance/pupils/999999/2025/").status_code == 404
    assert client.get(f"/attendance/pupils/{ada.pk}/2026/").status_code == 404  # not begun


def test_the_calendar_is_linked_from_the_person_page_and_the_worklist(client, world, marks_world, sign_in, december):
    ada = marks_world.pupils["ada"]
    link = f'href="/attendance/pupils/{ada.pk}/"'
    sign_in(world.users["assigned_caseworker"])
    assert link in client.get(f"/people/{ada.pk}/").content.decode()
    client.logout()
    sign_in(world.users["other_service_officer"])  # TESS has no case with ada: she is on its worklist
    assert link in client.get("/attendance/worklist/targeted-education-support/").content.decode()
