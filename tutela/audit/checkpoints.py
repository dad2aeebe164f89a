"""Checkpoints of the audit chain kept outside the audit table.

A checkpoint records how many entries the chain had and the hash of its head. If someone with
database access cuts off the newest entries, the chain still verifies on its own; the latest
checkpoint, held elsewhere, shows that entries are missing. The store is an append-only JSON
Lines file at ``settings.AUDIT_CHECKPOINT_PATH``; in production put it on storage that the
database's administrators cannot write.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class Checkpoint:
    at: datetime
    count: int
    head_hash: str


def _store_path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_PATH)


def checkpoint_append(*, count: int, head_hash: str, at: datetime) -> Checkpoint:
    path = _store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    checkpoint = Checkpoint(at=at.astimezone(UTC), count=count, head_hash=head_hash)
    line = json.dumps({"at": checkpoint.at.isoformat(), "count": count, "head_hash": head_hash})
    with path.open("a", encoding="utf-8") as store:
        store.write(line + "\n")
    return checkpoint


def checkpoint_latest() -> Checkpoint | None:
    path = _store_path()
    if not path.exists():
        return None
    last_line = ""
    with path.open(encoding="utf-8") as store:
        for line in store:
            if line.strip():
                last_line = line
    if not last_line:
        return None
    record = json.loads(last_line)
    return Checkpoint(
        at=datetime.fromisoformat(record["at"]), count=int(record["count"]), head_hash=record["head_hash"]
    )
