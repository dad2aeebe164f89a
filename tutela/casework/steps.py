"""Recording a kit's steps on a case, moving it between stages and producing its letters.

Every service's steps go through ``step_record``: the step must be valid at the case's stage (what
"Next steps" offers), its answers are checked all at once before anything is written, its record
goes through the gate under the step's own purpose and categories, a decision carries its named
officer's reasons (the notices' promise that every decision involves a person), and the case moves
on to the step's stage. A stage moves only to the stages its kit says come next.
"""

from datetime import date, time
from typing import Any

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.casework.case_records import record_add_to_case
from tutela.casework.kit import Field, ServiceKit, Step, kit_for
from tutela.casework.models import Case, CaseStep
from tutela.casework.services import case_set_stage, letter_issue
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person
from tutela.records.models import Record
from tutela.register.api import register

RATIONALE = "rationale"  # the answer that holds a decision's reasons
# Taxonomy keys of data about a child's parents and carers begin so: a step touching them concerns one.
FAMILY_CATEGORY_PREFIX = "family."


def case_kit(case: Case) -> ServiceKit:
    """The case's service kit, or an empty one (no stages, steps or letters) for a service without one."""
    try:
        return kit_for(case.service)
    except LookupError:
        return ServiceKit(service=case.service, stages=())


def current_stage(kit: ServiceKit, case: Case) -> str:
    """The case's stage; a case opened before its kit named stages is at the kit's first."""
    return case.stage or (kit.stages[0].key if kit.stages else "")


def next_stages(kit: ServiceKit, case: Case) -> tuple[str, ...]:
    stage = current_stage(kit, case)
    try:
        return kit.stage(stage).next
    except LookupError:
        return ()


def step_concerns_family(step: Step) -> bool:
    """Whether the step records something about a parent or carer, so asks which one."""
    return any(category.startswith(FAMILY_CATEGORY_PREFIX) for category in step.categories)


def _typed(spec: Field, value: Any, errors: dict[str, str]) -> Any:
    """One answer in its type, or an error for it."""
    match spec.kind:
        case "bool":
            return bool(value) and value not in ("0", "false", "no", "False")
        case "date" | "time":
            kind = date if spec.kind == "date" else time
            if isinstance(value, kind):
                return value
            try:
                return kind.fromisoformat(str(value))
            except ValueError:
                example = "" if spec.kind == "date" else ", for example 15:30"
                errors[spec.key] = f"{spec.label} must be a real {spec.kind}{example}"
        case "int":
            try:
                return int(value)
            except (TypeError, ValueError):
                errors[spec.key] = f"{spec.label} must be a whole number"
        case "choice":
            if str(value) not in {key for key, _label in spec.choices}:
                errors[spec.key] = f"Select {spec.label[:1].lower()}{spec.label[1:]}"
            return str(value)
        case "multichoice":
            chosen = [str(item) for item in (value if isinstance(value, list | tuple) else [value])]
            if set(chosen) - {key for key, _label in spec.choices}:
                errors[spec.key] = f"Choose {spec.label[:1].lower()}{spec.label[1:]} from the options given"
            return chosen
        case _:
            return str(value).strip()
    return None


def clean_answers(fields: tuple[Field, ...], answers: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Each answer in its type, and every error at once (field key to message)."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for spec in fields:
        value = answers.get(spec.key)
        if value in (None, "", [], ()) and spec.kind != "bool":
            if spec.required:
                errors[spec.key] = f"Enter {spec.label[:1].lower()}{spec.label[1:]}"
            continue
        cleaned[spec.key] = _typed(spec, value, errors)
    return cleaned, errors


def _refuse_out_of_place(kit: ServiceKit, case: Case, step_key: str) -> Step:
    """The step, if it may be recorded on the case now; refused otherwise, before any answer is read."""
    try:
        step = kit.step(step_key)
    except LookupError:
        raise InvalidInput({"step": "This service has no such step"}) from None
    if not case.is_open:
        raise InvalidInput({"__all__": f"The case is closed: {step.name.lower()} cannot be recorded on it"})
    stage = current_stage(kit, case)
    if step not in kit.steps_at(stage):
        raise InvalidInput({"__all__": f"{step.name} is not a step at the stage {kit.stage_name(stage)}"})
    return step


def _check(step: Step, case: Case, answers: dict[str, Any], concerning: Person | None) -> dict[str, Any]:
    data, errors = clean_answers(step.fields, answers)
    if step.decision and not str(answers.get(RATIONALE, "")).strip():
        errors[RATIONALE] = "Record why you are making this decision"
    if concerning is not None and not case.family.filter(pk=concerning.pk).exists():
        errors["concerning"] = "Choose a parent or carer recorded on this case"
    happened = data.get(step.happened) if step.happened else None
    if isinstance(happened, date) and happened > timezone.localdate():
        errors[step.happened] = "The date must be today or in the past"
    if errors:
        raise InvalidInput(errors)
    return data


def _body(step: Step, data: dict[str, Any], actor: User, rationale: str) -> str:
    """What the step's record holds: the content answers and, for a decision, who decided and why."""
    parts = [f"{spec.label}:\n{data[spec.key]}" for spec in step.fields if spec.content and spec.key in data]
    if step.decision:
        parts.append(f"Decided by {actor.get_full_name()}. Reasons: {rationale}")
    return "\n\n".join(parts)


def _as_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | time) else value


