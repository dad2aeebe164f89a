"""Publishing the register: recording each new version and what it changed."""

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.governance.models import RegisterPublication
from tutela.register.api import RegisterSet
from tutela.register.changes import register_changes


class PublicationRefused(Exception):
    """The register changed but its version number did not go up."""


@dataclass(frozen=True)
class PublicationOutcome:
    controller_key: str
    version: int
    published: bool
    changes: int


def _fingerprint(snapshot: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(snapshot, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def register_publish(*, registers: RegisterSet, actor: User | None) -> list[PublicationOutcome]:
    """Record a publication for every controller whose register differs from its last one.

    Unchanged registers are left alone, so running it again changes nothing. A changed register
    must carry a higher version number than the last publication.
    """
    outcomes = []
    for key, register in sorted(registers.registers.items()):
        snapshot = register.model_dump(mode="json")
        fingerprint = _fingerprint(snapshot)
        latest = RegisterPublication.objects.filter(controller_key=key).order_by("-version").first()
        if latest is not None and latest.fingerprint == fingerprint:
            outcomes.append(PublicationOutcome(key, latest.version, published=False, changes=0))
            continue
        if latest is not None and register.version <= latest.version:
            raise PublicationRefused(
                f"register '{key}' has changed since version {latest.version} was published: "
                f"raise its version number above {latest.version} before publishing"
            )
        changes = register_changes(latest.snapshot if latest else None, snapshot)
        RegisterPublication.objects.create(
            controller_key=key,
            version=register.version,
            published_at=timezone.now(),
            published_by=actor,
            fingerprint=fingerprint,
            snapshot=snapshot,
            changes=changes,
        )
        audit_record(
            actor=actor,
            action="register_publish",
            object_type="governance.registerpublication",
            object_id=f"{key} v{register.version}",
            detail={"changes": len(changes)},
        )
        outcomes.append(PublicationOutcome(key, register.version, published=True, changes=len(changes)))
    return outcomes
