"""Writing to the audit log: the one call every service uses to record what it did or refused."""

from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from tutela.accounts.models import Controller, User
from tutela.audit.chain import GENESIS_HASH, chain_hash
from tutela.audit.checkpoints import Checkpoint, checkpoint_append
from tutela.audit.models import AuditEntry

# Key of the PostgreSQL advisory lock that serialises appends (the ASCII of "tutela").
_CHAIN_LOCK_KEY = 0x747574656C61


def _lock_chain() -> None:
    """Hold the chain's append lock until the surrounding transaction ends.

    On PostgreSQL an advisory lock; SQLite needs none, because its connections open every
    transaction IMMEDIATE (settings.py) and so already hold the database's single write lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def _controller_ids(slugs: set[str]) -> dict[str, int]:
    return dict(Controller.objects.filter(slug__in=slugs).values_list("slug", "pk"))


def _purpose_controller(purpose: str) -> str:
    return purpose.split("/", 1)[0] if "/" in purpose else ""


def _entry_controller_id(*, actor: User | None, slug: str, controller_ids: dict[str, int]) -> int | None:
    """Whose oversight an entry falls under (UK GDPR Art 5(2), 24: each controller answers for its own processing).

    The controller named by the purpose the entry records (every purpose is written
    ``controller/service[/purpose]``), so a refusal of a Wigan officer on a Dudley record is Dudley's to
    see; an entry with no such purpose (signing in, a search) is the actor's controller's.
    """
    if slug in controller_ids:
        return controller_ids[slug]
    return actor.controller_id if actor is not None else None


def audit_record(
    *,
    actor: User | None,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    subject_id: str | int = "",
    purpose: str = "",
    decision: str = AuditEntry.Decision.ALLOWED,
    reason: str = "",
    detail: dict[str, Any] | None = None,
    controller: str = "",
) -> AuditEntry:
    """Append one entry to the chain and return it.

    Runs inside the caller's transaction when there is one, so an action and its audit entry
    commit or roll back together. ``controller`` (a slug) names the entry's controller where the
    purpose cannot (a batch of several purposes of one controller).
    """
    slug = controller or _purpose_controller(purpose)
    controller_id = _entry_controller_id(actor=actor, slug=slug, controller_ids=_controller_ids({slug}) if slug else {})
    with transaction.atomic():
        _lock_chain()
        head = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
        fields: dict[str, Any] = {
            "seq": seq,
            "at": timezone.now(),
            "actor_id": actor.pk if actor else None,
            "actor_label": actor.get_username() if actor else "system",
            "action": action,
            "object_type": object_type,
            "object_id": str(object_id),
            "subject_id": str(subject_id),
            "purpose": purpose,
            "decision": str(decision),
            "reason": reason,
            "detail": detail or {},
        }
        return AuditEntry.objects.create(
            **fields, controller_id=controller_id, prev_hash=prev_hash, hash=chain_hash(prev_hash, fields)
        )


def audit_record_many(*, actor: User | None, entries: list[dict[str, Any]]) -> int:
    """Append many entries under one lock, in order (bulk imports): each still chains to the one before."""
    if not entries:
        return 0
    controller_ids = _controller_ids({_purpose_controller(str(entry.get("purpose", ""))) for entry in entries})
    with transaction.atomic():
        _lock_chain()
        head = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
        seq, prev_hash = (head[0], head[1]) if head else (0, GENESIS_HASH)
        now = timezone.now()
        rows = []
        for entry in entries:
            seq += 1
            fields: dict[str, Any] = {
                "seq": seq,
                "at": now,
                "actor_id": actor.pk if actor else None,
                "actor_label": actor.get_username() if actor else "system",
                "action": entry["action"],
                "object_type": entry.get("object_type", ""),
                "object_id": str(entry.get("object_id", "")),
                "subject_id": str(entry.get("subject_id", "")),
                "purpose": entry.get("purpose", ""),
                "decision": AuditEntry.Decision.ALLOWED,
                "reason": entry.get("reason", ""),
                "detail": entry.get("detail", {}),
            }
            current = chain_hash(prev_hash, fields)
            slug = _purpose_controller(fields["purpose"])
            owner = _entry_controller_id(actor=actor, slug=slug, controller_ids=controller_ids)
            rows.append(AuditEntry(**fields, controller_id=owner, prev_hash=prev_hash, hash=current))
            prev_hash = current
        AuditEntry.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


class AuditChainBroken(Exception):
    """The chain failed verification, so no checkpoint may vouch for it."""


def audit_checkpoint_take() -> Checkpoint:
    """Verify the chain, then record its length and head hash in the checkpoint store."""
    from tutela.audit.selectors import audit_chain_verify

    report = audit_chain_verify()
    if not report.ok:
        raise AuditChainBroken(f"entry #{report.broken_seq}: {report.problem}")
    return checkpoint_append(count=report.count, head_hash=report.head_hash, at=timezone.now())
