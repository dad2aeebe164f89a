"""Reading enforcement work: a pupil's attendance for a referral or notice, a case's clocks, the
officer's and the manager's dashboards, and the regulation 20 records."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl
from django.db.models import Count, Q, prefetch_related_objects
from django.utils import timezone

from tutela.accounts.models import Controller, User
from tutela.attendance.calendars import calendar_for, school_days
from tutela.attendance.codes import DEFAULT_CLASSES
from tutela.attendance.measures import attendance_flags
from tutela.attendance.models import AttendanceYear
from tutela.attendance.packing import academic_year_of
from tutela.attendance.selectors import marks_of
from tutela.casework.access import case_read_touch
from tutela.casework.models import Case, CaseTask, Referral
from tutela.enforcement import rules
from tutela.enforcement.models import PenaltyNotice, Prosecution, StepEntry
from tutela.governance.gate import Action, actor_context, decide_many
from tutela.lib.csvfiles import frame_csv
from tutela.lib.dates import add_years
from tutela.people.models import Person
from tutela.records.models import Record


def pupil_marks(*, person: Person) -> pl.DataFrame:
    """Every stored mark of one pupil, at every school: upn, school_urn, date, session, code."""
    return marks_of(AttendanceYear.objects.filter(person=person))


def pupil_attendance(*, person: Person, as_of: date) -> tuple[dict[str, Any], str]:
    """The pupil's measures across their schools up to the day, and their marks as CSV."""
    marks = pupil_marks(person=person).filter(pl.col("date") <= as_of).sort("date", "session")
    flags = attendance_flags(marks.lazy(), as_of=as_of)
    totals = {
        name: int(flags[name].sum())
        for name in ("possible_sessions", "attended_sessions", "authorised_absence", "unauthorised_absence")
    }
    absent = totals["authorised_absence"] + totals["unauthorised_absence"]
    possible = totals["possible_sessions"]
    met = flags.filter(pl.col("pn_threshold_met"))
    summary: dict[str, Any] = {
        **totals,
        "absence_rate": round(absent * 100 / possible, 1) if possible else 0.0,
        "first_mark": marks["date"].min() if marks.height else None,
        "last_mark": marks["date"].max() if marks.height else None,
        "pn_window_start": met["pn_window_start"][0] if met.height else None,
        "pn_window_end": met["pn_window_end"][0] if met.height else None,
        "as_of": as_of,
    }
    return summary, frame_csv(marks)


def unauthorised_between(*, person: Person, start: date, end: date) -> int:
    """Sessions with a penalty-notice code (G, N, O, U by default) in the offence period."""
    marks = pupil_marks(person=person)
    in_period = marks.filter(
        pl.col("date").is_between(start, end), pl.col("code").is_in(sorted(DEFAULT_CLASSES.penalty_notice))
    )
    return in_period.height


def pupil_school_days(*, person: Person, on: date | None = None) -> frozenset[date] | None:
    """The days the pupil's school meets this academic year and next, or None with no calendar."""
    if person.school is None:
        return None
    year = academic_year_of(on or timezone.localdate())
    found = [calendar_for(school=person.school, academic_year=y) for y in (year, year + 1)]
    calendars = [c for c in found if c is not None]
    return frozenset().union(*(school_days(calendar=c) for c in calendars)) if calendars else None


@dataclass(frozen=True)
class CaseClock:
    name: str
    due_on: date
    state: str  # "in time", "warning", "partly out of time", "out of time", "passed"
    detail: str = ""


# What the clocks read of a case: fetched for a whole dashboard of cases at once.
CLOCK_PREFETCH = ("penalty_notices__payments", "penalty_notices__prosecutions", "prosecutions", "steps")
NOTICE_PREFETCH = ("payments", "prosecutions")


