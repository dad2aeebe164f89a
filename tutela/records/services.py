"""Writing governed records: every write asks the gate first, then works inside one transaction."""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import Controller, User
from tutela.audit.services import audit_record
from tutela.governance.errors import GateDenied
from tutela.governance.gate import REFERRAL_OBJECT, Action, Touch, decide
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person, School
from tutela.records.crypto import encrypt_for_subject, keystore
from tutela.records.models import Document, Record
from tutela.records.retention import retention_due
from tutela.records.signals import record_restricted
from tutela.register.api import register

if TYPE_CHECKING:  # a record may be on a case; casework sits above records
    from tutela.casework.models import Case


@dataclass(frozen=True)
class Upload:
    filename: str
    content_type: str
    content: bytes


def record_touch(record: Record) -> Touch:
    """What reading or changing an existing record touches."""
    case = record.case
    return Touch(
        subject=record.subject,
        controller=record.controller.slug,
        service=record.service,
        purpose=record.purpose,
        categories=tuple(record.categories),
        case_id=case.pk if case else None,
        case_team_id=case.owning_team_id if case else None,
        case_worker_id=case.allocated_worker_id if case else None,
        record_restricted=record.processing_restricted,
        source_school_id=record.source_school_id,
        object_type="records.record",
        object_id=str(record.pk),
    )


def _check_input(*, categories: list[str], title: str, occurred_on: date, kind: str) -> None:
    errors: dict[str, str] = {}
    known = {category.key for category in register().taxonomy.categories}
    unknown = [key for key in categories if key not in known]
    if not categories:
        errors["categories"] = "Choose at least one category of information"
    elif unknown:
        errors["categories"] = f"Unknown category: {', '.join(unknown)}"
    if not title.strip():
        errors["title"] = "Enter a title"
    if occurred_on > timezone.localdate():
        errors["occurred_on"] = "The date must be today or in the past"
    if kind not in Record.Kind.values:
        errors["kind"] = "Choose a type of record"
    if errors:
        raise InvalidInput(errors)


def _sensitive(categories: list[str]) -> bool:
    found = register().categories(categories)
    return any(category.special or category.criminal for category in found)


def record_create(
    *,
    actor: User,
    subject: Person,
    controller: Controller,
    service: str,
    purpose: str,
    categories: list[str],
    kind: str,
    title: str,
    body: str,
    occurred_on: date,
    source: str,
    source_detail: str = "",
    source_school: School | None = None,
    case: "Case | None" = None,
    contact_method: str = "",
    contact_with: str = "",
    upload: Upload | None = None,
    referral: bool = False,
) -> Record:
    """Create a record after the gate allows it; special and criminal content is stored encrypted.

    ``referral``: the record is a referral made to the service by staff of another of the
    controller's teams, which the gate lets them create (and nothing else of the service's)."""
    _check_input(categories=categories, title=title, occurred_on=occurred_on, kind=kind)
    # The record as it would be written, unsaved: the gate is asked about exactly this.
    record = Record(
        kind=kind,
        subject=subject,
        case=case,
        controller=controller,
        service=service,
        purpose=purpose,
        categories=categories,
        source=source,
        source_detail=source_detail,
        source_school=source_school,
        title=title.strip(),
        occurred_on=occurred_on,
        contact_method=contact_method,
        contact_with=contact_with,
        recorded_by=actor,
    )
    _gate_create(actor=actor, record=record, referral=referral)
    _set_retention(record)
    _save_created(actor=actor, record=record, body=body, upload=upload)
    return record


