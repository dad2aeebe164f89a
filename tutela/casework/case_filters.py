"""Which of a service's cases a dashboard number counts, as a filter the list behind it applies.

A manager's figure and the list its link opens are one ``CaseFilter``: the figure counts with
``q()`` and the list filters with the same ``q()``, so the list is exactly the cases counted.
The list's query string is read back by ``case_filter_parse``, which refuses anything it does not
understand with a message for the user (never a server error).
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from tutela.accounts.models import Team, User
from tutela.casework.kit import kit_for
from tutela.casework.models import CaseFlag, CaseTask
from tutela.lib.errors import InvalidInput

NOT_STARTED = "none"  # the ``stage`` value of cases not yet at any stage
UNALLOCATED = "none"  # the ``worker`` value of cases nobody is allocated to
STATUSES = ("open", "closed", "all")
MOST_DAYS = 3660
_SLUG = re.compile(r"^[-a-z0-9_]{1,50}$")
_NUMBER = re.compile(r"^[0-9]{1,9}$")  # not str.isdigit, which takes "²" that int() refuses


def _number(value: str) -> bool:
    return bool(_NUMBER.match(value))


@dataclass(frozen=True)
class CaseFilter:
    """``None`` (or False) leaves a field out of the filter."""

    status: str = "open"
    stage: str | None = None  # NOT_STARTED for cases at no stage
    worker: int | None = None  # 0 for unallocated cases
    team: int | None = None
    overdue: bool = False  # with a task past its due date
    flagged: bool = False  # with a flag not yet resolved
    opened: int | None = None  # opened in the last so many days
    closed: int | None = None  # closed in the last so many days

    def q(self, today: date) -> Q:
        found = {"open": Q(closed_at__isnull=True), "closed": Q(closed_at__isnull=False)}.get(self.status, Q())
        if self.stage is not None:
            found &= Q(stage="" if self.stage == NOT_STARTED else self.stage)
        if self.worker is not None:
            found &= Q(allocated_worker__isnull=True) if self.worker == 0 else Q(allocated_worker_id=self.worker)
        if self.team is not None:
            found &= Q(owning_team_id=self.team)
        if self.overdue:
            tasks = CaseTask.objects.filter(case=OuterRef("pk"), done_at__isnull=True, due_on__lt=today)
            found &= Q(Exists(tasks))
        if self.flagged:
            found &= Q(Exists(CaseFlag.objects.filter(case=OuterRef("pk"), resolved_at__isnull=True)))
        if self.opened is not None:
            found &= Q(opened_at__gte=since(today, self.opened))
        if self.closed is not None:
            found &= Q(closed_at__gte=since(today, self.closed))
        return found

    def params(self) -> dict[str, str]:
        """The query string that gives this filter back (``case_filter_parse``)."""
        params: dict[str, str] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value is None or value is False or (field.name == "status" and value == "open"):
                continue
            if field.name == "worker" and value == 0:
                value = UNALLOCATED
            params[field.name] = "1" if value is True else str(value)
        if "status" not in params and (self.opened is not None or self.closed is not None):
            params["status"] = "open"  # explicit: opened and closed filters default to every case
        return params


def since(today: date, days: int) -> datetime:
    """The start of the day ``days`` days before today, in local time."""
    return timezone.make_aware(datetime.combine(today - timedelta(days=days), time.min))


def cases_url(*, service: str, case_filter: CaseFilter) -> str:
    """The list of a service's cases behind a number."""
    url = reverse("casework:service_cases", kwargs={"service": service})
    params = case_filter.params()
    return f"{url}?{urlencode(params)}" if params else url


def _days(value: str, label: str) -> int:
    if not _number(value) or not 1 <= int(value) <= MOST_DAYS:
        raise InvalidInput({label: f"Enter the number of days as a whole number from 1 to {MOST_DAYS}"})
    return int(value)


def _flag(value: str, label: str) -> bool:
    if value not in ("", "0", "1"):
        raise InvalidInput({label: "Use 1 to show only these cases, or leave it out"})
    return value == "1"


def _stage(value: str, service: str) -> str:
    if value == NOT_STARTED:
        return value
    try:
        stages = {stage.key for stage in kit_for(service).stages}
    except LookupError:
        stages = set()
    if not _SLUG.match(value) or (stages and value not in stages):
        raise InvalidInput({"stage": "There is no such stage in this service"})
    return value


def _worker(value: str, controller_id: int) -> int:
    if value == UNALLOCATED:
        return 0
    if not _number(value) or not User.objects.filter(pk=int(value), controller_id=controller_id).exists():
        raise InvalidInput({"worker": "There is no such worker in your organisation"})
    return int(value)


def _team(value: str, controller_id: int, service: str) -> int:
    if not _number(value) or not Team.objects.filter(pk=int(value), controller_id=controller_id, service=service):
        raise InvalidInput({"team": "There is no such team delivering this service"})
    return int(value)


def case_filter_parse(*, params: Mapping[str, str], service: str, controller_id: int) -> CaseFilter:
    """The filter a list's query string asks for; InvalidInput naming each parameter it cannot use.
    Parameters it does not know are left alone (a link may carry others)."""
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    readers: dict[str, Callable[[str], object]] = {
        "stage": lambda v: _stage(v, service),
        "worker": lambda v: _worker(v, controller_id),
        "team": lambda v: _team(v, controller_id, service),
        "overdue": lambda v: _flag(v, "overdue"),
        "flagged": lambda v: _flag(v, "flagged"),
        "opened": lambda v: _days(v, "opened"),
        "closed": lambda v: _days(v, "closed"),
    }
    for name, read in readers.items():
        value = params.get(name, "")
        if value == "":
            continue
        try:
            values[name] = read(value)
        except InvalidInput as invalid:
            errors.update(invalid.errors)
    status = params.get("status", "")
    if status and status not in STATUSES:
        errors["status"] = "Choose open, closed or all cases"
    if errors:
        raise InvalidInput(errors)
    if not status:
        status = "closed" if "closed" in values else "all" if "opened" in values else "open"
    return CaseFilter(status=status, **values)  # type: ignore[arg-type]