def case_clocks(*, case: Case, today: date | None = None, prefetched: bool = False) -> list[CaseClock]:
    """Every legal clock on the case: s127 for each offence period (from its notices and
    prosecutions), payment periods of live notices, and the steps' own clocks."""
    from tutela.enforcement.stages import STEPS_BY_KEY

    today = today or timezone.localdate()
    clocks: list[CaseClock] = []
    # A dashboard fetches what the clocks read for all its cases at once (CLOCK_PREFETCH).
    fetched = case.penalty_notices.all() if prefetched else case.penalty_notices.prefetch_related(*NOTICE_PREFETCH)
    notices = [(n, notice_state(n, today)) for n in fetched]
    prosecutions = list(case.prosecutions.all())
    # A paid notice discharges liability for its period: no clock for it (unless a prosecution runs).
    periods = {(n.offence_start, n.offence_end) for n, state in notices if state != rules.PaymentState.PAID}
    periods |= {(p.offence_start, p.offence_end) for p in prosecutions if p.information_laid_on is None}
    laid = {(p.offence_start, p.offence_end) for p in prosecutions if p.information_laid_on is not None}
    for start, end in sorted(periods - laid):
        clock = rules.offence_clock(period_start=start, period_end=end)
        clocks.append(
            CaseClock(
                f"Last day to lay an information for {start:%-d %B %Y} to {end:%-d %B %Y} (s127)",
                clock.whole_period_by,
                clock.state_on(today),
                f"Every day of the period is in time until {clock.whole_period_by:%-d %B %Y}; "
                f"the last day of it until {clock.any_part_by:%-d %B %Y}",
            )
        )
    for notice, payment in notices:
        if payment in (rules.PaymentState.AWAITING, rules.PaymentState.PART_PAID):
            if notice.discount_until and today <= notice.discount_until:
                clocks.append(CaseClock(f"{notice.reference}: £80 if paid by", notice.discount_until, "in time"))
            clocks.append(CaseClock(f"{notice.reference}: £160 payment period ends", notice.pay_by, "in time"))
        elif payment == rules.PaymentState.UNPAID and not notice.prosecutions.all():
            clocks.append(CaseClock(f"{notice.reference}: unpaid, decide on prosecution", notice.pay_by, "passed"))
    school_days: dict[int, frozenset[date] | None] = {}  # by academic year: one calendar lookup each
    for entry in case.steps.all():
        step = STEPS_BY_KEY.get(entry.step)
        if step is None:
            continue
        data = {k: date.fromisoformat(v) if isinstance(v, str) and _is_date(v) else v for k, v in entry.data.items()}
        year = academic_year_of(entry.happened_on)
        if year not in school_days:
            school_days[year] = pupil_school_days(person=case.child, on=entry.happened_on)
        for step_clock in step.clocks(data, school_days[year]):
            state = "passed" if step_clock.due_on < today else "in time"
            clocks.append(CaseClock(step_clock.name, step_clock.due_on, state, step_clock.detail))
    return sorted(clocks, key=lambda c: c.due_on)


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


# --- Dashboards --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficerDashboard:
    cases: list[Case]
    overdue: list[CaseTask]
    due_soon: list[CaseTask]
    later: list[CaseTask]
    clocks: list[tuple[Case, CaseClock]]
    referrals_waiting: int


