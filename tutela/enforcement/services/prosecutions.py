"""Prosecution (Education Act 1996 s444(1), s444(1A), s443): started within the s127 limit, updated
with hearings and the outcome."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import User
from tutela.casework.models import Case
from tutela.casework.services import case_set_stage, task_add
from tutela.enforcement import categories as declared
from tutela.enforcement import rules
from tutela.enforcement.models import (
    Hearing,
    LegalDecision,
    PenaltyNotice,
    Prosecution,
)
from tutela.enforcement.services.common import (
    _case_record,
    _need_parent,
    decision_record,
)
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person


def prosecution_start(
    *,
    actor: User,
    case: Case,
    defendant: Person,
    offence: str,
    offence_start: date,
    offence_end: date,
    rationale: str,
    penalty_notice: PenaltyNotice | None = None,
    decided_on: date | None = None,
) -> Prosecution:
    """The decision to prosecute; refused when the whole offence period is already out of time (s127)."""
    clock = _checked_clock(
        case=case,
        defendant=defendant,
        offence=offence,
        offence_start=offence_start,
        offence_end=offence_end,
        penalty_notice=penalty_notice,
    )
    with transaction.atomic():
        decision = decision_record(
            actor=actor,
            case=case,
            kind=LegalDecision.Kind.PROSECUTE,
            concerning=defendant,
            rationale=rationale,
            on=decided_on,
        )
        prosecution = Prosecution.objects.create(
            reference=f"{case.reference}-P{case.prosecutions.count() + 1}",
            case=case,
            defendant=defendant,
            offence=offence,
            offence_start=offence_start,
            offence_end=offence_end,
            penalty_notice=penalty_notice,
            decision=decision,
        )
        _prosecution_noted(actor=actor, prosecution=prosecution, clock=clock, decided_on=decided_on)
        case_set_stage(actor=actor, case=case, stage="prosecution")
    return prosecution


def _checked_clock(
    *,
    case: Case,
    defendant: Person,
    offence: str,
    offence_start: date,
    offence_end: date,
    penalty_notice: PenaltyNotice | None,
) -> rules.OffenceClock:
    """The s127 clock of a prosecution that may be started: the form's fields first, then whether the
    defendant is on the case, any part of the period is still in time, and the notice was theirs."""
    errors: dict[str, str] = {}
    if offence not in Prosecution.Offence.values:
        errors["offence"] = "Choose the offence"
    if offence_end < offence_start:
        errors["offence_end"] = "The offence period must end on or after its start"
    if errors:
        raise InvalidInput(errors)
    _need_parent(case, defendant)
    clock = rules.offence_clock(period_start=offence_start, period_end=offence_end)
    if timezone.localdate() > clock.any_part_by:
        raise InvalidInput(
            {
                "offence_start": f"Out of time: an information for this period had to be laid by "
                f"{clock.any_part_by:%-d %B %Y} (s127 Magistrates' Courts Act 1980, six months)"
            }
        )
    if penalty_notice is not None and penalty_notice.parent_id != defendant.pk:
        raise InvalidInput({"penalty_notice": "The penalty notice was issued to someone else"})
    return clock


def _prosecution_noted(
    *, actor: User, prosecution: Prosecution, clock: rules.OffenceClock, decided_on: date | None
) -> None:
    """The prosecution on the case's chronology, and a task to lay the information while the whole
    offence period is still in time (after that, only its later part can be prosecuted)."""
    _case_record(
        actor=actor,
        case=prosecution.case,
        subject=prosecution.defendant,
        purpose=declared.CRIMINAL,
        categories=(declared.OFFENCE,),
        title=f"Prosecution {prosecution.reference}: {prosecution.offence}, "
        f"{prosecution.offence_start:%-d %B %Y} to {prosecution.offence_end:%-d %B %Y}",
        body="",
        occurred_on=decided_on or timezone.localdate(),
    )
    task_add(
        actor=None,
        case=prosecution.case,
        title=f"Lay the information for {prosecution.reference} (whole period in time until this day)",
        due_on=clock.whole_period_by,
        kind="s127",
        about=f"prosecution:{prosecution.pk}",
        warn_days=rules.CLOCK_WARNING_DAYS,
    )


def prosecution_update(*, actor: User, prosecution: Prosecution, changes: dict[str, Any]) -> Prosecution:
    """Court progress: information laid, court, plea, outcome, sentence, fine and costs."""
    allowed = {"court", "information_laid_on", "plea", "outcome", "outcome_on", "sentence", "fine_pence", "costs_pence"}
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput({name: "Cannot be changed here" for name in unknown})
    future = [
        name for name in ("information_laid_on", "outcome_on") if (changes.get(name) or date.min) > timezone.localdate()
    ]
    if future:
        raise InvalidInput({name: "The date cannot be in the future" for name in future})
    laid = changes.get("information_laid_on")
    if laid is not None:
        clock = rules.offence_clock(period_start=prosecution.offence_start, period_end=prosecution.offence_end)
        if laid > clock.any_part_by:
            raise InvalidInput(
                {"information_laid_on": f"Out of time: the last day to lay was {clock.any_part_by:%-d %B %Y} (s127)"}
            )
    if changes.get("outcome") and not changes.get("outcome_on") and prosecution.outcome_on is None:
        raise InvalidInput({"outcome_on": "Enter the date of the outcome"})
    with transaction.atomic():
        for name, value in changes.items():
            setattr(prosecution, name, value)
        prosecution.save()
        summary = ", ".join(
            f"{name.replace('_', ' ')}: {value}" for name, value in changes.items() if value not in (None, "")
        )
        _case_record(
            actor=actor,
            case=prosecution.case,
            subject=prosecution.defendant,
            purpose=declared.CRIMINAL,
            categories=(declared.OFFENCE,),
            title=f"Prosecution {prosecution.reference} updated: {summary}"[:200],
            body="",
            occurred_on=changes.get("outcome_on") or laid or timezone.localdate(),
        )
        if laid is not None:
            prosecution.case.tasks.filter(
                kind="s127", about=f"prosecution:{prosecution.pk}", done_at__isnull=True
            ).update(done_at=timezone.now(), done_by=actor, outcome=f"Information laid on {laid:%-d %B %Y}")
    return prosecution


def hearing_add(*, actor: User, prosecution: Prosecution, on: date, kind: str, result: str = "") -> Hearing:
    if not kind.strip():
        raise InvalidInput({"kind": "Say what the hearing was"})
    with transaction.atomic():
        hearing = Hearing.objects.create(prosecution=prosecution, on=on, kind=kind.strip(), result=result.strip())
        _case_record(
            actor=actor,
            case=prosecution.case,
            subject=prosecution.defendant,
            purpose=declared.CRIMINAL,
            categories=(declared.OFFENCE,),
            title=f"{kind.strip()} on {on:%-d %B %Y} ({prosecution.reference})"
            + (f": {result.strip()}" if result else ""),
            body="",
            occurred_on=min(on, timezone.localdate()),
        )
    return hearing
