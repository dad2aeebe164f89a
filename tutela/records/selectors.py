"""Reading governed records: every selector takes the actor and asks the gate.

The person page costs a fixed number of queries however many records there are: the records in
one query, the gate's context in a few, and one audit entry for the whole page.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.casework.models import Case
from tutela.consent.models import Consent
from tutela.consent.selectors import ConsentRow as PupilConsentRow
from tutela.consent.selectors import ObjectionRow, consent_recipient_names, consent_rows, objection_rows
from tutela.governance.errors import GateDenied
from tutela.governance.gate import (
    SUBJECT_KEYS,
    Action,
    ActorContext,
    Decision,
    Touch,
    actor_context,
    check,
    decide,
    decide_groups,
    need_to_know,
    subject_contexts,
)
from tutela.people.models import Person, Relationship
from tutela.records import categories as declared
from tutela.records.crypto import ContentDestroyed, decrypt_for_subject
from tutela.records.models import Document, Record
from tutela.records.services import record_touch
from tutela.register.api import register
from tutela.register.schema import LawfulBasis, Purpose

if TYPE_CHECKING:
    from tutela.sharing.selectors import Holder


@dataclass(frozen=True, slots=True)
class RecordRow:
    """A record as a list shows it: its details if allowed, only that it exists if not."""

    pk: int
    kind: str
    occurred_on: date
    allowed: bool
    title: str
    service: str
    purpose: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RecordView:
    record: Record
    body: str
    destroyed: bool
    decision: Decision


def _records_of(person: Person) -> list[Record]:
    return list(
        Record.objects.filter(subject=person)
        .select_related("case", "controller", "subject")
        .order_by("-occurred_on", "-recorded_at")
    )


def _decision_key(record: Record) -> tuple[object, ...]:
    # The same fields as Touch.decision_key, read straight off the record (no Touch per record).
    case = record.case
    return (
        record.subject_id,
        record.controller_id,
        record.service,
        record.purpose,
        tuple(record.categories),
        record.case_id,
        case.owning_team_id if case else None,
        case.allocated_worker_id if case else None,
        record.processing_restricted,
        record.source_school_id,
    )


def records_decide(*, actor: User, records: Sequence[Record], summary: str) -> list[Decision]:
    """The gate's decision on reading each record, in order: one check for each group of records that
    share everything a decision depends on, and one audit entry for them all. The records need their
    case, controller and subject loaded."""
    groups: dict[tuple[object, ...], tuple[Touch, list[str]]] = {}
    keys = [_decision_key(record) for record in records]
    for record, key in zip(records, keys, strict=True):
        if key not in groups:
            groups[key] = (record_touch(record), [])
        groups[key][1].append(str(record.pk))
    decided = dict(
        zip(
            groups,
            decide_groups(actor=actor, action=Action.READ, groups=list(groups.values()), summary=summary),
            strict=True,
        )
    )
    return [decided[key] for key in keys]


def person_record_rows(*, actor: User, person: Person) -> list[RecordRow]:
    records = _records_of(person)
    decisions = records_decide(actor=actor, records=records, summary="person page records")
    return [
        RecordRow(
            pk=record.pk,
            kind=record.get_kind_display(),
            occurred_on=record.occurred_on,
            allowed=decision.allowed,
            title=record.title if decision.allowed else "",
            service=record.service,
            purpose=record.purpose if decision.allowed else "",
            reasons=decision.reasons,
        )
        for record, decision in zip(records, decisions, strict=True)
    ]


def record_read(*, actor: User, record_id: int) -> RecordView:
    """One record with its content decrypted, if the gate allows this actor to read it."""
    record = Record.objects.select_related("case", "controller", "subject").get(pk=record_id)
    decision = decide(actor=actor, action=Action.READ, touch=record_touch(record))
    if not decision:
        raise GateDenied(decision)
    if not record.encrypted:
        return RecordView(record, record.body, destroyed=False, decision=decision)
    try:
        body = decrypt_for_subject(record.subject_id, bytes(record.body_ciphertext or b"")).decode()
    except ContentDestroyed:
        return RecordView(record, "", destroyed=True, decision=decision)
    return RecordView(record, body, destroyed=False, decision=decision)


def document_content(*, actor: User, record_id: int) -> tuple[Document, bytes]:
    """A record's file, decrypted, if the gate allows this actor to read the record (audited either way)."""
    view = record_read(actor=actor, record_id=record_id)
    document = Document.objects.filter(record=view.record).first()
    if document is None:
        raise Document.DoesNotExist(f"record {record_id} has no file")
    sealed = (settings.DOCUMENT_STORE_DIR / document.storage_name).read_bytes()
    return document, decrypt_for_subject(view.record.subject_id, sealed)


