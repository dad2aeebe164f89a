"""The configurable steps of ``stages.py``: each recorded as data the clocks run on, with its letter
and, where it has legal effect, the officer's decision."""

from datetime import date, time
from typing import Any

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import User
from tutela.casework.models import Case
from tutela.casework.services import case_set_stage, letter_issue, task_add
from tutela.enforcement import rules
from tutela.enforcement.models import (
    LegalDecision,
    StepEntry,
)
from tutela.enforcement.selectors import pupil_school_days
from tutela.enforcement.services.common import _case_record, _need_parent, decision_record
from tutela.enforcement.stages import CME_ENQUIRIES, CME_GROUNDS, STEPS_BY_KEY, Clock, Field, Step
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person
from tutela.records.models import Record
from tutela.records.services import Upload


def _clean(step: Step, values: dict[str, Any]) -> dict[str, Any]:
    """Each field's value in its type; every error at once."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for item in step.fields:
        value = values.get(item.key)
        if value in (None, "") and item.kind != "bool":
            if item.required:
                errors[item.key] = f"Enter {item.label.lower()}"
            continue
        cleaned[item.key] = _typed(item, value, errors)
    if errors:
        raise InvalidInput(errors)
    return cleaned


def _typed(item: Field, value: Any, errors: dict[str, str]) -> Any:
    if item.kind == "bool":
        return bool(value) and value not in ("0", "false", "no")
    if item.kind == "date":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            errors[item.key] = f"{item.label} must be a real date"
    elif item.kind == "time":
        if isinstance(value, time):
            return value
        try:
            return time.fromisoformat(str(value))
        except ValueError:
            errors[item.key] = f"{item.label} must be a real time, for example 15:30"
    elif item.kind == "int":
        try:
            return int(value)
        except (TypeError, ValueError):
            errors[item.key] = f"{item.label} must be a whole number"
    elif item.kind == "choice":
        if value not in {key for key, _label in item.choices}:
            errors[item.key] = f"Choose {item.label.lower()}"
        return value
    else:
        return str(value).strip()
    return None


def _step_rules(step: Step, data: dict[str, Any], case: Case) -> None:
    """The law's own checks on a step, beyond the form's."""
    if step.key == "notice-to-improve":
        low, high = rules.nti_weeks_range()
        if not low <= data["improvement_weeks"] <= high:
            raise InvalidInput({"improvement_weeks": f"The improvement period must be {low} to {high} school weeks"})
    if step.key == "s437-notice":
        received = rules.deemed_receipt(sent_on=data["served_on"], method=rules.ServiceMethod(data["service_method"]))
        earliest = rules.s437_earliest_date(received)
        data.setdefault("satisfy_by", earliest)
        if data["satisfy_by"] < earliest:
            raise InvalidInput(
                {
                    "satisfy_by": f"The parent must have at least 15 days beginning with the day of service "
                    f"({received:%-d %B %Y}): the earliest date is {earliest:%-d %B %Y}"
                }
            )
    if step.key == "register-deletion" and data["ground"] in CME_GROUNDS:
        missing = [label for key, label in CME_ENQUIRIES if not data.get(key)]
        if missing:
            raise InvalidInput({"ground": "The joint reasonable enquiries are not complete: " + "; ".join(missing)})
    if step.key in {"sao-amendment", "sao-revocation", "school-attendance-order"}:
        before = {"school-attendance-order": "s438-notice"}.get(step.key, "school-attendance-order")
        if not StepEntry.objects.filter(case=case, step=before).exists():
            raise InvalidInput({"__all__": f"Record the {STEPS_BY_KEY[before].name.lower()} first"})


def step_record(
    *,
    actor: User,
    case: Case,
    step_key: str,
    values: dict[str, Any],
    concerning: Person | None = None,
    rationale: str = "",
    upload: Upload | None = None,
) -> StepEntry:
    """Record a step of a stage; a step with legal effect is also a decision, and may send a letter."""
    step, data, subject = _checked_step(
        case=case, step_key=step_key, values=values, concerning=concerning, rationale=rationale
    )
    # What the officer wrote goes on the record as its text; the rest are facts the clocks run on.
    written = {f.key: data[f.key] for f in step.fields if f.content and f.key in data}
    content = "\n\n".join(f"{f.label}:\n{data[f.key]}" for f in step.fields if f.key in written)
    facts = {f.key: data[f.key] for f in step.fields if not f.content and f.key in data}
    happened_on = facts[step.happened]
    clocks = step.clocks(facts, pupil_school_days(person=case.child, on=happened_on))
    with transaction.atomic():
        decision = (
            decision_record(
                actor=actor,
                case=case,
                kind=step.decision,
                concerning=subject,
                rationale=rationale,
                purpose=step.purpose,
                on=happened_on,
            )
            if step.decision
            else None
        )
        entry = _step_entry_create(
            actor=actor,
            case=case,
            step=step,
            subject=subject,
            content=content,
            facts=facts,
            upload=upload,
            decision=decision,
        )
        if step.letter:
            entry.letter = _step_letter(
                actor=actor,
                case=case,
                step=step,
                template=step.letter,
                subject=subject,
                facts=facts,
                written=written,
                clocks=clocks,
            )
            entry.save(update_fields=["letter"])
        _clock_tasks(case=case, step=step, entry=entry, clocks=clocks)
        case_set_stage(actor=actor, case=case, stage=step.stage)
    return entry


def _step_entry_create(
    *,
    actor: User,
    case: Case,
    step: Step,
    subject: Person,
    content: str,
    facts: dict[str, Any],
    upload: Upload | None,
    decision: LegalDecision | None,
) -> StepEntry:
    """The step on the case's chronology (a document when a file came with it), and the step itself with
    the facts its clocks run on, stored as JSON."""
    happened_on = facts[step.happened]
    record = _case_record(
        actor=actor,
        case=case,
        subject=subject,
        purpose=step.purpose,
        categories=step.categories,
        title=step.name,
        body=content,
        occurred_on=happened_on,
        kind=Record.Kind.DOCUMENT if upload else Record.Kind.CHRONOLOGY_EVENT,
        upload=upload,
    )
    return StepEntry.objects.create(
        case=case,
        step=step.key,
        concerning=subject if subject.pk != case.child_id else None,
        happened_on=happened_on,
        data={k: v.isoformat() if isinstance(v, date | time) else v for k, v in facts.items()},
        record=record,
        decision=decision,
        created_by=actor,
        created_at=timezone.now(),
    )


def _checked_step(
    *, case: Case, step_key: str, values: dict[str, Any], concerning: Person | None, rationale: str
) -> tuple[Step, dict[str, Any], Person]:
    """The step, its values in their types and whom it is about, once the form and the law's own
    checks pass; nothing is written before this."""
    step = STEPS_BY_KEY.get(step_key)
    if step is None:
        raise InvalidInput({"step": f"Unknown step: {step_key}"})
    if not case.is_open:
        raise InvalidInput({"__all__": "The case is closed"})
    data = _clean(step, values)
    _step_rules(step, data, case)
    subject = _step_subject(step, case, concerning)
    if step.decision and not rationale.strip():
        raise InvalidInput({"rationale": "Record why you are making this decision"})
    return step, data, subject


def _step_subject(step: Step, case: Case, concerning: Person | None) -> Person:
    """Whom the step is about: the child, or for a step addressed to a parent, that parent, who must be
    on the case."""
    if step.concerning != "parent":
        return case.child
    if concerning is None:
        raise InvalidInput({"concerning": "Choose the parent or carer"})
    _need_parent(case, concerning)
    return concerning


def _step_letter(
    *,
    actor: User,
    case: Case,
    step: Step,
    template: str,
    subject: Person,
    facts: dict[str, Any],
    written: dict[str, Any],
    clocks: list[Clock],
) -> Record:
    """The step's letter, to the parent it concerns (or about the child), kept on the case."""
    return letter_issue(
        actor=actor,
        case=case,
        template=template,
        context={
            "step": step,
            "data": facts,
            "content": written,  # what the officer wrote (the support offered, say), for the letter
            "choices": {f.key: dict(f.choices).get(str(facts.get(f.key, ""))) for f in step.fields if f.choices},
            "clocks": clocks,
            "recipient": subject if subject.pk != case.child_id else None,
            "child": case.child,
        },
        title=f"{step.name}: letter to {subject.given_name} {subject.family_name}",
        purpose=step.purpose,
        categories=list(step.categories),
        occurred_on=facts[step.happened],
    )


def _clock_tasks(*, case: Case, step: Step, entry: StepEntry, clocks: list[Clock]) -> None:
    """A task for each clock the step starts, unless its day has already passed (a step recorded late
    should not fill the worker's list with tasks overdue from the start)."""
    for clock in clocks:
        if clock.due_on >= timezone.localdate():
            task_add(
                actor=None,
                case=case,
                title=clock.name,
                due_on=clock.due_on,
                kind=f"clock-{step.key}",
                about=f"step:{entry.pk}:{clock.name[:30]}",
            )
