"""Dashboards: each worker's cases and tasks, their teams' caseload and the referrals waiting.

ARCHITECTURE.md, "One gate for every touch of personal data": whatever names a child (a case, a
task on it, a referral) is decided through the gate in one batch before it is shown, and the batch
is one audit entry naming every child decided. A case or referral the gate refuses is left out.
Counts name nobody and are not gated. Each selector costs a fixed handful of queries however many
cases there are.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.utils import timezone

from tutela.accounts.models import Team, User
from tutela.casework import links
from tutela.casework.access import case_read_touch
from tutela.casework.case_filters import NOT_STARTED, CaseFilter, cases_url
from tutela.casework.kit import kit_for
from tutela.casework.models import Case, CaseFlag, CaseTask, Referral
from tutela.governance.gate import Action, actor_context, decide_many
from tutela.register.api import register


def service_name(*, controller: str, service: str) -> str:
    """The register's name for a service (never its key)."""
    try:
        return register().service(controller, service).name
    except LookupError:
        return service.replace("-", " ").capitalize()


def stage_name(*, service: str, stage: str) -> str:
    """The kit's name for a stage; services without a kit yet get the key in words."""
    if not stage:
        return "Not started"
    try:
        return kit_for(service).stage_name(stage)
    except LookupError:
        return stage.replace("-", " ").capitalize()


def stages_in_order(service: str, keys: Iterable[str]) -> list[str]:
    """Stage keys as the kit orders its stages: cases at no stage first, stages the kit does not
    name (yet) last."""
    try:
        order = [stage.key for stage in kit_for(service).stages]
    except LookupError:
        order = []
    return sorted(keys, key=lambda key: (key != "", order.index(key) if key in order else len(order), key))


@dataclass(frozen=True)
class Standing:
    """Where the actor works: the services of their teams (for a role that reads records, never a
    school user), and those of them they manage (a role with service-wide reach, as the gate has it)."""

    services: frozenset[str]
    manages: frozenset[str]


def standing(*, actor: User) -> Standing:
    context = actor_context(actor, [], timezone.now(), with_grants=False)
    if not context.reads_records or actor.school_id is not None or actor.controller_id is None:
        return Standing(frozenset(), frozenset())
    services = frozenset(context.team_services)
    return Standing(services, services if context.service_wide else frozenset())


# --- Rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskRow:
    task_id: int
    title: str
    due_on: date
    state: str  # "overdue", "due soon" or "later"
    case_reference: str
    child_name: str
    case_url: str


@dataclass(frozen=True)
class CaseRow:
    case_id: int
    reference: str
    child_name: str
    service_name: str
    stage_name: str
    url: str
    worker_name: str
    opened_on: date
    closed_on: date | None
    next_task: TaskRow | None
    overdue: tuple[TaskRow, ...]
    flags: tuple[str, ...]


def task_state(task: CaseTask, today: date) -> str:
    if task.due_on < today:
        return "overdue"
    return "due soon" if task.warn_on <= today else "later"


def _task_row(task: CaseTask, case: Case, today: date) -> TaskRow:
    url = links.case_url(service=case.service, case_id=case.pk)
    return TaskRow(task.pk, task.title, task.due_on, task_state(task, today), case.reference, str(case.child), url)


def case_rows(cases: Sequence[Case], *, today: date) -> list[CaseRow]:
    """Rows for cases already read through the gate (child, controller and worker fetched with
    them): their open tasks and open flags in two queries."""
    by_id = {case.pk: case for case in cases}
    tasks: dict[int, list[CaseTask]] = {}
    for task in CaseTask.objects.filter(case_id__in=by_id, done_at__isnull=True).order_by("due_on", "pk"):
        tasks.setdefault(task.case_id, []).append(task)
    flags: dict[int, list[str]] = {}
    for flag in CaseFlag.objects.filter(case_id__in=by_id, resolved_at__isnull=True).order_by("raised_at"):
        flags.setdefault(flag.case_id, []).append(flag.get_kind_display())
    rows = []
    for case in cases:
        open_tasks = [_task_row(task, case, today) for task in tasks.get(case.pk, [])]
        worker = case.allocated_worker
        rows.append(
            CaseRow(
                case_id=case.pk,
                reference=case.reference,
                child_name=str(case.child),
                service_name=service_name(controller=case.controller.slug, service=case.service),
                stage_name=stage_name(service=case.service, stage=case.stage),
                url=links.case_url(service=case.service, case_id=case.pk),
                worker_name=(worker.get_full_name() or worker.username) if worker else "Unallocated",
                opened_on=timezone.localdate(case.opened_at),
                closed_on=timezone.localdate(case.closed_at) if case.closed_at else None,
                next_task=open_tasks[0] if open_tasks else None,
                overdue=tuple(row for row in open_tasks if row.state == "overdue"),
                flags=tuple(flags.get(case.pk, [])),
            )
        )
    return rows


def cases_readable(*, actor: User, cases: Iterable[Case], summary: str) -> set[int]:
    """The ids of the cases the gate lets the actor read: one decision batch, one audit entry."""
    distinct = list({case.pk: case for case in cases}.values())
    touches = [case_read_touch(case) for case in distinct]
    decisions = decide_many(actor=actor, action=Action.READ, touches=touches, summary=summary)
    return {case.pk for case, decision in zip(distinct, decisions, strict=True) if decision.allowed}