@dataclass(frozen=True)
class ConsentRow:
    consent: Consent
    purpose: str
    service: str
    recipients: str = ""


@dataclass(frozen=True)
class PersonPage:
    person: Person
    records: list[RecordRow]
    relationships: list[Relationship]
    consents: list[ConsentRow]
    cases: list[Case]
    service_names: dict[str, str]
    shared_with: list["Holder"]
    objections: list["ObjectionRow"] = field(default_factory=list)
    casework: bool = True
    # For a school user: their own pupil's live consents, to pass on a parent's withdrawal (seed 001).
    pupil_consents: list[PupilConsentRow] = field(
        default_factory=list
    )  # whether the viewer takes part in the controller's casework (not a school user)


def _names(controllers: set[str]) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Service and purpose names from the register, so pages never show register keys."""
    registers = register()
    services: dict[str, str] = {}
    purposes: dict[tuple[str, str], str] = {}
    for key in controllers:
        try:
            found = registers.controller(key)
        except LookupError:
            continue
        for service in found.services:
            services[service.key] = service.name
            purposes.update({(service.key, purpose.key): purpose.description for purpose in service.purposes})
    return services, purposes


def case_touch(case: Case, person: Person) -> Touch:
    return Touch(
        subject=person,
        controller=case.controller.slug,
        service=case.service,
        purpose="",
        categories=(),
        case_id=case.pk,
        case_team_id=case.owning_team_id,
        case_worker_id=case.allocated_worker_id,
    )


def _identity_visible(actor: User, person: Person, readable: bool, cases: list[Case]) -> str:
    """How the actor may know who this person is, or '' if not. Identity follows need to know: a
    readable record, a case the actor may see, a pupil of the school user's school, a person the
    actor's team added, or an active break-glass grant."""
    if readable:
        return "may read a record about this person"
    context = actor_context(actor, [person.pk], timezone.now())
    grants = context.break_glass.get(person.pk, {})
    if grants:
        return "break-glass: " + "; ".join(sorted(grants.values()))
    if context.school_id is not None and person.school_id == context.school_id:
        return "a pupil of your school"
    if person.registered_by_team_id in context.team_ids:
        return "added by your team"
    via = next((via for case in cases if (via := need_to_know(case_touch(case, person), context))), "")
    return via or _family_visible(context, person)


def _family_visible(context: ActorContext, person: Person) -> str:
    """How the actor knows a parent or carer through a case they are on, or ''. Only the case's
    worker and team (the gate's need to know), only within what the service's family purpose
    covers (``case_family_file``), and only while the person is on the case."""
    cases = list(Case.objects.filter(family=person).select_related("controller"))
    if not cases:
        return ""
    subject = subject_contexts([person.pk])[person.pk]
    registers = register()
    for case in cases:
        decision = check(
            case_family_touch(case, person), Action.READ, actor=context, subject=subject, registers=registers
        )
        if decision.allowed and decision.via != "break-glass":
            return f"on case {case.reference}: {decision.via}"
    return ""


def _outside_casework(actor: User) -> bool:
    """A school user works with the LA, not in its casework: they see what their school submitted
    about its pupils and nothing of the LA's casework (its cases, consents, disclosures, nor that
    records they may not read exist). The referrals they made, with their status, are theirs to see."""
    return actor.school_id is not None


def _pupil_consents(actor: User, person: Person) -> list[PupilConsentRow]:
    """Seed 001: a parent withdraws consent through the child's school, who inform the service."""
    if actor.school_id is None or person.school_id != actor.school_id:
        return []
    return consent_rows(person=person, controller_id=actor.controller_id, live_only=True)


