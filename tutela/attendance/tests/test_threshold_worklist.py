"""The officer's worklist: pupils meeting the threshold with no open case, for a person to decide."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tutela.attendance.selectors import threshold_worklist
from tutela.audit.models import AuditEntry
from tutela.casework.models import Case
from tutela.people.tests.factories import PersonFactory, SchoolFactory

MONDAY = date(2025, 9, 1)
AS_OF = date(2026, 1, 31)


@pytest.fixture
def dudley_pupil(world, tmp_path):
    world.controllers["dudley"].la_code = "332"
    world.controllers["dudley"].save()
    school = SchoolFactory(la_code="332")
    pupil = PersonFactory(school=school, upn=None)
    from tutela.lib.identifiers import upn_build

    pupil.upn = upn_build(la_code="332", establishment="2100", year=2019, serial=5)
    pupil.save()
    lines = ["upn,school_urn,date,session,code"]
    for week in range(10):
        for weekday in range(5):
            day = MONDAY + timedelta(weeks=week, days=weekday)
            lines.append(f"{pupil.upn},{school.urn},{day},AM,{'N' if weekday == 0 else '/'}")
    path = tmp_path / "marks.csv"
    path.write_text("\n".join(lines) + "\n")
    call_command("attendance_import", str(path), stdout=StringIO())
    return pupil


def test_an_officer_of_the_service_sees_pupils_meeting_the_threshold(world, dudley_pupil):
    rows = threshold_worklist(actor=world.users["dudley_caseworker"], service="education-support", as_of=AS_OF)
    assert [row.person for row in rows] == [dudley_pupil]
    assert (rows[0].window_start, rows[0].window_end) == (MONDAY, date(2025, 11, 9))
    assert AuditEntry.objects.filter(
        object_type="attendance threshold worklist", actor=world.users["dudley_caseworker"]
    ).exists()


def test_others_see_nothing(world, dudley_pupil):
    for persona in ("assigned_caseworker", "dudley_ig_officer", "outsider", "school_user"):
        assert threshold_worklist(actor=world.users[persona], service="education-support", as_of=AS_OF) == []


def test_a_pupil_with_an_open_case_leaves_the_list(world, dudley_pupil):
    officer = world.users["dudley_caseworker"]
    Case.objects.create(
        reference="ESS-1",
        controller=world.controllers["dudley"],
        service="education-support",
        child=dudley_pupil,
        owning_team=world.teams["dudley.ess"],
        allocated_worker=officer,
        opened_at=timezone.now(),
        opened_by=officer,
    )
    assert threshold_worklist(actor=officer, service="education-support", as_of=AS_OF) == []


def test_the_worklist_page(client, world, sign_in, dudley_pupil):
    sign_in(world.users["dudley_caseworker"])
    html = client.get("/attendance/worklist/education-support/").content.decode()
    assert dudley_pupil.full_name in html
    assert "This list suggests; it does nothing" in html
