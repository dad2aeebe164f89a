"""Reading attendance: stored marks as a Polars frame, and the officer's and school's pages, each
pupil passing the gate (ARCHITECTURE.md, "One gate for every touch of personal data")."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NoReturn

import polars as pl
from django.db.models import QuerySet

from tutela.accounts.models import User
from tutela.attendance.calendars import calendar_for, school_days
from tutela.attendance.categories import ATTENDANCE as ATTENDANCE_KEY
from tutela.attendance.categories import CHILD_NAME
from tutela.attendance.measures import attendance_flags
from tutela.attendance.models import AttendanceYear, MarkChange
from tutela.attendance.overview import (
    Figures,
    KeyRow,
    Month,
    TrendChart,
    WeekRate,
    academic_year_end,
    code_key,
    figures_by_school,
    figures_of,
    month_grid,
    percent,
    pupil_measures,
    trend_chart,
    week_rates,
    weekly_absence,
)
from tutela.attendance.packing import academic_year_of, unpack
from tutela.audit.services import audit_record
from tutela.casework.models import Case
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, Decision, Touch, decide_groups
from tutela.people.models import Person, School
from tutela.register.api import register
from tutela.register.schema import LawfulBasis

ATTENDANCE = (ATTENDANCE_KEY,)
NAMED_ATTENDANCE = (CHILD_NAME, ATTENDANCE_KEY)


def marks_of(years: "QuerySet[AttendanceYear]") -> pl.DataFrame:
    """The stored marks of these pupil-years, one row per mark: upn, school_urn, date, session, code."""
    stored = years.values_list("person__upn", "school__urn", "academic_year", "marks")
    return unpack([(upn or "", urn, year, marks) for upn, urn, year, marks in stored.iterator(chunk_size=2000)])


def stored_marks() -> pl.LazyFrame:
    """Every stored mark: upn, school_urn, date, session, code."""
    return marks_of(AttendanceYear.objects.all()).lazy()


@dataclass(frozen=True)
class WorklistRow:
    person: Person
    school_urn: str
    window_start: date
    window_end: date
    unauthorised: int


def threshold_worklist_services(*, actor: User) -> list[str]:
    """The services of the actor's teams with a threshold worklist: those of a local authority (the
    worklist is of its schools' pupils) with a live purpose covering a child's name and attendance."""
    controller = actor.controller
    if controller is None or not controller.la_code:
        return []
    services = {team.service for team in actor.teams.all() if team.service}
    return sorted(s for s in services if _named_attendance_purpose(controller=controller.slug, service=s))


def threshold_worklist(*, actor: User, service: str, as_of: date) -> list[WorklistRow]:
    """Pupils at the actor's LA's schools who meet the penalty-notice threshold and have no open case
    in this service: suggestions for a person's decision, never an action.

    Only for an actor whose team delivers the service; each pupil passes the gate (read, under the
    service's purpose that covers attendance), and the page is audited as one batch.
    """
    _require_known_service(service)
    controller = actor.controller
    if controller is None or not controller.la_code or not actor.teams.filter(service=service).exists():
        return []
    purpose = _named_attendance_purpose(controller=controller.slug, service=service)
    if purpose is None:
        return []
    people, candidates = _threshold_candidates(la_code=controller.la_code, service=service, as_of=as_of)
    if not candidates:
        return []
    touches = [
        (
            Touch(
                subject=people[row["upn"]],
                controller=controller.slug,
                service=service,
                purpose=purpose,
                categories=NAMED_ATTENDANCE,
                object_type="attendance.worklist",
                object_id=row["upn"],
            ),
            [row["upn"]],
        )
        for row in candidates
    ]
    decisions = decide_groups(actor=actor, action=Action.READ, groups=touches, summary="attendance threshold worklist")
    return [
        WorklistRow(
            people[row["upn"]],
            row["school_urn"],
            row["pn_window_start"],
            row["pn_window_end"],
            int(row["unauthorised_absence"]),
        )
        for row, decision in zip(candidates, decisions, strict=True)
        if decision.allowed
    ]


def _require_known_service(service: str) -> None:
    """An unknown service is a LookupError (the view's 404), not an empty list, so that a mistyped
    address does not look like a service with nobody over the threshold."""
    if not any(service in {s.key for s in held.services} for held in register().registers.values()):
        raise LookupError(f"no register has a service '{service}'")  # no such worklist: a 404


def _named_attendance_purpose(*, controller: str, service: str) -> str | None:
    """The key of the service's live purpose that covers a child's name with their attendance, or None
    when it has none (then there is no worklist to show)."""
    return next(
        (
            p.key
            for p in register().service(controller, service).purposes
            if set(NAMED_ATTENDANCE) <= set(p.categories) and not p.retired
        ),
        None,
    )


def _threshold_candidates(
    *, la_code: str, service: str, as_of: date
) -> tuple[dict[str | None, Person], list[dict[str, Any]]]:
    """The LA's pupils over the penalty-notice threshold who have no open case in this service, as
    measured rows, with the people they name by UPN.

    This reads marks before the gate on purpose: only the measure decides who is a candidate, and each
    candidate then passes the gate before anything about them reaches the page.
    """
    urns = list(School.objects.filter(la_code=la_code).values_list("urn", flat=True))
    flags = attendance_flags(stored_marks().filter(pl.col("school_urn").is_in(urns)), as_of=as_of)
    met = flags.filter(pl.col("pn_threshold_met")).unique(subset="upn", keep="last")
    if met.is_empty():
        return {}, []
    people = {p.upn: p for p in Person.objects.filter(upn__in=met["upn"].to_list())}
    open_cases = set(
        Case.objects.filter(child__in=people.values(), service=service, closed_at__isnull=True).values_list(
            "child_id", flat=True
        )
    )
    candidates = [
        row for row in met.iter_rows(named=True) if row["upn"] in people and people[row["upn"]].pk not in open_cases
    ]
    return people, candidates


# --- Who may see attendance, and under which purpose ----------------------------------------


@dataclass(frozen=True)
class AttendanceReach:
    """Where an actor may look at attendance, and the registered purpose they look under.

    An LA officer: the schools of their LA, under a purpose of a service their team delivers.
    A school user: their own school only, whose marks the school itself submitted.
    """

    controller: str
    service: str
    purpose: str
    la_code: str = ""
    school_id: int | None = None

    def covers(self, school: School) -> bool:
        return school.pk == self.school_id or (bool(self.la_code) and school.la_code == self.la_code)

    def touch(self, person: Person, categories: tuple[str, ...], *, school_id: int | None, object_id: str) -> Touch:
        return Touch(
            subject=person,
            controller=self.controller,
            service=self.service,
            purpose=self.purpose,
            categories=categories,
            source_school_id=school_id,
            object_type="attendance",
            object_id=object_id,
        )


def _purpose_for(controller: str, services: Sequence[str], categories: tuple[str, ...]) -> tuple[str, str] | None:
    """The first live purpose, in register order, that may touch these categories about a child
    without resting on consent (a page view is no occasion to ask for it)."""
    registers = register()
    for key in services:
        try:
            service = registers.service(controller, key)
        except LookupError:
            continue
        for purpose in service.purposes:
            if (
                not purpose.retired
                and purpose.lawful_basis != LawfulBasis.CONSENT
                and "child" in purpose.data_subjects
                and set(categories) <= set(purpose.categories)
            ):
                return service.key, purpose.key
    return None


def attendance_reach(*, actor: User, categories: tuple[str, ...] = ATTENDANCE) -> AttendanceReach | None:
    controller = actor.controller
    if controller is None:
        return None
    services = sorted(set(actor.teams.exclude(service="").values_list("service", flat=True)))
    if actor.school_id is not None:
        # A school user is in no team: any service of their controller whose purpose covers the data.
        if not services:
            try:
                services = [service.key for service in register().controller(controller.slug).services]
            except LookupError:
                return None
        found = _purpose_for(controller.slug, services, categories)
        return AttendanceReach(controller.slug, *found, school_id=actor.school_id) if found else None
    if not controller.la_code:
        return None
    found = _purpose_for(controller.slug, services, categories)
    return AttendanceReach(controller.slug, *found, la_code=controller.la_code) if found else None


def _refuse(actor: User, object_type: str, object_id: str | int, reason: str, subject_id: str | int = "") -> NoReturn:
    audit_record(
        actor=actor,
        action="read",
        object_type=object_type,
        object_id=object_id,
        subject_id=subject_id,
        decision="denied",
        reason=reason,
    )
    raise GateDenied(Decision(False, (reason,)))


def _allowed(
    actor: User, reach: AttendanceReach, people: list[Person], *, school: School | None, summary: str
) -> list[Person]:
    """The pupils whose attendance the gate lets the actor use, decided and audited as one batch."""
    ids = [f"{school.urn}/{person.upn}" if school else str(person.upn) for person in people]
    touches = [
        (reach.touch(person, ATTENDANCE, school_id=school.pk if school else None, object_id=oid), [oid])
        for person, oid in zip(people, ids, strict=True)
    ]
    decisions = decide_groups(actor=actor, action=Action.READ, groups=touches, summary=summary)
    return [person for person, decision in zip(people, decisions, strict=True) if decision.allowed]


# --- The school and LA overviews: aggregates only ---------------------------------------------


@dataclass(frozen=True)
class Overview:
    """A school's or an LA's year to date: figures, the absence rate per school week and its chart."""

    name: str
    academic_year: int
    as_of: date
    figures: Figures
    weeks: list[WeekRate]
    chart: TrendChart
    left_out: int
    schools: list[tuple[School, Figures | None]]


def _pupils_marked(year: int, **where: object) -> list[Person]:
    filters = {f"attendance_years__{key}": value for key, value in where.items()}
    return list(Person.objects.filter(attendance_years__academic_year=year, **filters).distinct())


def _year_marks(people: list[Person], year: int) -> pl.DataFrame:
    """Every mark of these pupils in the year, at any school: the threshold counts across schools."""
    return marks_of(AttendanceYear.objects.filter(person__in=[p.pk for p in people], academic_year=year))


def school_overview(*, actor: User, urn: str, as_of: date) -> Overview:
    """A school's attendance this school year, for its own users and for officers of its LA whose
    service processes attendance. Counts are shown as they are: every viewer may see the records
    behind them (each pupil passes the gate), so no small-number suppression is applied."""
    school = School.objects.get(urn=urn)
    reach = attendance_reach(actor=actor)
    if reach is None or not reach.covers(school):
        _refuse(actor, "attendance school overview", urn, "no attendance role for this school")
    year = academic_year_of(as_of)
    people = _pupils_marked(year, school=school)
    allowed = _allowed(actor, reach, people, school=school, summary="attendance school overview")
    if people and not allowed:
        _refuse(actor, "attendance school overview", urn, "the gate allowed none of the school's pupils")
    marks = _year_marks(allowed, year)
    flags = attendance_flags(marks.lazy(), as_of=as_of).filter(pl.col("school_urn") == urn)
    weeks = week_rates(weekly_absence(marks.lazy().filter(pl.col("school_urn") == urn), as_of=as_of))
    return Overview(
        school.name, year, as_of, figures_of(flags), weeks, trend_chart(weeks), len(people) - len(allowed), []
    )


def la_overview(*, actor: User, as_of: date) -> Overview:
    """The attendance of all the LA's schools this school year, with a row per school, for officers
    of a service that processes attendance. A pupil who changed school counts once in the LA's figures."""
    reach = attendance_reach(actor=actor)
    if reach is None or not reach.la_code or actor.controller is None:
        _refuse(actor, "attendance la overview", "", "no attendance role in a local authority")
    year = academic_year_of(as_of)
    schools = list(School.objects.filter(la_code=reach.la_code).order_by("name"))
    people = _pupils_marked(year, school__la_code=reach.la_code)
    allowed = _allowed(actor, reach, people, school=None, summary="attendance la overview")
    if people and not allowed:
        _refuse(actor, "attendance la overview", reach.la_code, "the gate allowed none of the LA's pupils")
    marks = _year_marks(allowed, year)
    urns = [school.urn for school in schools]
    flags = attendance_flags(marks.lazy(), as_of=as_of).filter(pl.col("school_urn").is_in(urns))
    weeks = week_rates(weekly_absence(marks.lazy().filter(pl.col("school_urn").is_in(urns)), as_of=as_of))
    by_school = figures_by_school(flags)
    return Overview(
        actor.controller.name,
        year,
        as_of,
        figures_of(pupil_measures(flags)),
        weeks,
        trend_chart(weeks),
        len(people) - len(allowed),
        [(school, by_school.get(school.urn)) for school in schools],
    )


# --- One pupil's year -------------------------------------------------------------------------


@dataclass(frozen=True)
class EnrolmentYear:
    """A pupil's marks and measures at one school for the year."""

    school: School
    months: list[Month]
    possible: int
    attended: int
    authorised: int
    unauthorised: int
    persistent: bool
    severe: bool

    @property
    def absence_rate(self) -> str:
        return percent(self.authorised + self.unauthorised, self.possible)

    @property
    def attended_rate(self) -> str:
        return percent(self.attended, self.possible)


@dataclass(frozen=True)
class PupilCalendar:
    person: Person
    academic_year: int
    as_of: date
    enrolments: list[EnrolmentYear]
    threshold_window: tuple[date, date] | None
    changes: list[MarkChange]
    key: list[KeyRow]
    years: list[int]


def _enrolment(year: AttendanceYear, marks: pl.DataFrame, flags: pl.DataFrame, until: date) -> EnrolmentYear:
    school = year.school
    own = marks.filter(pl.col("school_urn") == school.urn)
    calendar = calendar_for(school=school, academic_year=year.academic_year)
    months = month_grid(
        marks=own,
        academic_year=year.academic_year,
        until=until,
        school_days=school_days(calendar=calendar) if calendar else None,
    )
    found = flags.filter(pl.col("school_urn") == school.urn)
    row = found.row(0, named=True) if found.height else {}
    return EnrolmentYear(
        school,
        months,
        int(row.get("possible_sessions", 0)),
        int(row.get("attended_sessions", 0)),
        int(row.get("authorised_absence", 0)),
        int(row.get("unauthorised_absence", 0)),
        bool(row.get("persistent_absence", False)),
        bool(row.get("severe_absence", False)),
    )


def _covered_schools(person: Person, reach: AttendanceReach, rows: list[AttendanceYear], year: int) -> list[School]:
    """The schools to ask the gate about: where the pupil has marks this year that the actor works with;
    failing those, the actor's schools the pupil has marks at in other years, or attends now."""
    this_year = [row.school for row in rows if row.academic_year == year]
    others = [row.school for row in rows] + ([person.school] if person.school and reach.covers(person.school) else [])
    return list({school.pk: school for school in this_year or others}.values())


def pupil_calendar(*, actor: User, person_id: int, academic_year: int, today: date) -> PupilCalendar:
    """A pupil's marks for one school year, month by month, with their measures at each school and the
    history of changed marks. Only schools the actor works with, and only if the gate allows the read.

    Raises Person.DoesNotExist for no such person, LookupError for a year outside the records, and
    GateDenied (already audited) when the actor may not see this pupil's attendance.
    """
    person = Person.objects.select_related("school").get(pk=person_id)
    if not 2000 <= academic_year <= academic_year_of(today):
        raise LookupError(f"no school year {academic_year}")
    reach = attendance_reach(actor=actor, categories=NAMED_ATTENDANCE)
    object_id = f"{person.pk}/{academic_year}"
    if reach is None:
        _refuse(actor, "attendance calendar", object_id, "no attendance role", person.pk)
    rows = [
        row
        for row in AttendanceYear.objects.filter(person=person).select_related("school").order_by("academic_year")
        if reach.covers(row.school)
    ]
    schools = _covered_schools(person, reach, rows, academic_year)
    if not schools:
        _refuse(actor, "attendance calendar", object_id, "not a pupil at a school you work with", person.pk)
    groups = [
        (reach.touch(person, NAMED_ATTENDANCE, school_id=s.pk, object_id=object_id), [f"{s.urn}/{object_id}"])
        for s in schools
    ]
    decisions = decide_groups(actor=actor, action=Action.READ, groups=groups, summary="attendance calendar")
    allowed = {school.pk for school, decision in zip(schools, decisions, strict=True) if decision.allowed}
    if not allowed:
        raise GateDenied(decisions[0])
    shown = [row for row in rows if row.academic_year == academic_year and row.school_id in allowed]
    until = min(today, academic_year_end(academic_year))
    marks = marks_of(AttendanceYear.objects.filter(pk__in=[row.pk for row in shown]))
    flags = attendance_flags(marks.lazy(), as_of=until)
    window = flags.filter(pl.col("pn_threshold_met")).select("pn_window_start", "pn_window_end").head(1).rows()
    changes = MarkChange.objects.filter(
        person=person,
        school__in=[row.school_id for row in shown],
        date__range=(date(academic_year, 9, 1), academic_year_end(academic_year)),
    ).select_related("batch", "batch__imported_by", "school")
    return PupilCalendar(
        person,
        academic_year,
        until,
        [_enrolment(row, marks, flags, until) for row in shown],
        window[0] if window else None,
        list(changes.order_by("-batch__imported_at", "date", "session")),
        code_key(),
        sorted({row.academic_year for row in rows if row.school_id in allowed} | {academic_year}),
    )


# --- Where to go -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendancePages:
    la_name: str
    school: School | None
    worklist_services: list[tuple[str, str]]


def attendance_pages(*, actor: User) -> AttendancePages:
    """Which attendance pages the actor has: their LA's overview, their school's, their services' worklists."""
    reach = attendance_reach(actor=actor)
    la_name = actor.controller.name if reach and reach.la_code and actor.controller else ""
    school = School.objects.get(pk=reach.school_id) if reach and reach.school_id else None
    services: list[tuple[str, str]] = []
    if la_name and actor.controller is not None:
        slugs = sorted(set(actor.teams.exclude(service="").values_list("service", flat=True)))
        for slug in slugs:
            try:
                services.append((slug, register().service(actor.controller.slug, slug).name))
            except LookupError:
                continue
    return AttendancePages(la_name, school, services)