def step_record(
    *, actor: User, case: Case, step_key: str, answers: dict[str, Any], concerning: Person | None = None
) -> CaseStep:
    """Record a step of the case's kit: refused when not valid at the case's stage or on a closed case,
    every input error at once with nothing written; a decision needs ``answers["rationale"]``."""
    kit = case_kit(case)
    step = _refuse_out_of_place(kit, case, step_key)
    data = _check(step, case, answers, concerning)
    rationale = str(answers.get(RATIONALE, "")).strip() if step.decision else ""
    happened_on = data.get(step.happened) if step.happened else None
    happened_on = happened_on if isinstance(happened_on, date) else timezone.localdate()
    title = step.name if concerning is None else f"{step.name}: {concerning.full_name}"
    with transaction.atomic():
        record = record_add_to_case(
            actor=actor,
            case=case,
            purpose=step.purpose,
            categories=list(step.categories),
            kind=Record.Kind.CHRONOLOGY_EVENT,
            title=title,
            body=_body(step, data, actor, rationale),
            occurred_on=happened_on,
            source=Record.Source.OFFICER,
        )
        entry = CaseStep.objects.create(
            case=case,
            step=step.key,
            concerning=concerning,
            happened_on=happened_on,
            data={spec.key: _as_json(data[spec.key]) for spec in step.fields if not spec.content and spec.key in data},
            record=record,
            rationale=rationale,
            created_by=actor,
            created_at=timezone.now(),
        )
        if step.letter:
            entry.letter = _step_letter(actor=actor, case=case, kit=kit, step=step, data=data, concerning=concerning)
            entry.save(update_fields=["letter"])
        audit_record(
            actor=actor,
            action="case_step",
            object_type="casework.casestep",
            object_id=entry.pk,
            subject_id=case.child_id,
            purpose=f"{case.controller.slug}/{case.service}/{step.purpose}",
            reason=rationale,
            detail={"case": case.reference, "step": step.key, "decision": step.decision},
        )
        if step.moves_to:
            case_set_stage(actor=actor, case=case, stage=step.moves_to)
    return entry


def _service_name(case: Case) -> str:
    try:
        return register().service(case.controller.slug, case.service).name
    except LookupError:
        return case.service


def _step_letter(
    *, actor: User, case: Case, kit: ServiceKit, step: Step, data: dict[str, Any], concerning: Person | None
) -> Record:
    letter = kit.letter(step.letter)
    content = {spec.key: data[spec.key] for spec in step.fields if spec.content and spec.key in data}
    choices = {spec.key: dict(spec.choices).get(str(data.get(spec.key, ""))) for spec in step.fields if spec.choices}
    context = {"step": step, "data": data, "content": content, "choices": choices}
    return letter_produce(actor=actor, case=case, letter_key=letter.key, recipient=concerning, extra=context)


def letter_produce(
    *,
    actor: User,
    case: Case,
    letter_key: str,
    recipient: Person | None = None,
    extra: dict[str, Any] | None = None,
) -> Record:
    """One of the kit's letters about the case's child, to a parent or carer on the case if named,
    kept on the case as a document record under the letter's purpose and categories."""
    kit = case_kit(case)
    try:
        letter = kit.letter(letter_key)
    except LookupError:
        raise InvalidInput({"letter": "This service has no such letter"}) from None
    if not case.is_open:
        raise InvalidInput({"__all__": "The case is closed: no letter can be produced from it"})
    if recipient is not None and not case.family.filter(pk=recipient.pk).exists():
        raise InvalidInput({"recipient": "Choose a parent or carer recorded on this case"})
    to = recipient.full_name if recipient is not None else case.child.full_name
    context = {"letter": letter, "recipient": recipient, "child": case.child, "service_name": _service_name(case)}
    return letter_issue(
        actor=actor,
        case=case,
        template=letter.template,
        context={**context, **(extra or {})},
        title=f"{letter.title}: letter to {to}",
        purpose=letter.purpose,
        categories=list(letter.categories),
    )


def case_move(*, actor: User, case: Case, stage: str) -> Case:
    """Move the case on to one of the stages its kit says come next from where it is."""
    kit = case_kit(case)
    if not case.is_open:
        raise InvalidInput({"stage": "The case is closed: it cannot move to another stage"})
    allowed = next_stages(kit, case)
    if stage not in allowed:
        here = kit.stage_name(current_stage(kit, case))
        options = ", ".join(kit.stage_name(key) for key in allowed) or "none"
        raise InvalidInput({"stage": f"From {here} the case can move only to: {options}"})
    return case_set_stage(actor=actor, case=case, stage=stage)
