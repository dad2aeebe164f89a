"""A school's attendance overview: aggregates for its own users and its LA's attendance officers, every pupil gated."""

from datetime import date

import pytest
import time_machine

from tutela.attendance.overview import BOTTOM, TOP, WeekRate, trend_chart
from tutela.attendance.selectors import school_overview
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


def _overview(world, marks_world, persona="team_colleague"):
    return school_overview(actor=world.users[persona], urn=marks_world.aspull.urn, as_of=TODAY.date())


def test_figures_count_every_enrolment_at_the_school(world, marks_world):
    figures = _overview(world, marks_world).figures
    # ada 10/100 unauthorised, ben 0/100, cat 50/100 ill, eve 5/50 before moving school.
    assert (figures.pupils, figures.possible, figures.absent, figures.attended) == (4, 350, 65, 285)
    assert (figures.absence_rate, figures.attended_rate) == ("18.6", "81.4")
    assert (figures.persistent, figures.severe) == (3, 1)  # ada and eve at exactly 10%, cat at exactly 50%


def test_the_threshold_counts_marks_at_every_school_of_the_pupil(world, marks_world):
    # eve has five sessions here and five at Beech Hill: ten within ten school weeks.
    assert _overview(world, marks_world).figures.threshold == 2


def test_absence_rate_per_school_week(world, marks_world):
    weeks = _overview(world, marks_world).weeks
    assert len(weeks) == 10
    assert [week.rate for week in weeks[:5]] == ["30.0"] * 5  # 12 of 40 sessions
    assert [week.rate for week in weeks[5:]] == ["3.3"] * 5  # 1 of 30, after eve left


def test_the_chart_scales_to_the_highest_week_and_draws_the_persistent_level():
    chart = trend_chart([WeekRate(TODAY.date(), 40, 12), WeekRate(TODAY.date(), 30, 1)])
    assert [tick.label for tick in chart.rate_ticks] == ["0%", "5%", "10%", "15%", "20%", "25%", "30%"]
    assert float(chart.bars[0].height) == BOTTOM - TOP
    assert chart.reference is not None and float(chart.reference.at) == pytest.approx(
        BOTTOM - (BOTTOM - TOP) / 3, abs=0.05
    )


def test_a_week_belongs_to_the_month_of_its_thursday():
    chart = trend_chart([WeekRate(date(2026, 8, 31), 40, 2), WeekRate(date(2026, 9, 28), 50, 2)])
    assert [tick.label for tick in chart.month_ticks] == ["Sep", "Oct"]


def test_a_pupil_the_gate_refuses_is_left_out(world, marks_world):
    ben = marks_world.pupils["ben"]
    ben.processing_restricted = True
    ben.save()
    overview = _overview(world, marks_world)
    assert (overview.figures.pupils, overview.left_out) == (3, 1)


def test_the_page_is_audited_as_one_batch(world, marks_world):
    _overview(world, marks_world)
    entry = AuditEntry.objects.get(object_type="attendance school overview")
    assert entry.actor == world.users["team_colleague"]
    assert len(entry.detail["allowed"]) == 4
    assert f"{marks_world.aspull.urn}/{marks_world.pupils['ada'].upn}" in entry.detail["allowed"]


OVERVIEW_PERSONAS = {
    "assigned_caseworker": 200,
    "team_colleague": 200,
    "other_service_officer": 200,  # Wigan TESS also processes attendance
    "dudley_caseworker": 403,  # another LA's school
    "school_user_own_school": 200,
    "school_user_other_school": 403,
    "ig_officer": 403,  # no team delivering a service
    "analyst": 403,  # a role that never reads individual records
    "safeguarding_lead": 403,  # a school's own controller, not linked to this school
    "outsider": 403,
}


@pytest.mark.parametrize(("persona", "status"), OVERVIEW_PERSONAS.items())
def test_who_may_see_the_school_overview(client, world, marks_world, sign_in, december, persona, status):
    user = world.users[persona.removesuffix("_own_school").removesuffix("_other_school")]
    if persona.startswith("school_user"):
        user.school = marks_world.aspull if persona.endswith("own_school") else marks_world.beech_hill
        user.save(update_fields=["school"])
    sign_in(user)
    response = client.get(f"/attendance/schools/{marks_world.aspull.urn}/")
    assert response.status_code == status
    html = response.content.decode()
    if status == 200:
        assert "Aspull Academy" in html
        assert "18.6%" in html
    else:
        assert "18.6%" not in html


def test_a_refusal_is_audited(world, marks_world):
    with pytest.raises(GateDenied):
        _overview(world, marks_world, persona="dudley_caseworker")
    assert AuditEntry.objects.filter(
        object_type="attendance school overview", actor=world.users["dudley_caseworker"], decision="denied"
    ).exists()


def test_the_page_draws_the_chart_without_script_and_with_a_table_for_screen_readers(
    client, world, marks_world, sign_in, december
):
    sign_in(world.users["team_colleague"])
    html = client.get(f"/attendance/schools/{marks_world.aspull.urn}/").content.decode()
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert chart.count("<rect") == 10
    assert "style=" not in chart
    assert '<td class="govuk-table__cell">1 September 2025</td>' in html
    assert "govuk-visually-hidden" in html


def test_an_unknown_school_is_not_found(client, world, marks_world, sign_in, december):
    sign_in(world.users["team_colleague"])
    assert client.get("/attendance/schools/000000/").status_code == 404