def officer_dashboard(*, actor: User, service: str, today: date | None = None) -> OfficerDashboard:
    """The officer's cases and tasks: every case it names is read through the gate (one audit entry
    for the page), and a case the gate refuses is left out with its tasks and clocks."""
    today = today or timezone.localdate()
    allocated = list(
        Case.objects.filter(allocated_worker=actor, service=service, closed_at__isnull=True).select_related(
            "child__school", "controller"
        )
    )
    tasks = list(
        CaseTask.objects.filter(
            assigned_to=actor, done_at__isnull=True, case__closed_at__isnull=True, case__service=service
        ).select_related("case", "case__child", "case__controller")
    )
    readable = cases_readable(
        actor=actor, cases=[*allocated, *(task.case for task in tasks)], summary="officer dashboard"
    )
    cases = [case for case in allocated if case.pk in readable]
    tasks = [task for task in tasks if task.case_id in readable]
    prefetch_related_objects(cases, *CLOCK_PREFETCH)
    clocks = [
        (case, clock)
        for case in cases
        for clock in case_clocks(case=case, today=today, prefetched=True)
        if clock.state in ("warning", "partly out of time")
        or (clock.state == "in time" and clock.due_on <= add_years(today, 1))
    ]
    waiting = (
        Referral.objects.filter(
            controller=actor.controller_id, service=service, status=Referral.Status.SUBMITTED
        ).count()
        if actor.teams.filter(service=service).exists()
        else 0
    )
    return OfficerDashboard(
        cases=cases,
        overdue=[t for t in tasks if t.due_on < today],
        due_soon=[t for t in tasks if t.warn_on <= today <= t.due_on],
        later=[t for t in tasks if t.warn_on > today],
        clocks=sorted(clocks, key=lambda pair: pair[1].due_on)[:30],
        referrals_waiting=waiting,
    )


def cases_readable(*, actor: User, cases: list[Case], summary: str) -> set[int]:
    """The ids of the cases the gate lets the actor read, decided together with one audit entry."""
    distinct = list({case.pk: case for case in cases}.values())
    decisions = decide_many(
        actor=actor, action=Action.READ, touches=[case_read_touch(case) for case in distinct], summary=summary
    )
    return {case.pk for case, decision in zip(distinct, decisions, strict=True) if decision.allowed}


@dataclass(frozen=True)
class ManagerDashboard:
    caseload: list[tuple[str, int]]
    by_stage: list[tuple[str, int, int]]  # stage, open, closed
    notices: dict[str, int]
    prosecutions: dict[str, int]
    referrals: dict[str, int]


def manager_dashboard(*, controller: Controller, service: str, today: date | None = None) -> ManagerDashboard:
    """Counts only, for managers: caseload by officer, cases by stage, notices and prosecutions by outcome."""
    from tutela.enforcement.stages import STAGE_NAMES

    today = today or timezone.localdate()
    cases = Case.objects.filter(controller=controller, service=service)
    caseload = [
        (
            row["allocated_worker__first_name"] + " " + row["allocated_worker__last_name"]
            if row["allocated_worker"]
            else "Unallocated",
            row["n"],
        )
        for row in cases.filter(closed_at__isnull=True)
        .values("allocated_worker", "allocated_worker__first_name", "allocated_worker__last_name")
        .annotate(n=Count("pk"))
        .order_by("-n")
    ]
    stages = cases.values("stage").annotate(
        open=Count("pk", filter=Q(closed_at__isnull=True)), closed=Count("pk", filter=Q(closed_at__isnull=False))
    )
    by_stage = [
        (STAGE_NAMES.get(row["stage"], row["stage"] or "Not started"), row["open"], row["closed"]) for row in stages
    ]
    notices = PenaltyNotice.objects.filter(case__controller=controller, case__service=service).prefetch_related(
        "payments", "prosecutions"
    )
    states: Counter[str] = Counter()
    for notice in notices:
        states["issued"] += 1
        state = notice_state(notice, today)
        states[str(state)] += 1
        states["prosecuted"] += bool(notice.prosecutions.all())
    prosecutions: Counter[str] = Counter()
    for outcome in Prosecution.objects.filter(case__controller=controller, case__service=service).values_list(
        "outcome", flat=True
    ):
        prosecutions[Prosecution.Outcome(outcome).label] += 1
    referrals = Counter(
        Referral.Status(s).label
        for s in Referral.objects.filter(controller=controller, service=service).values_list("status", flat=True)
    )
    return ManagerDashboard(caseload, sorted(by_stage), dict(states), dict(prosecutions), dict(referrals))


