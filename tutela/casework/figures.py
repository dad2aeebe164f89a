"""A service's figures for its managers, and the list of cases behind each of them.

Every number a manager sees links to the cases it counts: the figure and its list are one
``CaseFilter`` (``tutela.casework.case_filters``), counted here with the filter's ``q()`` and listed
by ``service_cases`` with the same ``q()``. The list reads each case through the gate (one batch,
one audit entry naming every child); a case the gate refuses is counted as withheld, never shown.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Min, QuerySet
from django.urls import reverse
from django.utils import timezone

from tutela.accounts.models import Team, User
from tutela.casework.case_filters import NOT_STARTED, CaseFilter, cases_url, since
from tutela.casework.dashboards import (
    CaseRow,
    case_rows,
    cases_readable,
    service_name,
    stage_name,
    stages_in_order,
    standing,
)
from tutela.casework.models import Case, CaseFlag, CaseTask, Referral
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Decision
from tutela.register.api import register

FIGURES_PERIOD_DAYS = 30
LIST_LIMIT = 200  # a list longer than this is narrowed by its filters, not scrolled


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class ServiceFigures:
    service: str
    service_name: str
    open_cases: Figure
    opened: Figure
    closed: Figure
    referrals_waiting: Figure
    oldest_waiting_days: int | None
    overdue_tasks: Figure
    open_flags: Figure
    by_stage: list[Figure]
    caseload: list[Figure]

    @property
    def headline(self) -> list[Figure]:
        return [
            self.open_cases,
            self.opened,
            self.closed,
            self.referrals_waiting,
            self.overdue_tasks,
            self.open_flags,
        ]


def refused(reason: str) -> GateDenied:
    return GateDenied(Decision(False, (reason,)))


def service_known(service: str) -> bool:
    """Whether any controller's register has the service (an unknown one is a 404)."""
    return any(found.key == service for entry in register().registers.values() for found in entry.services)


def _controller_slug(actor: User) -> str:
    return actor.controller.slug if actor.controller is not None else ""


def service_controller(*, actor: User, service: str, manager: bool = False) -> int:
    """The actor's controller, where they work in a team delivering the service (or manage it);
    refused otherwise."""
    where = standing(actor=actor)
    if service not in (where.manages if manager else where.services) or actor.controller_id is None:
        raise refused(
            "the figures of a service are for its managers"
            if manager
            else "a service's cases are for the teams that deliver it"
        )
    return actor.controller_id


def service_figures(*, actor: User, service: str, today: date) -> ServiceFigures:
    """The service's figures for a manager of it (refused to anyone else): open cases, opened and
    closed in the last 30 days, referrals waiting and the oldest one's age, overdue tasks, open
    flags, open cases by stage and by worker. Counts only: they name nobody."""
    controller_id = service_controller(actor=actor, service=service, manager=True)
    cases = Case.objects.filter(controller_id=controller_id, service=service)

    def url(case_filter: CaseFilter) -> str:
        return cases_url(service=service, case_filter=case_filter)

    filters = {
        "open_cases": ("Open cases", CaseFilter()),
        "opened": (
            f"Opened in the last {FIGURES_PERIOD_DAYS} days",
            CaseFilter(opened=FIGURES_PERIOD_DAYS, status="all"),
        ),
        "closed": (
            f"Closed in the last {FIGURES_PERIOD_DAYS} days",
            CaseFilter(closed=FIGURES_PERIOD_DAYS, status="closed"),
        ),
    }
    counts = cases.aggregate(**{key: Count("pk", filter=f.q(today)) for key, (_label, f) in filters.items()})
    figures = {key: Figure(label, counts[key], url(f)) for key, (label, f) in filters.items()}
    open_cases = cases.filter(closed_at__isnull=True)
    overdue = CaseTask.objects.filter(case__in=open_cases, done_at__isnull=True, due_on__lt=today).count()
    flags = CaseFlag.objects.filter(case__in=open_cases, resolved_at__isnull=True).count()
    waiting = Referral.objects.filter(
        controller_id=controller_id, service=service, status=Referral.Status.SUBMITTED
    ).aggregate(n=Count("pk"), oldest=Min("submitted_at"))
    board = reverse("casework:service", kwargs={"service": service}) + "#referrals-waiting"
    return ServiceFigures(
        service=service,
        service_name=service_name(controller=_controller_slug(actor), service=service),
        open_cases=figures["open_cases"],
        opened=figures["opened"],
        closed=figures["closed"],
        referrals_waiting=Figure("Referrals waiting", waiting["n"], board),
        oldest_waiting_days=(today - timezone.localdate(waiting["oldest"])).days if waiting["oldest"] else None,
        overdue_tasks=Figure("Overdue tasks", overdue, url(CaseFilter(overdue=True))),
        open_flags=Figure("Open flags", flags, url(CaseFilter(flagged=True))),
        by_stage=_by_stage(open_cases, service),
        caseload=_caseload(open_cases, service),
    )


