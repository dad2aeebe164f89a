"""Reading casework: the chronology and the task lists."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from tutela.accounts.models import User
from tutela.casework.models import Case, CaseStep, CaseTask
from tutela.records.models import Record
from tutela.records.selectors import records_decide


@dataclass(frozen=True)
class ChronologyEntry:
    on: date
    what: str
    kind: str
    by: str
    record_id: int | None = None
    restricted: bool = False


RESTRICTED = "Restricted"


def case_chronology(*, actor: User, case: Case) -> list[ChronologyEntry]:
    """Everything recorded on the case, oldest first, built from the records and tasks themselves:
    nobody types a chronology, so it cannot fall out of step with the file.

    Each record is read through the gate (one decision per group of alike records, one audit entry):
    a record the actor may not read shows only its date and kind, marked "Restricted". The case
    itself (its tasks and closure) the caller has read through ``case_for_actor``.
    """
    records = list(Record.objects.filter(case=case).select_related("recorded_by", "case", "controller", "subject"))
    decisions = records_decide(actor=actor, records=records, summary="case chronology")
    steps = _step_kinds(case)
    entries = [
        ChronologyEntry(
            record.occurred_on,
            record.title if decision.allowed else RESTRICTED,
            steps.get(record.pk, record.get_kind_display()),
            record.recorded_by.get_full_name(),
            record.pk if decision.allowed else None,
            restricted=not decision.allowed,
        )
        for record, decision in zip(records, decisions, strict=True)
    ]
    for task in CaseTask.objects.filter(case=case).select_related("created_by", "done_by"):
        by = task.created_by.get_full_name() if task.created_by else "Tutela (raised automatically)"
        entries.append(
            ChronologyEntry(task.created_at.date(), f"Task set: {task.title} (due {task.due_on:%-d %B %Y})", "Task", by)
        )
        if task.done_at is not None and task.done_by is not None:
            entries.append(
                ChronologyEntry(
                    task.done_at.date(),
                    f"Task done: {task.title}: {task.outcome}",
                    "Task",
                    task.done_by.get_full_name(),
                )
            )
    entries.append(ChronologyEntry(case.opened_at.date(), "Case opened", "Case", case.opened_by.get_full_name()))
    if case.closed_at is not None:
        entries.append(ChronologyEntry(case.closed_at.date(), f"Case closed: {case.close_reason}", "Case", ""))
    return sorted(entries, key=lambda entry: (entry.on, entry.kind != "Case"))


def _step_kinds(case: Case) -> dict[int, str]:
    """The records and letters of the kit's steps on the case, by what they are: "Decision" (a step
    recorded with an officer's reasons), "Step" or "Letter"."""
    kinds: dict[int, str] = {}
    for record_id, letter_id, rationale in CaseStep.objects.filter(case=case).values_list(
        "record_id", "letter_id", "rationale"
    ):
        kinds[record_id] = "Decision" if rationale else "Step"
        if letter_id is not None:
            kinds[letter_id] = "Letter"
    return kinds


def open_tasks(*, user: User) -> QuerySet[CaseTask]:
    """The user's open tasks on open cases, soonest due first."""
    return (
        CaseTask.objects.filter(assigned_to=user, done_at__isnull=True, case__closed_at__isnull=True)
        .select_related("case", "case__child")
        .order_by("due_on")
    )