# --- Regulation 20 ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Reg20Row:
    notice: PenaltyNotice
    state: str
    payments: list[tuple[date, int, str]]
    prosecution: str


def _prosecuted_for(prosecution: Prosecution, notice: PenaltyNotice) -> bool:
    """Whether a prosecution answers to the notice: linked to it, or of its recipient for the same
    child over an overlapping offence period."""
    if prosecution.penalty_notice_id == notice.pk:
        return True
    overlaps = prosecution.offence_start <= notice.offence_end and notice.offence_start <= prosecution.offence_end
    return prosecution.defendant_id == notice.parent_id and overlaps


def reg20_rows(*, controller: Controller, service: str, today: date | None = None) -> list[Reg20Row]:
    """What regulation 20 requires the LA to keep for each notice: a copy of it, every payment and its
    date, whether and why it was withdrawn, and whether the recipient was prosecuted, with the outcome."""
    today = today or timezone.localdate()
    notices = (
        PenaltyNotice.objects.filter(case__controller=controller, case__service=service)
        .select_related("parent", "child", "school", "decision__officer")
        .prefetch_related("payments", "prosecutions")
        .order_by("issued_on", "reference")
    )
    case_prosecutions: dict[int, list[Prosecution]] = {}
    for prosecution in Prosecution.objects.filter(case__in={n.case_id for n in notices}):
        case_prosecutions.setdefault(prosecution.case_id, []).append(prosecution)
    rows = []
    for notice in notices:
        prosecutions = [p for p in case_prosecutions.get(notice.case_id, []) if _prosecuted_for(p, notice)]
        rows.append(
            Reg20Row(
                notice,
                str(notice_state(notice, today)),
                [(p.received_on, p.amount_pence, p.get_kind_display()) for p in notice.payments.all()],
                "; ".join(
                    f"{p.reference}: {p.get_offence_display()}, {p.get_outcome_display().lower()}"
                    + (f" on {p.outcome_on:%-d %B %Y}" if p.outcome_on else "")
                    for p in prosecutions
                )
                or "Not prosecuted",
            )
        )
    return rows


def step_entries(*, case: Case) -> list[StepEntry]:
    return list(case.steps.select_related("decision__officer", "concerning", "record"))


def service_standing(*, actor: User, service: str) -> tuple[bool, bool]:
    """(officer, manager): whether the actor works in a team of the service, and holds a service-wide role."""
    context = actor_context(actor, [], timezone.now(), with_grants=False)
    officer = service in context.team_services and context.reads_records and actor.school_id is None
    return officer, officer and context.service_wide


def case_documents(*, case: Case) -> list[Record]:
    """The case's letters and files (the case page is gated before this is called)."""
    return list(Record.objects.filter(case=case, document__isnull=False).select_related("document"))


def notice_terms(notice: PenaltyNotice) -> rules.PenaltyTerms:
    """The notice's amounts and windows, from the day it was received: deemed, or proven later."""
    return rules.penalty_terms(sequence=notice.sequence, received_on=notice.actual_received_on or notice.received_on)


def notice_state(notice: PenaltyNotice, today: date | None = None) -> rules.PaymentState:
    payments = [(p.received_on, p.amount_pence) for p in notice.payments.all()]
    return rules.payment_state(
        terms=notice_terms(notice),
        payments=payments,
        withdrawn=notice.withdrawn_on is not None,
        today=today or timezone.localdate(),
    )


def notice_outstanding(notice: PenaltyNotice, *, on: date, pending: list[tuple[date, int]] | None = None) -> int:
    """Pence still to pay on the notice for a payment received on that day, counting ``pending``
    payments (received on, pence) not yet recorded as already paid."""
    return rules.outstanding_pence(
        terms=notice_terms(notice),
        payments=[(p.received_on, p.amount_pence) for p in notice.payments.all()] + (pending or []),
        withdrawn=notice.withdrawn_on is not None,
        on=on,
    )
