"""Merging a duplicate person into the one kept: a human decision that keeps both audit trails.

Everything about the duplicate moves to the kept person: records (re-encrypted under the kept
person's key), cases, relationships, consents, objections and opt-outs. The duplicate's row
stays, marked ``merged_into``, so audit entries that name it still resolve.
"""

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.casework.models import Case
from tutela.consent.models import Consent, Objection, OptOut
from tutela.lib.errors import InvalidInput
from tutela.people.models import FormerUPN, Person, Relationship
from tutela.records.crypto import decrypt_for_subject, encrypt_for_subject
from tutela.records.models import Record


def _reencrypt_records(duplicate: Person, keep: Person) -> int:
    moved = 0
    for record in Record.objects.filter(subject=duplicate, encrypted=True).exclude(body_ciphertext=None):
        plaintext = decrypt_for_subject(duplicate.pk, bytes(record.body_ciphertext or b""))
        record.body_ciphertext = encrypt_for_subject(keep.pk, plaintext)
        record.save(update_fields=["body_ciphertext"])
        moved += 1
    return moved


def person_merge(*, actor: User, keep: Person, duplicate: Person, rationale: str) -> Person:
    if keep.pk == duplicate.pk:
        raise InvalidInput({"duplicate": "Choose a different person to merge"})
    if duplicate.merged_into_id is not None:
        raise InvalidInput({"duplicate": "That person has already been merged"})
    if not rationale.strip():
        raise InvalidInput({"rationale": "Record why these are the same person"})
    with transaction.atomic():
        reencrypted = _reencrypt_records(duplicate, keep)
        Record.objects.filter(subject=duplicate).update(subject=keep)
        Case.objects.filter(child=duplicate).update(child=keep)
        for case in Case.objects.filter(family=duplicate):
            case.family.remove(duplicate)
            case.family.add(keep)
        Relationship.objects.filter(child=duplicate).exclude(person=keep).update(child=keep)
        Relationship.objects.filter(person=duplicate).exclude(child=keep).update(person=keep)
        for model in (Consent, Objection, OptOut):
            model.objects.filter(subject=duplicate).update(subject=keep)
        if duplicate.upn and duplicate.upn != keep.upn:
            FormerUPN.objects.create(person=keep, upn=duplicate.upn, replaced_on=timezone.localdate())
        duplicate.upn = None
        duplicate.nhs_number = None
        duplicate.merged_into = keep
        duplicate.save(update_fields=["upn", "nhs_number", "merged_into"])
        for subject, other in ((keep, duplicate), (duplicate, keep)):
            audit_record(
                actor=actor,
                action="person_merge",
                object_type="people.person",
                object_id=subject.pk,
                subject_id=subject.pk,
                reason=rationale,
                detail={"kept": keep.pk, "merged": duplicate.pk, "other": other.pk, "reencrypted": reencrypted},
            )
    return keep
