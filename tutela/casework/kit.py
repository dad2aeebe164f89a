"""The casework kit: what a service declares to take referrals, open cases and work them.

A service is a register entry plus one ``ServiceKit``: its intake forms (who may refer, what they
give), its stages and the steps valid at each, and its letters, all as data. The casework pages
(intake, triage, the case page, tasks, flags, closure) read the kit; they hold nothing about any
one service. Purposes and categories a kit names are the register's keys and are checked against
the register when Django starts (``kit_problems`` via the casework system check), so a kit can
never record what its service's register entry does not allow.

Service apps declare their kit in ``kit.py`` and register it in their ``AppConfig.ready``.
Casework never imports a service app: it finds kits through ``kit_for``.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

FieldKind = Literal["date", "time", "text", "line", "choice", "multichoice", "int", "bool"]


@dataclass(frozen=True)
class Field:
    """One question on a form. ``content`` answers are what was said or written: they go into the
    governed record's body (encrypted where the categories are special or criminal); the rest are
    kept as data that rules and dashboards run on."""

    key: str
    label: str
    kind: FieldKind
    required: bool = True
    choices: tuple[tuple[str, str], ...] = ()
    content: bool = False
    hint: str = ""


class Submitter(StrEnum):
    """Who may send a service a referral or request."""

    SCHOOL = "school"  # a school user, about a pupil of their own school
    OTHER_TEAM = "other_team"  # staff of another team of the same controller
    SERVICE = "service"  # staff of the service itself (a self-referral taken by phone, say)
    PUBLIC = "public"  # a parent or young person, only where the register names parents as a source


@dataclass(frozen=True)
class IntakeResult:
    """What a service's ``prepare`` hook adds to a referral: facts kept as data, documents attached,
    and problems with the input (field key to message) that refuse the referral."""

    data: dict[str, Any] = field(default_factory=dict)
    attachments: tuple[Any, ...] = ()  # records.services.Upload, with the title to give each
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class IntakeForm:
    """A referral or request form of a service."""

    key: str
    title: str  # "Refer a pupil for attendance support"
    submitters: frozenset[Submitter]
    purpose: str  # the register purpose the referral is recorded under
    categories: tuple[str, ...]  # what the referral record holds about the child
    fields: tuple[Field, ...]
    family: Literal["required", "optional", "none"] = "optional"  # parents and carers named on it
    family_needs_address: bool = False
    attachments: bool = True  # the referrer may attach documents
    consent_purpose: str = ""  # a consent-based purpose whose consent comes with the referral
    opening_stage: str = ""  # the stage a case opened from it starts at (the kit's first stage if empty)
    prepare: Callable[..., IntakeResult] | None = None  # service hook, called with child, answers, actor, as_of
    description: str = ""
    submit_label: str = "Send referral"  # the form's button, in the service's words


@dataclass(frozen=True)
class Stage:
    key: str
    name: str
    next: tuple[str, ...] = ()  # the stages a case may move on to from here


@dataclass(frozen=True)
class Step:
    """Something a worker records on a case, valid at some stages."""

    key: str
    name: str
    stages: tuple[str, ...]  # valid at these stages (empty: at every stage)
    purpose: str
    categories: tuple[str, ...]
    fields: tuple[Field, ...]
    happened: str = ""  # the date field that dates the step (today if empty)
    moves_to: str = ""  # the stage the case moves to once the step is recorded
    decision: bool = False  # a step with legal or significant effect: a named officer decides, with a rationale
    letter: str = ""  # key of one of the kit's letters, produced from the step


@dataclass(frozen=True)
class Letter:
    key: str
    title: str
    template: str  # under templates/letters/
    purpose: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class ServicePage:
    """A page of the service's own: its title, its URL name (no arguments), and whether only the
    service's managers may open it (then only they are offered it)."""

    title: str
    url_name: str
    managers_only: bool = False


@dataclass(frozen=True)
class ServiceKit:
    service: str  # the register service key, e.g. "engagement-centres"
    stages: tuple[Stage, ...]
    intake: tuple[IntakeForm, ...] = ()
    steps: tuple[Step, ...] = ()
    letters: tuple[Letter, ...] = ()
    case_url_name: str = ""  # a service with a case page of its own (ESS); the kit's page otherwise
    # Pages of the service's own, linked from its service dashboard (ESS's officer's and manager's dashboards).
    pages: tuple["ServicePage", ...] = ()
    # The roles (codes) whose holders triage the service's referrals; empty: any member of a team
    # delivering the service (Werneth: the safeguarding lead and the headteacher, not pastoral staff).
    triaged_by: frozenset[str] = frozenset()

    def stage(self, key: str) -> Stage:
        for stage in self.stages:
            if stage.key == key:
                return stage
        raise LookupError(f"{self.service} has no stage {key!r}")

    def stage_name(self, key: str) -> str:
        try:
            return self.stage(key).name
        except LookupError:
            return key.replace("-", " ").capitalize()

    def intake_form(self, key: str) -> IntakeForm:
        for form in self.intake:
            if form.key == key:
                return form
        raise LookupError(f"{self.service} has no intake form {key!r}")

    def steps_at(self, stage: str) -> tuple[Step, ...]:
        """The steps a worker may record at this stage: what "Next steps" offers."""
        return tuple(step for step in self.steps if not step.stages or stage in step.stages)

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise LookupError(f"{self.service} has no step {key!r}")

    def letter(self, key: str) -> Letter:
        for letter in self.letters:
            if letter.key == key:
                return letter
        raise LookupError(f"{self.service} has no letter {key!r}")


_KITS: dict[str, ServiceKit] = {}


def kit_register(kit: ServiceKit) -> None:
    """Called from a service app's ``AppConfig.ready``; registering the same kit twice is harmless."""
    _KITS[kit.service] = kit


def kit_for(service: str) -> ServiceKit:
    try:
        return _KITS[service]
    except KeyError:
        raise LookupError(f"No casework kit is registered for the service {service!r}") from None


def kits() -> Iterator[ServiceKit]:
    yield from _KITS.values()