def person_page(*, actor: User, person_id: int) -> PersonPage:
    person = Person.objects.select_related("school").get(pk=person_id)
    rows = person_record_rows(actor=actor, person=person)
    cases = list(Case.objects.filter(child=person).select_related("controller", "owning_team"))
    via = _identity_visible(actor, person, any(row.allowed for row in rows), cases)
    if not any(row.allowed for row in rows):
        # The page shows who the person is, their relationships and consents: audited allowed or
        # refused. (An allowed record read is already in the records' entry, which names the person.)
        audit_record(
            actor=actor,
            action="read",
            object_type="people.person",
            object_id=person.pk,
            subject_id=person.pk,
            decision="allowed" if via else "denied",
            reason=via or "no need to know this person",
        )
    if not via:
        raise GateDenied(Decision(False, ("no need to know this person",), subject_id=person.pk))
    relationships = list(
        Relationship.objects.filter(child=person).select_related("person")
        | Relationship.objects.filter(person=person).select_related("child")
    )
    if _outside_casework(actor):
        return PersonPage(
            person=person,
            records=[row for row in rows if row.allowed],
            relationships=relationships,
            consents=[],
            cases=[],
            service_names={},
            shared_with=[],
            casework=False,
            pupil_consents=_pupil_consents(actor, person),
        )
    consents = list(Consent.objects.filter(subject=person).select_related("given_by", "controller"))
    services, purposes = _names({case.controller.slug for case in cases} | {c.controller.slug for c in consents})
    consent_rows = [
        ConsentRow(
            consent,
            "; ".join(purposes.get((consent.service, key), key) for key in consent.purposes),
            services.get(consent.service, consent.service),
            consent_recipient_names(consent=consent),
        )
        for consent in consents
    ]
    # The person page gathers every part's view of the person, sharing and objections included.
    from tutela.sharing.selectors import recipients_holding

    return PersonPage(
        person=person,
        records=rows,
        relationships=relationships,
        consents=consent_rows,
        cases=cases,
        service_names=services,
        shared_with=recipients_holding(person=person),
        objections=objection_rows(person=person),
    )


def person_for_actor(*, actor: User, person_id: int, page: str) -> Person:
    """The person, if the actor may know who they are (the person page's rule: ``_identity_visible``).

    One audit entry for the page, naming the person, allowed or refused; a refusal raises GateDenied."""
    person = Person.objects.select_related("school").get(pk=person_id)
    records = _records_of(person)
    readable = any(records_decide(actor=actor, records=records, summary=page))
    cases = list(Case.objects.filter(child=person).select_related("controller", "owning_team"))
    via = _identity_visible(actor, person, readable, cases)
    audit_record(
        actor=actor,
        action="read",
        object_type="people.person",
        object_id=person.pk,
        subject_id=person.pk,
        decision="allowed" if via else "denied",
        reason=f"{page}: {via}" if via else "no need to know this person",
    )
    if not via:
        raise GateDenied(Decision(False, ("no need to know this person",), subject_id=person.pk))
    return person


# What a case file holds about its child, in the taxonomy's words: the child's name and, where the
# service keeps them, its referral forms, reports and file notes. A service without that category (a
# school's safeguarding file is kept as notes of concern) reads its cases as the child's name alone;
# every record on the case is then decided on its own purpose and categories.
CASE_FILE_NAME = declared.CHILD_NAME
CASE_FILE_CATEGORIES = (CASE_FILE_NAME, declared.CASE_RECORDS)


def case_file(*, controller: str, service: str) -> tuple[str, tuple[str, ...]]:
    """The purpose a service keeps its case files for, and the categories reading one touches: its
    first live purpose in the register that may touch every category of a case file, else its first
    that may touch the child's name; ('', CASE_FILE_CATEGORIES) when none may (the gate then refuses)."""
    try:
        purposes = [p for p in register().service(controller, service).purposes if not p.retired]
    except LookupError:
        return "", CASE_FILE_CATEGORIES
    for wanted in (CASE_FILE_CATEGORIES, (CASE_FILE_NAME,)):
        fitting = next((p.key for p in purposes if set(wanted) <= set(p.categories)), "")
        if fitting:
            return fitting, wanted
    return "", CASE_FILE_CATEGORIES


def case_purpose(*, controller: str, service: str) -> str:
    """The purpose a service keeps its case files for (``case_file``)."""
    return case_file(controller=controller, service=service)[0]