def _save_created(*, actor: User, record: Record, body: str, upload: Upload | None) -> None:
    """Write the allowed record, its file if any, and the audit entry, in one transaction; special and
    criminal content only as ciphertext."""
    encrypted = _sensitive(record.categories)
    with transaction.atomic():
        # Sealed only once allowed: sealing creates the subject's key if they have none yet.
        record.body = "" if encrypted else body
        record.body_ciphertext = encrypt_for_subject(record.subject.pk, body.encode()) if encrypted else None
        record.encrypted = encrypted
        record.recorded_at = timezone.now()
        record.save(force_insert=True)
        if upload is not None:
            _store_document(record, upload)
        audit_record(
            actor=actor,
            action="record_created",
            object_type="records.record",
            object_id=record.pk,
            subject_id=record.subject.pk,
            purpose=f"{record.controller.slug}/{record.service}/{record.purpose}",
            detail={"encrypted": encrypted, "kind": record.kind},
        )


def _gate_create(*, actor: User, record: Record, referral: bool) -> None:
    """Ask the gate whether the actor may create this (unsaved) record; the decision is audited even
    when it refuses. A referral is asked about as a referral, which staff of another team may make."""
    case = record.case
    touch = Touch(
        subject=record.subject,
        controller=record.controller.slug,
        service=record.service,
        purpose=record.purpose,
        categories=tuple(record.categories),
        case_id=case.pk if case else None,
        case_team_id=case.owning_team_id if case else None,
        case_worker_id=case.allocated_worker_id if case else None,
        source_school_id=record.source_school.pk if record.source_school else None,
        object_type=REFERRAL_OBJECT if referral else "records.record",
    )
    decision = decide(actor=actor, action=Action.CREATE, touch=touch)  # audited even if refused
    if not decision:
        raise GateDenied(decision)


def _set_retention(record: Record) -> None:
    """The retention class the record's purpose names in the register, and the day it falls due (none
    yet when its trigger, such as the case's closure, has not happened)."""
    slug = record.controller.slug
    purpose_entry = register().purpose(slug, record.service, record.purpose)
    retention = next(
        item for item in register().service(slug, record.service).retention if item.key == purpose_entry.retention
    )
    case = record.case
    record.retention_class = retention.key
    record.retention_due = retention_due(
        retention,
        date_of_birth=record.subject.date_of_birth,
        record_date=record.occurred_on,
        case_closed=case.closed_at.date() if case and case.closed_at else None,
    )


def _store_document(record: Record, upload: Upload) -> Document:
    """Files are always encrypted under the subject's key and kept outside the database."""
    storage_name = uuid.uuid4().hex
    directory = settings.DOCUMENT_STORE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    (directory / storage_name).write_bytes(encrypt_for_subject(record.subject_id, upload.content))
    return Document.objects.create(
        record=record,
        filename=upload.filename,
        content_type=upload.content_type,
        size=len(upload.content),
        sha256=hashlib.sha256(upload.content).hexdigest(),
        storage_name=storage_name,
    )


def record_restrict(*, actor: User, record: Record, reason: str) -> Record:
    """Art 18: keep the record but stop every other use of it."""
    if not reason.strip():
        raise InvalidInput({"reason": "Give the reason for restricting processing"})
    with transaction.atomic():
        record.processing_restricted = True
        record.restriction_reason = reason
        record.save(update_fields=["processing_restricted", "restriction_reason"])
        audit_record(
            actor=actor,
            action="record_restrict",
            object_type="records.record",
            object_id=record.pk,
            subject_id=record.subject_id,
            reason=reason,
        )
        record_restricted.send(sender=Record, record=record, actor=actor, reason=reason)
    return record


def subject_key_destroy(*, actor: User, person: Person, rationale: str) -> bool:
    """Crypto-shred: every encrypted record and document of this person becomes unreadable, for good.

    A decision with legal effect: a named person with a recorded rationale.
    """
    if not rationale.strip():
        raise InvalidInput({"rationale": "Record why the content is being destroyed"})
    destroyed = keystore().destroy(person.pk)
    audit_record(
        actor=actor,
        action="subject_key_destroy",
        object_type="people.person",
        object_id=person.pk,
        subject_id=person.pk,
        reason=rationale,
        detail={"key_existed": destroyed},
    )
    return destroyed
