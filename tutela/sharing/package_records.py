"""The records a disclosure package carries: what the person's details cannot (health, attendance ...).

A record goes in when it was made for the disclosure's purpose in its service and every category it
holds is one the disclosure may send, and the gate lets the sender share it. Its categories then
count as sent; nothing else does.
"""

from dataclasses import dataclass

from tutela.accounts.models import User
from tutela.governance.gate import Action, decide_groups
from tutela.people.models import Person
from tutela.records.crypto import ContentDestroyed, decrypt_for_subject
from tutela.records.models import Record
from tutela.records.services import record_touch

COLUMNS = ["person", "record_date", "record_title", "record_content", "record_categories"]


@dataclass(frozen=True)
class PackagedRecords:
    rows: list[dict[str, str]]
    categories: set[str]


def _content(record: Record) -> str | None:
    if not record.encrypted:
        return record.body
    try:
        return decrypt_for_subject(record.subject_id, bytes(record.body_ciphertext or b"")).decode()
    except ContentDestroyed:
        return None


def records_for_package(
    *,
    actor: User,
    subject: Person,
    person_number: int,
    controller_id: int,
    service: str,
    purpose: str,
    allowed: list[str],
) -> PackagedRecords:
    """The person's records that fit inside ``allowed``, as rows of records.csv (``person`` is the data.csv row)."""
    records = [
        record
        for record in Record.objects.filter(
            subject=subject, controller_id=controller_id, service=service, purpose=purpose
        ).select_related("case", "controller", "subject")
        if set(record.categories) <= set(allowed)
    ]
    if not records:
        return PackagedRecords([], set())
    decisions = decide_groups(
        actor=actor,
        action=Action.SHARE,
        groups=[(record_touch(record), [str(record.pk)]) for record in records],
        summary="disclosure package records",
    )
    rows, categories = [], set()
    for record, decision in zip(records, decisions, strict=True):
        content = _content(record) if decision.allowed else None
        if content is None:
            continue
        rows.append(
            {
                "person": str(person_number),
                "record_date": record.occurred_on.isoformat(),
                "record_title": record.title,
                "record_content": content,
                "record_categories": "; ".join(record.categories),
            }
        )
        categories.update(record.categories)
    return PackagedRecords(rows, categories)
