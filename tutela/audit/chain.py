"""How an audit entry's hash is computed: one definition shared by the writer and the verifier."""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64

# The fields that are hashed, in the order they are stored. Changing this list breaks every
# existing chain, so it never changes without a migration that re-seals the log.
HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "subject_id",
    "purpose",
    "decision",
    "reason",
    "detail",
)


def canonical_content(fields: dict[str, Any]) -> str:
    """The entry's content as canonical JSON, identical whichever database returned it."""
    content = {name: fields[name] for name in HASHED_FIELDS}
    at: datetime = content["at"]
    content["at"] = at.astimezone(UTC).isoformat(timespec="microseconds")
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """SHA-256 of the previous entry's hash followed by this entry's canonical content."""
    return hashlib.sha256((prev_hash + canonical_content(fields)).encode()).hexdigest()