def case_read_touch(case: Case) -> Touch:
    """Reading a case (its child, reference, stage, tasks and closure) is reading the case file."""
    purpose, categories = case_file(controller=case.controller.slug, service=case.service)
    return Touch(
        subject=case.child,
        controller=case.controller.slug,
        service=case.service,
        purpose=purpose,
        categories=categories,
        case_id=case.pk,
        case_team_id=case.owning_team_id,
        case_worker_id=case.allocated_worker_id,
        object_type="casework.case",
        object_id=str(case.pk),
    )


def case_for_actor(*, actor: User, case_id: int, action: Action = Action.READ) -> Case:
    """A case the gate lets the actor read, or work on: the register's purpose for case files, its
    basis, no restriction or upheld objection, and need to know. Audited whether allowed or refused.

    Working on a case (any action but reading) needs need to know itself: a break-glass grant opens
    a case for reading only, as it always has.
    """
    case = Case.objects.select_related("controller", "child", "owning_team").get(pk=case_id)
    decision = decide(actor=actor, action=action, touch=case_read_touch(case))
    if decision.via == "break-glass" and action != Action.READ:
        decision = Decision(False, ("break-glass gives access to read, not to work on the case",))
        audit_record(
            actor=actor,
            action=str(action),
            object_type="casework.case",
            object_id=case.pk,
            subject_id=case.child_id,
            decision="denied",
            reason=decision.reasons[0],
        )
    if not decision:
        raise GateDenied(decision)
    return case


# What a case page shows about each parent or carer on the case, by the taxonomy category covering it.
FAMILY_NAME = "family.identity.name"
FAMILY_SHOWN = (
    FAMILY_NAME,
    "family.relationships",
    "family.contact.address",
    "family.contact.phone",
    "family.contact.email",
)


def case_family_file(*, controller: str, service: str) -> tuple[str, tuple[str, ...]]:
    """The purpose a service knows the parents and carers on its cases for, and which of what the case
    page shows of them it covers: the case file's own purpose where it covers parents' names, else the
    live purpose not resting on consent that covers most of it (the register's order breaks a tie).
    ('', (FAMILY_NAME,)) where none does: the gate then refuses."""
    parent = SUBJECT_KEYS[Person.Kind.PARENT]
    try:
        purposes = [
            p
            for p in register().service(controller, service).purposes
            if not p.retired and parent in p.data_subjects and FAMILY_NAME in p.categories
        ]
    except LookupError:
        return "", (FAMILY_NAME,)
    own = case_purpose(controller=controller, service=service)
    chosen = next((p for p in purposes if p.key == own), None)
    if chosen is None:
        candidates = [p for p in purposes if p.lawful_basis != LawfulBasis.CONSENT]
        if not candidates:
            return "", (FAMILY_NAME,)
        chosen = max(candidates, key=lambda p: len(set(FAMILY_SHOWN) & set(p.categories)))
    return chosen.key, tuple(key for key in FAMILY_SHOWN if key in chosen.categories)


def case_family_touch(case: Case, person: Person) -> Touch:
    """Reading a parent or carer on the case: who they are, and what the family purpose covers of them."""
    purpose, categories = case_family_file(controller=case.controller.slug, service=case.service)
    return Touch(
        subject=person,
        controller=case.controller.slug,
        service=case.service,
        purpose=purpose,
        categories=categories,
        case_id=case.pk,
        case_team_id=case.owning_team_id,
        case_worker_id=case.allocated_worker_id,
        object_type="people.person",
        object_id=str(person.pk),
    )


def recording_purposes(*, case: Case) -> list[Purpose]:
    """The purposes a record on this case may be kept for: the live purposes of the case's own service
    that cover its child (a record on a case is about the child), in the register's order."""
    try:
        service = register().service(case.controller.slug, case.service)
    except LookupError:
        return []
    subject = SUBJECT_KEYS.get(Person.Kind(case.child.kind), "")
    return [purpose for purpose in service.purposes if not purpose.retired and subject in purpose.data_subjects]


def recording_categories(*, purpose: Purpose) -> list[tuple[str, str]]:
    """What a record kept for this purpose may hold, as (key, the taxonomy's label): nothing else is offered."""
    return [(category.key, category.label) for category in register().categories(list(purpose.categories))]