def _by_stage(open_cases: QuerySet[Case], service: str) -> list[Figure]:
    counts = {row["stage"]: row["n"] for row in open_cases.values("stage").annotate(n=Count("pk")).order_by()}
    return [
        Figure(
            stage_name(service=service, stage=key),
            counts[key],
            cases_url(service=service, case_filter=CaseFilter(stage=key or NOT_STARTED)),
        )
        for key in stages_in_order(service, counts)
    ]


def _caseload(open_cases: QuerySet[Case], service: str) -> list[Figure]:
    """Open cases by worker, the busiest first; the unallocated last."""
    rows = open_cases.values("allocated_worker", "allocated_worker__first_name", "allocated_worker__last_name")
    ordered = sorted(
        rows.annotate(n=Count("pk")).order_by(),
        key=lambda row: (row["allocated_worker"] is None, -row["n"], row["allocated_worker__last_name"] or ""),
    )
    figures = []
    for row in ordered:
        worker = row["allocated_worker"]
        name = f"{row['allocated_worker__first_name']} {row['allocated_worker__last_name']}".strip()
        label = (name or "A worker with no name") if worker else "Unallocated"
        case_filter = CaseFilter(worker=worker or 0)
        figures.append(Figure(label, row["n"], cases_url(service=service, case_filter=case_filter)))
    return figures


@dataclass(frozen=True)
class CaseList:
    service: str
    service_name: str
    rows: list[CaseRow]
    counted: int  # every case the filter finds, shown or not
    withheld: int  # found, but refused by the gate (restricted, objected to)
    truncated: bool


def service_cases(*, actor: User, service: str, case_filter: CaseFilter, today: date) -> CaseList:
    """The service's cases the filter finds, for a member of a team delivering it (their teams'
    cases) or a manager of it (every case of the service); each read through the gate."""
    controller_id = service_controller(actor=actor, service=service)
    found = Case.objects.filter(case_filter.q(today), controller_id=controller_id, service=service)
    if service not in standing(actor=actor).manages:
        found = found.filter(owning_team__in=actor.teams.all())
    found = found.select_related("child", "controller", "allocated_worker").order_by("opened_at", "pk")
    cases = list(found[: LIST_LIMIT + 1])
    truncated = len(cases) > LIST_LIMIT
    cases = cases[:LIST_LIMIT]
    readable = cases_readable(actor=actor, cases=cases, summary="service cases") if cases else set()
    shown = [case for case in cases if case.pk in readable]
    return CaseList(
        service=service,
        service_name=service_name(controller=_controller_slug(actor), service=service),
        rows=case_rows(shown, today=today),
        counted=found.count() if truncated else len(cases),
        withheld=len(cases) - len(shown),
        truncated=truncated,
    )


def filter_description(*, case_filter: CaseFilter, service: str, controller_id: int, today: date) -> str:
    """The filter in words, as the list's heading: "Open cases at the stage Assessment, with overdue tasks"."""
    status = {"open": "Open cases", "closed": "Closed cases", "all": "Cases"}[case_filter.status]
    parts = [status]
    if case_filter.stage is not None:
        stage = "" if case_filter.stage == NOT_STARTED else case_filter.stage
        parts.append(f"at the stage {stage_name(service=service, stage=stage)}")
    if case_filter.team is not None:
        team = Team.objects.filter(pk=case_filter.team, controller_id=controller_id).first()
        parts.append(f"of the team {team.name}" if team else "of a team")
    if case_filter.worker == 0:
        parts.append("allocated to nobody")
    elif case_filter.worker is not None:
        worker = User.objects.filter(pk=case_filter.worker, controller_id=controller_id).first()
        parts.append(f"allocated to {worker}" if worker else "allocated to a worker")
    if case_filter.overdue:
        parts.append("with overdue tasks")
    if case_filter.flagged:
        parts.append("with open flags")
    for days, verb in ((case_filter.opened, "opened"), (case_filter.closed, "closed")):
        if days is not None:
            parts.append(f"{verb} since {since(today, days):%-d %B %Y}")
    return " ".join([parts[0], ", ".join(parts[1:])]).strip()
