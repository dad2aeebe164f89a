"""Case flags: something that happened elsewhere (a consent withdrawn, a record restricted, an
objection raised) that a worker must decide about on the case.

The system detects and flags; it never decides (ARCHITECTURE.md, "Human decisions"): each flag
comes with a task for the case's worker, and only a person who may work on the case resolves it,
with reasons.
"""

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.casework.access import case_for_actor
from tutela.casework.models import Case, CaseFlag
from tutela.casework.services import task_add, task_complete
from tutela.governance.gate import Action
from tutela.lib.dates import working_days_after
from tutela.lib.errors import InvalidInput

# A flag waits on a worker's decision; five working days keeps it from waiting past a week.
FLAG_DECISION_WORKING_DAYS = 5
FLAG_TASK_KIND = "flag"


def flag_raise(*, case: Case, kind: str, message: str, actor: User | None = None, about: str = "") -> CaseFlag:
    """Flag the case once for a worker's decision, with a task for its worker (or its team).

    An open flag of the same kind about the same thing is not raised again: a second withdrawal
    notice, or the task running twice, finds the flag already waiting."""
    if kind not in CaseFlag.Kind.values:
        raise InvalidInput({"kind": f"Unknown kind of flag: {kind}"})
    existing = CaseFlag.objects.filter(case=case, kind=kind, about=about, resolved_at__isnull=True).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        flag = CaseFlag.objects.create(case=case, kind=kind, about=about, message=message, raised_at=timezone.now())
        label = CaseFlag.Kind(kind).label
        flag.task = task_add(
            actor=actor,
            case=case,
            title=f"Decide what happens after: {label.lower()}",
            due_on=working_days_after(timezone.localdate(), FLAG_DECISION_WORKING_DAYS),
            kind=FLAG_TASK_KIND,
            about=f"flag:{flag.pk}",
        )
        flag.save(update_fields=["task"])
        audit_record(
            actor=actor,
            action="flag_raise",
            object_type="casework.caseflag",
            object_id=flag.pk,
            subject_id=case.child_id,
            detail={"case": case.reference, "kind": kind, "about": about},
            controller=case.controller.slug,  # raised by the system too: still the case's controller's entry
        )
    return flag


def flags_open(*, case: Case) -> list[CaseFlag]:
    """The case's flags waiting on a decision, newest first, with their tasks (for the case page,
    which has read the case through ``case_for_actor``)."""
    return list(CaseFlag.objects.filter(case=case, resolved_at__isnull=True).select_related("task"))


def flag_for_actor(*, actor: User, flag_id: int, action: Action = Action.READ) -> CaseFlag:
    """A flag whose case the gate lets the actor read (or, with Action.UPDATE, work on); audited."""
    flag = CaseFlag.objects.select_related("task", "resolved_by").get(pk=flag_id)
    flag.case = case_for_actor(actor=actor, case_id=flag.case_id, action=action)
    return flag


def flag_resolve(*, actor: User, flag: CaseFlag, resolution: str) -> CaseFlag:
    """The worker's decision on the flag, with reasons; it completes the flag's task.

    Only someone the gate lets work on the case (Action.UPDATE) decides: the allocated worker or
    their team, never a reader by break-glass."""
    case = case_for_actor(actor=actor, case_id=flag.case_id, action=Action.UPDATE)
    if flag.resolved_at is not None:
        raise InvalidInput({"resolution": "This flag has already been decided"})
    if not resolution.strip():
        raise InvalidInput({"resolution": "Enter your decision and the reasons for it"})
    with transaction.atomic():
        flag.resolved_at = timezone.now()
        flag.resolved_by = actor
        flag.resolution = resolution.strip()
        flag.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        if flag.task is not None and flag.task.done_at is None:
            task_complete(actor=actor, task=flag.task, outcome=flag.resolution)
        audit_record(
            actor=actor,
            action="flag_resolve",
            object_type="casework.caseflag",
            object_id=flag.pk,
            subject_id=case.child_id,
            reason=flag.resolution,
            detail={"case": case.reference, "kind": flag.kind},
            controller=case.controller.slug,
        )
    return flag
