"""An LA's attendance overview: its schools' figures and a row per school, for officers of an attendance service."""

import pytest
import time_machine

from tutela.attendance.selectors import la_overview
from tutela.attendance.tests.overview_world import TODAY, attendance_world
from tutela.audit.models import AuditEntry
from tutela.governance.errors import GateDenied


@pytest.fixture
def marks_world(world):
    return attendance_world(world)


@pytest.fixture
def december():
    with time_machine.travel(TODAY, tick=False):
        yield


def _overview(world, persona="team_colleague"):
    return la_overview(actor=world.users[persona], as_of=TODAY.date())


def test_a_pupil_who_changed_school_counts_once(world, marks_world):
    figures = _overview(world).figures
    # ada 10, ben 0, cat 50, eve 5 + 5 at two schools, fay 0: of 100 possible sessions each.
    assert (figures.pupils, figures.possible, figures.absent) == (5, 500, 70)
    assert (figures.absence_rate, figures.attended_rate) == ("14.0", "86.0")
    assert (figures.persistent, figures.severe, figures.threshold) == (3, 1, 2)


def test_a_row_per_school_of_the_la_and_none_from_another_la(world, marks_world):
    rows = {school.name: figures for school, figures in _overview(world).schools}
    assert set(rows) == {"Aspull Academy", "Beech Hill Primary"}
    aspull, beech_hill = rows["Aspull Academy"], rows["Beech Hill Primary"]
    assert aspull is not None and beech_hill is not None
    aspull_figures = (aspull.pupils, aspull.absence_rate, aspull.persistent, aspull.severe, aspull.threshold)
    assert aspull_figures == (4, "18.6", 3, 1, 2)
    assert (beech_hill.pupils, beech_hill.absence_rate, beech_hill.persistent, beech_hill.threshold) == (2, "3.3", 1, 1)


def test_absence_rate_per_school_week_across_the_la(world, marks_world):
    weeks = _overview(world).weeks
    assert [week.rate for week in weeks] == ["24.0"] * 5 + ["4.0"] * 5  # 12 then 2 of 50 sessions


def test_another_la_sees_only_its_own_schools(world, marks_world):
    overview = _overview(world, "dudley_caseworker")
    assert [school.name for school, _figures in overview.schools] == ["Castle High"]
    assert (overview.figures.pupils, overview.figures.absence_rate, overview.figures.severe) == (1, "100.0", 1)


def test_the_page_is_audited_as_one_batch_and_a_refusal_too(world, marks_world):
    _overview(world)
    entry = AuditEntry.objects.get(object_type="attendance la overview", decision="allowed")
    assert len(entry.detail["allowed"]) == 5
    with pytest.raises(GateDenied):
        _overview(world, "school_user")
    assert AuditEntry.objects.filter(object_type="attendance la overview", decision="denied").exists()


LA_PERSONAS = {
    "assigned_caseworker": 200,
    "team_colleague": 200,
    "other_service_officer": 200,  # Wigan TESS also processes attendance
    "dudley_caseworker": 200,  # Dudley's own schools (see above)
    "school_user": 403,  # school staff see their own school, not the LA
    "ig_officer": 403,
    "analyst": 403,
    "safeguarding_lead": 403,
    "outsider": 403,
}


@pytest.mark.parametrize(("persona", "status"), LA_PERSONAS.items())
def test_who_may_see_the_la_overview(client, world, marks_world, sign_in, december, persona, status):
    if persona == "school_user":
        world.users[persona].school = marks_world.aspull
        world.users[persona].save(update_fields=["school"])
    sign_in(world.users[persona])
    response = client.get("/attendance/la/")
    assert response.status_code == status
    html = response.content.decode()
    assert ("Aspull Academy" in html) == (status == 200 and persona != "dudley_caseworker")


def test_the_page_links_each_school_to_its_overview(client, world, marks_world, sign_in, december):
    sign_in(world.users["team_colleague"])
    html = client.get("/attendance/la/").content.decode()
    assert f'href="/attendance/schools/{marks_world.aspull.urn}/"' in html
    assert "Wigan Council" in html
    assert "14.0%" in html


def test_the_attendance_section_lists_the_pages_of_each_user(client, world, marks_world, sign_in, december):
    sign_in(world.users["team_colleague"])
    html = client.get("/attendance/").content.decode()
    assert 'href="/attendance/la/"' in html
    assert 'href="/attendance/worklist/engagement-centres/"' in html
    client.logout()
    sign_in(world.users["ig_officer"])
    assert "You have no attendance pages" in client.get("/attendance/").content.decode()
