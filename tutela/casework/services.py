"""Casework every service reuses: opening and closing cases, stages, tasks and letters."""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tutela.accounts.models import Controller, Team, User
from tutela.audit.services import audit_record
from tutela.casework.case_records import record_add_to_case
from tutela.casework.models import Case, CaseTask, ReferenceCounter
from tutela.lib.errors import InvalidInput
from tutela.lib.pdf import html_to_pdf
from tutela.people.models import Person
from tutela.records.models import Record
from tutela.records.services import Upload

TASK_WARNING_DAYS = 7


def next_reference(*, prefix: str, width: int, taken: Callable[[str], bool]) -> str:
    """The next reference in a series, e.g. DUD-ES-2026-0007. The counter row is incremented in the
    database (one UPDATE), so two officers never get the same number and numbers are never reused;
    ``taken`` skips any number already used before the counter existed."""
    while True:
        with transaction.atomic():
            try:
                counter, _created = ReferenceCounter.objects.get_or_create(prefix=prefix)
            except IntegrityError:  # created at the same moment by another worker
                counter = ReferenceCounter.objects.get(prefix=prefix)
            ReferenceCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
            counter.refresh_from_db()
        reference = f"{prefix}{counter.last:0{width}d}"
        if not taken(reference):
            return reference


def case_reference(*, controller: Controller, service: str) -> str:
    """The next case reference for the controller and service, e.g. DUD-ES-2026-0007."""
    initials = "".join(word[0] for word in service.split("-")).upper()
    prefix = f"{controller.slug[:3].upper()}-{initials}-{timezone.now():%Y}-"
    return next_reference(prefix=prefix, width=4, taken=lambda ref: Case.objects.filter(reference=ref).exists())


def received_at(day: date) -> datetime:
    """When something reached the service: now, or at this time of day on an earlier day where it is
    entered later than it arrived (a paper referral typed in the next morning)."""
    now = timezone.localtime()
    if day >= now.date():
        return timezone.now()
    return now.replace(year=day.year, month=day.month, day=day.day)


def case_open(
    *,
    actor: User,
    controller: Controller,
    service: str,
    child: Person,
    team: Team,
    family: list[Person],
    allocated_worker: User | None = None,
    stage: str = "",
    opened_at: datetime | None = None,
) -> Case:
    """Open a case; ``opened_at`` is when a case kept on paper before Tutela was really opened (now if not given)."""
    if team.controller_id != controller.pk or team.service != service:
        raise InvalidInput({"team": "The owning team must deliver this service for this controller"})
    if opened_at is not None and opened_at > timezone.now():
        raise InvalidInput({"opened_at": "A case cannot be opened in the future"})
    with transaction.atomic():
        case = Case.objects.create(
            reference=case_reference(controller=controller, service=service),
            controller=controller,
            service=service,
            child=child,
            owning_team=team,
            allocated_worker=allocated_worker,
            opened_at=opened_at or timezone.now(),
            opened_by=actor,
            stage=stage,
        )
        case.family.set(family)
        audit_record(
            actor=actor, action="case_open", object_type="casework.case", object_id=case.pk, subject_id=child.pk
        )
    return case


def case_set_stage(*, actor: User, case: Case, stage: str) -> Case:
    if case.stage != stage:
        case.stage = stage
        case.save(update_fields=["stage"])
        audit_record(
            actor=actor,
            action="case_stage",
            object_type="casework.case",
            object_id=case.pk,
            subject_id=case.child_id,
            detail={"stage": stage},
        )
    return case


def case_close(*, actor: User, case: Case, reason: str) -> Case:
    """Close the case with the reason, recording who closed it; its open tasks end with it."""
    if not reason.strip():
        raise InvalidInput({"reason": "Give the reason for closing the case"})
    if not case.is_open:
        raise InvalidInput({"reason": "The case is already closed"})
    with transaction.atomic():
        case.closed_at = timezone.now()
        case.closed_by = actor
        case.close_reason = reason.strip()
        case.save(update_fields=["closed_at", "closed_by", "close_reason"])
        # A closed case has nothing left to do: its open tasks end with it, saying so.
        case.tasks.filter(done_at__isnull=True).update(
            done_at=case.closed_at, done_by=actor, outcome="Ended: the case was closed"
        )
        audit_record(
            actor=actor,
            action="case_close",
            object_type="casework.case",
            object_id=case.pk,
            subject_id=case.child_id,
            reason=reason,
        )
    return case


def task_add(
    *,
    actor: User | None,
    case: Case,
    title: str,
    due_on: date,
    assigned_to: User | None = None,
    kind: str = "",
    about: str = "",
    warn_days: int = TASK_WARNING_DAYS,
    set_at: datetime | None = None,
) -> CaseTask:
    """A task on the case. One the system raises (``kind`` and ``about`` set) is raised only once.
    ``set_at`` is when the decision that set it was taken, where that is entered later (now if not given)."""
    if not title.strip():
        raise InvalidInput({"title": "Enter what needs to be done"})
    if kind:
        existing = CaseTask.objects.filter(case=case, kind=kind, about=about).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            task = CaseTask.objects.create(
                case=case,
                title=title.strip(),
                kind=kind,
                about=about,
                due_on=due_on,
                warn_on=due_on - timedelta(days=warn_days),
                assigned_to=assigned_to if assigned_to is not None else case.allocated_worker,
                created_at=set_at or timezone.now(),
                created_by=actor,
            )
    except IntegrityError:  # raised at the same moment by another worker
        return CaseTask.objects.get(case=case, kind=kind, about=about)
    audit_record(
        actor=actor,
        action="task_add",
        object_type="casework.casetask",
        object_id=task.pk,
        subject_id=case.child_id,
        detail={"case": case.reference, "due_on": due_on.isoformat(), "kind": kind},
        controller=case.controller.slug,  # the system raises tasks too: the entry is still the case's controller's
    )
    return task


def task_complete(*, actor: User, task: CaseTask, outcome: str) -> CaseTask:
    if task.done_at is not None:
        raise InvalidInput({"outcome": "The task is already done"})
    if not outcome.strip():
        raise InvalidInput({"outcome": "Record what was done"})
    task.done_at = timezone.now()
    task.done_by = actor
    task.outcome = outcome.strip()
    task.save(update_fields=["done_at", "done_by", "outcome"])
    audit_record(
        actor=actor,
        action="task_complete",
        object_type="casework.casetask",
        object_id=task.pk,
        subject_id=task.case.child_id,
    )
    return task


def letter_issue(
    *,
    actor: User,
    case: Case,
    template: str,
    context: dict[str, Any],
    title: str,
    purpose: str,
    categories: list[str],
    occurred_on: date | None = None,
) -> Record:
    """A letter from a template, rendered to PDF and kept on the case as a document record."""
    pdf = html_to_pdf(
        template, {"case": case, "officer": actor, "today": occurred_on or timezone.localdate(), **context}
    )
    filename = f"{case.reference}-{title.lower().replace(' ', '-')[:60]}.pdf"
    return record_add_to_case(
        actor=actor,
        case=case,
        purpose=purpose,
        categories=categories,
        kind=Record.Kind.DOCUMENT,
        title=title,
        body="",
        occurred_on=occurred_on or timezone.localdate(),
        source=Record.Source.OFFICER,
        upload=Upload(filename, "application/pdf", pdf),
    )
