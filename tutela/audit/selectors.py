"""Reading the audit log: verifying the chain, and the entries a page may list."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from tutela.accounts.models import User
from tutela.audit.chain import GENESIS_HASH, HASHED_FIELDS, chain_hash
from tutela.audit.checkpoints import checkpoint_latest
from tutela.audit.models import AuditEntry


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    count: int
    head_hash: str
    broken_seq: int | None = None
    problem: str = ""


_COLUMNS = (*HASHED_FIELDS, "prev_hash", "hash")


def _entry_problem(expected_seq: int, expected_prev: str, row: dict[str, Any]) -> str:
    if row["seq"] != expected_seq:
        return f"expected entry #{expected_seq} here but found #{row['seq']} (deleted, inserted or reordered)"
    if row["prev_hash"] != expected_prev:
        return "its previous-hash does not match the entry before it (an entry before it was removed or inserted)"
    if row["hash"] != chain_hash(row["prev_hash"], row):
        return "its content does not match its hash (the entry was edited)"
    return ""


def audit_chain_verify() -> ChainReport:
    """Walk the whole chain in order, then check it reaches the latest checkpoint."""
    expected_prev, count = GENESIS_HASH, 0
    rows = AuditEntry.objects.order_by("seq").values(*_COLUMNS).iterator(chunk_size=5000)
    for row in rows:
        problem = _entry_problem(count + 1, expected_prev, row)
        if problem:
            return ChainReport(ok=False, count=count, head_hash=expected_prev, broken_seq=count + 1, problem=problem)
        expected_prev, count = row["hash"], count + 1
    return _against_checkpoint(count=count, head_hash=expected_prev)


def _against_checkpoint(*, count: int, head_hash: str) -> ChainReport:
    checkpoint = checkpoint_latest()
    if checkpoint is not None:
        if count < checkpoint.count:
            return ChainReport(
                ok=False,
                count=count,
                head_hash=head_hash,
                broken_seq=count + 1,
                problem=(
                    f"the chain ends at entry #{count} but the checkpoint of {checkpoint.at:%Y-%m-%d %H:%M:%S} UTC "
                    f"recorded {checkpoint.count} entries (the newest entries were removed)"
                ),
            )
        checkpointed = AuditEntry.objects.filter(seq=checkpoint.count).values_list("hash", flat=True).first()
        if checkpoint.count and checkpointed != checkpoint.head_hash:
            return ChainReport(
                ok=False,
                count=count,
                head_hash=head_hash,
                broken_seq=checkpoint.count,
                problem="its hash differs from the one the checkpoint recorded (the log was rebuilt)",
            )
    return ChainReport(ok=True, count=count, head_hash=head_hash)


def audit_entries_by_actor(*, actor: User, limit: int = 10) -> QuerySet[AuditEntry]:
    """The actor's own most recent actions, for their home page."""
    return AuditEntry.objects.filter(actor=actor).order_by("-seq")[:limit]


def audit_entries_for_viewer(*, viewer: User) -> QuerySet[AuditEntry]:
    """The entries an IG officer or DPO oversees: their own controller's only, reasons and all.

    A deployment can host several controllers, each answerable for its own processing (UK GDPR
    Art 5(2), Art 24) and none entitled to another's; a viewer with no controller sees nothing.
    Every page, search or export of the log starts from here.
    """
    if viewer.controller_id is None:
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(controller_id=viewer.controller_id)


def audit_entries_recent(*, viewer: User, limit: int = 50) -> QuerySet[AuditEntry]:
    return audit_entries_for_viewer(viewer=viewer).select_related("actor").order_by("-seq")[:limit]