# --- My cases and tasks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MyTasks:
    overdue: list[TaskRow]
    due_soon: list[TaskRow]
    later: list[TaskRow]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.later)


@dataclass(frozen=True)
class MyWork:
    cases: list[CaseRow]
    tasks: MyTasks


def _my_open_cases(user: User) -> list[Case]:
    found = Case.objects.filter(allocated_worker=user, closed_at__isnull=True)
    return list(found.select_related("child", "controller", "allocated_worker").order_by("opened_at", "pk"))


def _my_open_tasks(user: User) -> list[CaseTask]:
    found = CaseTask.objects.filter(assigned_to=user, done_at__isnull=True, case__closed_at__isnull=True)
    return list(found.select_related("case__child", "case__controller").order_by("due_on", "pk"))


def _task_lists(tasks: list[CaseTask], readable: set[int], today: date) -> MyTasks:
    rows = [_task_row(task, task.case, today) for task in tasks if task.case_id in readable]
    return MyTasks(
        overdue=[row for row in rows if row.state == "overdue"],
        due_soon=[row for row in rows if row.state == "due soon"],
        later=[row for row in rows if row.state == "later"],
    )


def my_work(*, user: User, today: date) -> MyWork:
    """The user's open cases (oldest first) and their tasks on open cases (overdue first, then due
    soon, then later), decided together: one audit entry for the page."""
    cases, tasks = _my_open_cases(user), _my_open_tasks(user)
    readable = cases_readable(actor=user, cases=[*cases, *(task.case for task in tasks)], summary="my work")
    return MyWork(
        cases=case_rows([case for case in cases if case.pk in readable], today=today),
        tasks=_task_lists(tasks, readable, today),
    )


def my_cases(*, user: User) -> list[CaseRow]:
    """The open cases allocated to the user, oldest first."""
    cases = _my_open_cases(user)
    readable = cases_readable(actor=user, cases=cases, summary="my cases")
    return case_rows([case for case in cases if case.pk in readable], today=timezone.localdate())


def my_tasks(*, user: User, today: date) -> MyTasks:
    """The user's open tasks on open cases: overdue, due soon (from the warning date), later."""
    tasks = _my_open_tasks(user)
    readable = cases_readable(actor=user, cases=[task.case for task in tasks], summary="my tasks")
    return _task_lists(tasks, readable, today)


# --- Teams --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageCount:
    name: str
    count: int
    url: str


@dataclass(frozen=True)
class TeamCaseload:
    team_id: int
    team_name: str
    service: str
    service_name: str
    open_cases: int
    open_url: str
    by_stage: list[StageCount]


def teams_caseload(*, teams: Sequence[Team]) -> list[TeamCaseload]:
    """Each team's open cases by stage (in the kit's order), in one query. Counts name nobody."""
    counts: dict[int, dict[str, int]] = {}
    rows = Case.objects.filter(owning_team__in=teams, closed_at__isnull=True).values("owning_team", "stage")
    for row in rows.annotate(n=Count("pk")).order_by():
        counts.setdefault(row["owning_team"], {})[row["stage"]] = row["n"]
    result = []
    for team in teams:
        if not team.service:
            continue
        stages = counts.get(team.pk, {})
        keys = stages_in_order(team.service, stages)
        by_stage = [
            StageCount(
                stage_name(service=team.service, stage=key),
                stages[key],
                cases_url(service=team.service, case_filter=CaseFilter(team=team.pk, stage=key or NOT_STARTED)),
            )
            for key in keys
        ]
        result.append(
            TeamCaseload(
                team.pk,
                team.name,
                team.service,
                service_name(controller=team.controller.slug, service=team.service),
                sum(stages.values()),
                cases_url(service=team.service, case_filter=CaseFilter(team=team.pk)),
                by_stage,
            )
        )
    return result


def team_caseload(*, team: Team) -> TeamCaseload:
    """One team's open cases by stage (a team that delivers no service has no caseload: LookupError)."""
    found = teams_caseload(teams=[team])
    if not found:
        raise LookupError(f"{team} delivers no service")
    return found[0]


# --- Referrals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralRow:
    referral_id: int
    reference: str
    child_name: str
    service: str
    service_name: str
    form_title: str
    school_name: str
    submitted_on: date
    waiting_days: int
    status: str
    url: str


def _referrer(referral: Referral) -> str:
    """Who sent it: the referring school, else the member of staff who submitted it."""
    if referral.school is not None:
        return referral.school.name
    return referral.submitted_by.get_full_name() or referral.submitted_by.get_username()


def referral_rows(referrals: Iterable[Referral], *, today: date) -> list[ReferralRow]:
    rows = []
    for referral in referrals:
        controller, service = referral.controller.slug, referral.service
        try:
            title = kit_for(service).intake_form(referral.form).title
        except LookupError:
            title = "Referral"
        submitted = timezone.localdate(referral.submitted_at)
        rows.append(
            ReferralRow(
                referral_id=referral.pk,
                reference=referral.reference,
                child_name=str(referral.child),
                service=service,
                service_name=service_name(controller=controller, service=service),
                form_title=title,
                school_name=_referrer(referral),
                submitted_on=submitted,
                waiting_days=(today - submitted).days,
                status=referral.get_status_display(),
                url=links.referral_url(referral_id=referral.pk),
            )
        )
    return rows
