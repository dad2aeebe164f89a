"""A case's chronology, built from what is recorded: nobody types it, so it cannot fall out of step
with the file. Records, the kit's steps and letters, tasks, consents given and withdrawn, flags
raised and decided, and the case's opening and closure, in the order they happened."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.utils import timezone

from tutela.accounts.models import User
from tutela.casework.models import Case, CaseFlag, CaseStep, CaseTask
from tutela.consent.models import Consent, Objection
from tutela.consent.selectors import consent_purpose_label
from tutela.records.models import Record
from tutela.records.selectors import records_decide

RESTRICTED = "Restricted"
SYSTEM = "Tutela (raised automatically)"


@dataclass(frozen=True)
class ChronologyEntry:
    on: date
    what: str
    kind: str
    by: str
    record_id: int | None = None
    restricted: bool = False
    at: datetime | None = None  # when it was recorded, to order the entries of one day


def _when(moment: datetime) -> tuple[date, datetime]:
    return timezone.localdate(moment), moment


def _name(user: User | None) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else SYSTEM


def _records(actor: User, case: Case) -> list[ChronologyEntry]:
    """Each record read through the gate (one decision per group of alike records, one audit entry):
    a record the actor may not read shows only its date and kind, marked "Restricted"."""
    records = list(Record.objects.filter(case=case).select_related("recorded_by", "case", "controller", "subject"))
    decisions = records_decide(actor=actor, records=records, summary="case chronology")
    steps = _step_kinds(case)
    return [
        ChronologyEntry(
            record.occurred_on,
            record.title if decision.allowed else RESTRICTED,
            steps.get(record.pk, record.get_kind_display()),
            _name(record.recorded_by),
            record.pk if decision.allowed else None,
            restricted=not decision.allowed,
            at=record.recorded_at,
        )
        for record, decision in zip(records, decisions, strict=True)
    ]


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


def _tasks(case: Case) -> list[ChronologyEntry]:
    entries = []
    for task in CaseTask.objects.filter(case=case).select_related("created_by", "done_by"):
        set_on, set_at = _when(task.created_at)
        what = f"Task set: {task.title} (due {task.due_on:%-d %B %Y})"
        entries.append(ChronologyEntry(set_on, what, "Task", _name(task.created_by), at=set_at))
        if task.done_at is not None:
            done_on, done_at = _when(task.done_at)
            what = f"Task done: {task.title}: {task.outcome}"
            entries.append(ChronologyEntry(done_on, what, "Task", _name(task.done_by), at=done_at))
    return entries


def _consents(case: Case) -> list[ChronologyEntry]:
    """The child's consents to the case's service: who gave or withdrew them, for which purposes."""
    entries = []
    consents = Consent.objects.filter(subject_id=case.child_id, service=case.service, controller_id=case.controller_id)
    for consent in consents.select_related("given_by", "withdrawn_by", "recorded_by", "withdrawal_recorded_by"):
        labels = ", ".join(
            consent_purpose_label(controller=case.controller.slug, service=case.service, purpose=key)
            for key in consent.purposes
        )
        given = f"Consent given by {consent.given_by.full_name}: {labels}"
        entries.append(ChronologyEntry(consent.given_on, given, "Consent", _name(consent.recorded_by)))
        if consent.withdrawn_on is not None and consent.withdrawn_by is not None:
            withdrawn = f"Consent withdrawn by {consent.withdrawn_by.full_name}: {labels}"
            by = _name(consent.withdrawal_recorded_by)
            entries.append(ChronologyEntry(consent.withdrawn_on, withdrawn, "Consent", by))
    return entries


def _objections(case: Case) -> list[ChronologyEntry]:
    """The objections to the case's service about the child (Art 21): raised, and answered."""
    entries = []
    objections = Objection.objects.filter(
        subject_id=case.child_id, service=case.service, controller_id=case.controller_id
    )
    for objection in objections.select_related("raised_by", "decided_by"):
        purpose = consent_purpose_label(
            controller=case.controller.slug, service=case.service, purpose=objection.purpose
        )
        raised = f"Objection raised by {objection.raised_by.full_name} to {purpose}"
        entries.append(ChronologyEntry(objection.raised_on, raised, "Objection", ""))
        if objection.decided_on is not None:
            answer = f"Objection answered: {objection.get_status_display()}. {objection.rationale}".strip()
            entries.append(ChronologyEntry(objection.decided_on, answer, "Objection", _name(objection.decided_by)))
    return entries


def _flags(case: Case) -> list[ChronologyEntry]:
    entries = []
    for flag in CaseFlag.objects.filter(case=case).select_related("resolved_by"):
        raised_on, raised_at = _when(flag.raised_at)
        entries.append(ChronologyEntry(raised_on, f"Flag: {flag.get_kind_display()}", "Flag", SYSTEM, at=raised_at))
        if flag.resolved_at is not None:
            decided_on, decided_at = _when(flag.resolved_at)
            what = f"Flag decided ({flag.get_kind_display()}): {flag.resolution}"
            entries.append(ChronologyEntry(decided_on, what, "Flag", _name(flag.resolved_by), at=decided_at))
    return entries


def _case(case: Case) -> list[ChronologyEntry]:
    opened_on, opened_at = _when(case.opened_at)
    entries = [ChronologyEntry(opened_on, "Case opened", "Case", _name(case.opened_by), at=opened_at)]
    if case.closed_at is not None:
        closed_on, closed_at = _when(case.closed_at)
        by = _name(case.closed_by) if case.closed_by is not None else ""
        entries.append(ChronologyEntry(closed_on, f"Case closed: {case.close_reason}", "Case", by, at=closed_at))
    return entries


def case_chronology(*, actor: User, case: Case) -> list[ChronologyEntry]:
    """Everything recorded on the case, oldest first; on one day, in the order it was recorded (the
    case's opening first). The case itself (its tasks, consents, flags and closure) the caller has
    read through ``case_for_actor``; each record is read through the gate here."""
    entries = [*_records(actor, case), *_tasks(case), *_consents(case), *_objections(case), *_flags(case), *_case(case)]
    earliest = datetime.min.replace(tzinfo=UTC)  # an entry known only by its day comes first in it

    def order(entry: ChronologyEntry) -> tuple[date, bool, datetime]:
        opened = entry.kind == "Case" and entry.what == "Case opened"
        return (entry.on, not opened, entry.at or earliest)

    return sorted(entries, key=order)
