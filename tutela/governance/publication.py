"""Publishing the register and reading its publications: each version that took effect, what it
changed, and the change log a notice shows. (The register itself, in tutela.register, knows no
users, audit or database; publication is governance's.)"""

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.governance.models import RegisterPublication
from tutela.register.api import RegisterSet, register
from tutela.register.changes import change_words, register_changes
from tutela.register.notices import Notice, notice_build
from tutela.register.schema import Register, Service


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
    for key, found in sorted(registers.registers.items()):
        snapshot = found.model_dump(mode="json")
        fingerprint = _fingerprint(snapshot)
        latest = RegisterPublication.objects.filter(controller_key=key).order_by("-version").first()
        if latest is not None and latest.fingerprint == fingerprint:
            outcomes.append(PublicationOutcome(key, latest.version, published=False, changes=0))
            continue
        if latest is not None and found.version <= latest.version:
            raise PublicationRefused(
                f"register '{key}' has changed since version {latest.version} was published: "
                f"raise its version number above {latest.version} before publishing"
            )
        changes = register_changes(latest.snapshot if latest else None, snapshot)
        RegisterPublication.objects.create(
            controller_key=key,
            version=found.version,
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
            object_id=f"{key} v{found.version}",
            detail={"changes": len(changes)},
        )
        outcomes.append(PublicationOutcome(key, found.version, published=True, changes=len(changes)))
    return outcomes


def notice_change_log(*, registers: RegisterSet, controller: str, service: str) -> list[dict[str, object]]:
    """Each publication that changed this service, newest first, with its changes in words."""
    labels = {category.key: category.label for category in registers.taxonomy.categories}
    log = []
    for publication in RegisterPublication.objects.filter(controller_key=controller).order_by("-version"):
        items = [change_words(change, labels) for change in publication.changes if change["service"] == service]
        if items:
            log.append({"version": publication.version, "published_at": publication.published_at, "items": items})
    return log


def publications_latest() -> dict[str, RegisterPublication]:
    latest: dict[str, RegisterPublication] = {}
    for publication in RegisterPublication.objects.order_by("controller_key", "-version"):
        latest.setdefault(publication.controller_key, publication)
    return latest


def notice_with_change_log(*, controller: str, service: str) -> Notice:
    """The current notice of a service, with its change log; LookupError if there is no such service."""
    registers = register()
    notice = notice_build(registers=registers, controller=controller, service=service)
    notice.changes.extend(notice_change_log(registers=registers, controller=controller, service=service))
    return notice


def notices_index() -> list[tuple[Register, list[Service]]]:
    """Every controller with its services, for the public list of privacy notices."""
    registers = register()
    return [(found, list(found.services)) for _key, found in sorted(registers.registers.items())]
