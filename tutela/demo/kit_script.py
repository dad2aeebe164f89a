"""The little language the services' demo scenarios are written in, and its check against the kits.

A scenario is data: a referral on one of the service's intake forms, its triage, then what the
worker records (steps of the kit), tasks, a consent withdrawn or an objection raised and answered,
and the closure. ``kit_runner`` performs a scenario through the kit's services (so the gate, the
audit log and the stage rules apply, as they do to a worker); ``script_problems`` walks it against the
service's kit without a database, so a scenario that would be refused (a step not valid at the
stage it would be at, an answer missing or not one of the choices) fails a fast test, not a demo.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tutela.casework.kit import Field, ServiceKit, Submitter

SCHOOL_USER = "school"  # who refers: the demo school user of the child's own school


@dataclass(frozen=True)
class Ago:
    """A date this many days before the demo's today, moved back to a weekday."""

    days: int


@dataclass(frozen=True)
class Ahead:
    """A date this many days after the demo's today."""

    days: int


# Answers as a worker gives them: text may name {child}, {parent} and {school}; dates are Ago or Ahead.
Answers = Mapping[str, Any]


@dataclass(frozen=True)
class Refer:
    form: str
    by: str  # a demo username, or SCHOOL_USER
    answers: Answers
    days_ago: int = 0


@dataclass(frozen=True)
class Accept:
    by: str
    worker: str
    note: str


@dataclass(frozen=True)
class Return:
    by: str
    reason: str
    redirect_to: str = ""  # a service or recipient the register names


@dataclass(frozen=True)
class Record:
    step: str
    answers: Answers
    rationale: str = ""  # a decision step's reasons, recorded with the worker's name


@dataclass(frozen=True)
class Task:
    title: str
    due_in: int  # days from today


@dataclass(frozen=True)
class Withdraw:
    """The parent withdraws the consent that came with the referral."""

    days_ago: int
    note: str
    by: str = ""  # who records it: the allocated worker, or SCHOOL_USER passing it on


@dataclass(frozen=True)
class Object:
    """The parent objects to a purpose of the service."""

    purpose: str
    grounds: str


@dataclass(frozen=True)
class Answer:
    """A named person answers the objection raised before."""

    by: str
    upheld: bool
    rationale: str


@dataclass(frozen=True)
class Close:
    reason: str


Action = Refer | Accept | Return | Record | Task | Withdraw | Object | Answer | Close


@dataclass(frozen=True)
class Scenario:
    name: str
    actions: tuple[Action, ...]
    parents: int = 1
    min_age: int = 0  # the child's age at least (a careers request is for pupils of 13 and over)

    @property
    def referral(self) -> Refer:
        first = self.actions[0]
        if not isinstance(first, Refer):
            raise TypeError(f"{self.name}: a scenario starts with its referral")
        return first

    @property
    def at_referring_school(self) -> bool:
        """The child must be at a school with a demo school user, who refers them."""
        return self.referral.by == SCHOOL_USER


@dataclass(frozen=True)
class DemoUser:
    """What the check needs to know of a demo user: whether they work in the kit's service."""

    username: str
    service: str  # the register service of their team, or ""


def _answer_problem(spec: Field, value: Any) -> str | None:
    if value is None:
        return None if not spec.required or spec.kind == "bool" else f"{spec.key} is required"
    expected: dict[str, tuple[type, ...]] = {
        "date": (Ago, Ahead),
        "int": (int,),
        "bool": (bool,),
        "choice": (str,),
        "text": (str,),
        "line": (str,),
        "time": (str,),
        "multichoice": (tuple, list),
    }
    if not isinstance(value, expected[spec.kind]):
        return f"{spec.key} should be a {spec.kind}"
    return _choice_problem(spec, value)


def _choice_problem(spec: Field, value: Any) -> str | None:
    allowed = {key for key, _label in spec.choices}
    if spec.kind == "choice" and value not in allowed:
        return f"{spec.key}: {value!r} is not one of its choices"
    if spec.kind == "multichoice" and not {str(item) for item in list(value)} <= allowed:
        return f"{spec.key}: not all of {value!r} are choices"
    return None


def answers_problems(fields: tuple[Field, ...], answers: Answers) -> list[str]:
    specs = {spec.key: spec for spec in fields}
    problems = [f"{key} is not a question of the form" for key in answers if key not in specs]
    for spec in fields:
        problem = _answer_problem(spec, answers.get(spec.key))
        if problem:
            problems.append(problem)
    return problems


