"""Reading governed records: every selector takes the actor and asks the gate.

The person page (tutela.web.person_page) costs a fixed number of queries however many records there are: the records in
one query, the gate's context in a few, and one audit entry for the whole page.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.governance.errors import GateDenied
from tutela.governance.gate import (
    Action,
    ActorContext,
    Decision,
    Touch,
    actor_context,
    decide,
    decide_groups,
)
from tutela.people.models import Person
from tutela.records.crypto import ContentDestroyed, decrypt_for_subject
from tutela.records.models import Document, Record
from tutela.records.services import record_touch
from tutela.register.api import register

if TYPE_CHECKING:
    pass


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


# Need to know through a case (its worker and team know its child, and the parents and carers on
# it) is casework's rule, and casework sits above records: it registers that rule here at start-up
# (tutela.casework.apps). Without it nobody would know a person through a case: identity fails closed.
IdentitySource = Callable[[ActorContext, Person], str]
_identity_sources: list[IdentitySource] = []


def identity_source_register(source: IdentitySource) -> None:
    """Add a way an actor may know who a person is (called by a higher app at start-up)."""
    if source not in _identity_sources:
        _identity_sources.append(source)


def identity_visible(actor: User, person: Person, readable: bool) -> str:
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
    return next((via for source in _identity_sources if (via := source(context, person))), "")


def person_for_actor(*, actor: User, person_id: int, page: str) -> Person:
    """The person, if the actor may know who they are (the person page's rule: ``identity_visible``).

    One audit entry for the page, naming the person, allowed or refused; a refusal raises GateDenied."""
    person = Person.objects.select_related("school").get(pk=person_id)
    records = _records_of(person)
    readable = any(records_decide(actor=actor, records=records, summary=page))
    via = identity_visible(actor, person, readable)
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


@dataclass(frozen=True)
class RecordWords:
    """What the record page says of the register entries a record rests on, never their keys."""

    service: str
    purpose: str
    retention: str


def record_words(*, record: Record) -> RecordWords:
    """The service's name, the purpose's title and the retention rule's records, from the register;
    a key in words where the register no longer has the entry (a retired service, say)."""
    try:
        service = register().service(record.controller.slug, record.service)
    except LookupError:
        return RecordWords(record.service.replace("-", " ").capitalize(), record.purpose, "")
    purpose = next((p.label for p in service.purposes if p.key == record.purpose), record.purpose)
    retention = next((r.records for r in service.retention if r.key == record.retention_class), "")
    return RecordWords(service.name, purpose, retention)
