"""The case page every service shares, read through the gate part by part.

The case itself is one gated, audited read (``case_for_actor``, by the caller). The parents and
carers on it are decided in one batch, within what the service's family purpose covers
(``case_family_file``); the chronology decides each record (and so the documents, steps and
letters, each of which is a record). What the actor may not read is left out, or shown as
"Restricted" in the chronology. Stages, steps and letters come from the service's kit.
"""

from dataclasses import dataclass
from datetime import date

from tutela.accounts.models import User
from tutela.casework import categories as declared
from tutela.casework.access import case_family_touch
from tutela.casework.chronology import ChronologyEntry, case_chronology
from tutela.casework.kit import Letter, ServiceKit, Step
from tutela.casework.models import Case, CaseFlag, CaseTask
from tutela.casework.steps import case_kit, current_stage, next_stages
from tutela.consent.models import Consent
from tutela.consent.selectors import consent_recipient_names
from tutela.governance.gate import Action, decide_many
from tutela.people.models import Person, Relationship
from tutela.records.models import Record
from tutela.register.api import register


@dataclass(frozen=True)
class FamilyRow:
    """A parent or carer on the case, with only what the family purpose covers (else None)."""

    person: Person
    relationship: str | None
    parental_responsibility: bool | None
    address: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class TaskRow:
    task: CaseTask
    overdue: bool
    due_soon: bool


@dataclass(frozen=True)
class ConsentRow:
    consent: Consent
    purposes: str
    recipients: str


@dataclass(frozen=True)
class CasePage:
    case: Case
    kit: ServiceKit
    service_name: str
    stage_name: str
    family: list[FamilyRow]
    tasks: list[TaskRow]
    chronology: list[ChronologyEntry]
    documents: list[Record]
    consents: list[ConsentRow]
    flags: list[CaseFlag]
    next_steps: tuple[Step, ...]
    moves: list[tuple[str, str]]  # (stage key, stage name)
    letters: tuple[Letter, ...]
    takes_consent: bool = False  # the service has a purpose resting on consent


def _holds_responsibility(relationship: Relationship, today: date) -> bool:
    started = relationship.responsibility_from is None or relationship.responsibility_from <= today
    ended = relationship.responsibility_until is not None and relationship.responsibility_until < today
    return relationship.parental_responsibility and started and not ended


def case_family(*, actor: User, case: Case, today: date) -> list[FamilyRow]:
    """The parents and carers on the case the gate lets the actor know (one decision batch, one audit entry)."""
    family = list(case.family.all())
    touches = [case_family_touch(case, person) for person in family]
    decisions = decide_many(actor=actor, action=Action.READ, touches=touches, summary="case family")
    known = [person for person, decision in zip(family, decisions, strict=True) if decision.allowed]
    covered = set(touches[0].categories) if touches else set()
    relationships = {
        rel.person_id: rel for rel in Relationship.objects.filter(child_id=case.child_id, person__in=known)
    }

    def shown(category: str, value: str) -> str | None:
        return value if category in covered else None

    rows = []
    for person in known:
        rel = relationships.get(person.pk) if declared.RELATIONSHIPS in covered else None
        rows.append(
            FamilyRow(
                person=person,
                relationship=rel.get_kind_display() if rel is not None else None,
                parental_responsibility=_holds_responsibility(rel, today) if rel is not None else None,
                address=shown(declared.PARENT_ADDRESS, person.address),
                phone=shown(declared.PARENT_PHONE, person.phone),
                email=shown(declared.PARENT_EMAIL, person.email),
            )
        )
    return rows


def _names(case: Case) -> tuple[str, dict[str, str]]:
    """The service's name and its purposes' names for staff, from the register."""
    try:
        service = register().service(case.controller.slug, case.service)
    except LookupError:
        return case.service, {}
    return service.name, {purpose.key: purpose.label for purpose in service.purposes}


def case_consents(*, case: Case, purposes: dict[str, str]) -> list[ConsentRow]:
    """The child's consents in the case's service, live or withdrawn, with their scope."""
    consents = Consent.objects.filter(subject=case.child, controller=case.controller, service=case.service)
    return [
        ConsentRow(
            consent,
            "; ".join(purposes.get(key, key) for key in consent.purposes),
            consent_recipient_names(consent=consent),
        )
        for consent in consents.select_related("given_by", "controller")
    ]


def case_page(*, actor: User, case: Case, today: date) -> CasePage:
    """Everything the case page shows, for a case already read through ``case_for_actor``."""
    kit = case_kit(case)
    chronology = case_chronology(actor=actor, case=case)
    readable = {entry.record_id for entry in chronology if entry.record_id is not None}
    service_name, purposes = _names(case)
    stage = current_stage(kit, case)
    tasks = case.tasks.filter(done_at__isnull=True).select_related("assigned_to")
    documents = Record.objects.filter(case=case, kind=Record.Kind.DOCUMENT, pk__in=readable)
    return CasePage(
        case=case,
        kit=kit,
        service_name=service_name,
        stage_name=kit.stage_name(stage) if stage else "Not started",
        family=case_family(actor=actor, case=case, today=today),
        tasks=[TaskRow(task, task.due_on < today, task.warn_on <= today <= task.due_on) for task in tasks],
        chronology=chronology,
        documents=list(documents.order_by("-occurred_on", "-recorded_at")),
        consents=case_consents(case=case, purposes=purposes),
        flags=list(case.flags.filter(resolved_at__isnull=True).order_by("raised_at")),
        next_steps=kit.steps_at(stage) if case.is_open else (),
        moves=[(key, kit.stage_name(key)) for key in next_stages(kit, case)] if case.is_open else [],
        letters=kit.letters if case.is_open else (),
        takes_consent=bool(register().consent_purposes(case.controller.slug, case.service)),
    )