def submitter_kind(by: str, kit: ServiceKit, users: Mapping[str, DemoUser]) -> Submitter | None:
    if by == SCHOOL_USER:
        return Submitter.SCHOOL
    user = users.get(by)
    if user is None:
        return None
    return Submitter.SERVICE if user.service == kit.service else Submitter.OTHER_TEAM


@dataclass
class _Walk:
    """Where a scenario has got to as it is walked."""

    stage: str = ""
    opened: bool = False
    closed: bool = False
    consent: bool = False
    objection: bool = False


def _staff_problem(by: str, kit: ServiceKit, users: Mapping[str, DemoUser]) -> str | None:
    user = users.get(by)
    if user is None:
        return f"no demo user {by!r}"
    return None if user.service == kit.service else f"{by} does not work in {kit.service}"


def _referral_problems(referral: Refer, kit: ServiceKit, users: Mapping[str, DemoUser]) -> Iterator[str]:
    try:
        form = kit.intake_form(referral.form)
    except LookupError as missing:
        yield str(missing)
        return
    kind = submitter_kind(referral.by, kit, users)
    if kind is None:
        yield f"no demo user {referral.by!r}"
    elif kind not in form.submitters:
        yield f"{referral.by} may not submit {form.key}"
    yield from answers_problems(form.fields, referral.answers)


def _step_problems(action: Record, kit: ServiceKit, walk: _Walk) -> Iterator[str]:
    try:
        step = kit.step(action.step)
    except LookupError as missing:
        yield str(missing)
        return
    if step.stages and walk.stage not in step.stages:
        yield f"{step.key} is not valid at the stage {walk.stage!r}"
    if step.decision and not action.rationale.strip():
        yield f"{step.key} is a decision: give the reasons"
    yield from (f"{step.key}: {problem}" for problem in answers_problems(step.fields, action.answers))
    if step.happened and not isinstance(action.answers.get(step.happened), Ago):
        yield f"{step.key}: {step.happened} dates the step, so it is today or before (Ago)"
    walk.stage = step.moves_to or walk.stage


def _action_problems(
    action: Action, kit: ServiceKit, users: Mapping[str, DemoUser], walk: _Walk, consent_purposes: set[str]
) -> Iterator[str]:
    if isinstance(action, Refer):
        yield "a scenario has one referral, first"
    elif isinstance(action, Accept | Return):
        if walk.opened:
            yield "the referral is triaged twice"
        yield from filter(None, [_staff_problem(action.by, kit, users)])
        if isinstance(action, Accept):
            yield from filter(None, [_staff_problem(action.worker, kit, users)])
            walk.opened = True
        else:
            walk.closed = True  # nothing follows a returned referral
    elif not walk.opened or walk.closed:
        yield f"{type(action).__name__} needs an open case"
    elif isinstance(action, Record):
        yield from _step_problems(action, kit, walk)
    elif isinstance(action, Withdraw):
        yield from [] if walk.consent else ["no consent came with the referral to withdraw"]
    elif isinstance(action, Object):
        if action.purpose in consent_purposes:
            yield f"{action.purpose} rests on consent: withdraw it rather than object"
        walk.objection = True
    elif isinstance(action, Answer):
        yield from [] if walk.objection else ["no objection to answer"]
    elif isinstance(action, Close):
        walk.closed = True


def script_problems(
    scenario: Scenario,
    kit: ServiceKit,
    users: Mapping[str, DemoUser],
    *,
    purposes: set[str],
    consent_purposes: set[str],
) -> list[str]:
    """Every reason the kit's services would refuse this scenario, found without running it.

    ``purposes`` are the service's purposes in the register, ``consent_purposes`` those resting on consent.
    """
    referral = scenario.referral
    problems = list(_referral_problems(referral, kit, users))
    walk = _Walk()
    try:
        form = kit.intake_form(referral.form)
        walk.stage = form.opening_stage or kit.stages[0].key
        walk.consent = bool(form.consent_purpose)
    except LookupError:
        return problems
    for action in scenario.actions[1:]:
        if isinstance(action, Object) and action.purpose not in purposes:
            problems.append(f"the service has no purpose {action.purpose!r}")
        problems += _action_problems(action, kit, users, walk, consent_purposes)
    return [f"{scenario.name}: {problem}" for problem in problems]


def on_a_weekday(day: date) -> date:
    """The day, or the Friday before it: workers record what happened on working days."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def resolve(value: Any, *, today: date, names: Mapping[str, str]) -> Any:
    """An answer as the kit's services take it: dates from Ago and Ahead, names put into text."""
    if isinstance(value, Ago):
        return on_a_weekday(today - timedelta(days=value.days))
    if isinstance(value, Ahead):
        return today + timedelta(days=value.days)
    if isinstance(value, str):
        return value.format(**names)
    return value
