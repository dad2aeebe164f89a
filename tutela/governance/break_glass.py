"""Who may open break-glass access, for what, and what was opened under it.

Break-glass is need-to-know's safety valve (ARCHITECTURE.md), not a way round controller
boundaries: each controller is answerable only for its own processing (UK GDPR Art 5(2), 24), so a
grant is for staff of the subject's own controller, working in one of its services in a role that
reads records, for one registered purpose of a service of that controller that holds data about
the person. The DPO's review reads back, from the audit log, everything the gate opened under it.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.models import AuditEntry
from tutela.audit.services import audit_record
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Decision, actor_context
from tutela.governance.models import BreakGlassGrant
from tutela.people.models import Person
from tutela.register.api import register

NOT_OWN_CONTROLLER = "this person's records are not held by your organisation"
NO_RECORD_ROLE = "your role does not read individual records in a service"


def _services_holding(*, controller_id: int, subject: Person) -> set[str]:
    """Services of the controller that hold a case or a record about the person."""
    holding = Person.objects.filter(pk=subject.pk)
    found: set[str] = set()
    for relation in ("records", "cases", "family_cases"):
        found |= set(
            holding.filter(**{f"{relation}__controller_id": controller_id}).values_list(
                f"{relation}__service", flat=True
            )
        )
    return found


def break_glass_refusal(*, actor: User, subject: Person) -> str:
    """Why the actor may not open a grant on this person at all, or '' if they may choose a purpose."""

    context = actor_context(actor, [subject.pk], timezone.now(), with_grants=False)
    # Working in a team that delivers a service: not IG, administration or an LA's school users.
    if not context.reads_records or not context.team_services:
        return NO_RECORD_ROLE
    if actor.controller_id is None or not _services_holding(controller_id=actor.controller_id, subject=subject):
        return NOT_OWN_CONTROLLER
    return ""


def break_glass_allowed_or_refuse(*, actor: User, subject: Person) -> None:
    """Refuse, and audit the refusal, when the actor may not open a grant on this person at all."""

    refusal = break_glass_refusal(actor=actor, subject=subject)
    if refusal:
        audit_record(
            actor=actor,
            action="break_glass_open",
            object_type="people.person",
            object_id=subject.pk,
            subject_id=subject.pk,
            decision="denied",
            reason=refusal,
        )
        raise GateDenied(Decision(False, (refusal,)))


def break_glass_purposes(*, actor: User, subject: Person) -> list[tuple[str, str]]:
    """The purposes a grant may name: ``service/purpose`` of the actor's controller's services holding the person."""
    if actor.controller is None or break_glass_refusal(actor=actor, subject=subject):
        return []
    controller = actor.controller
    choices = []
    for service_key in sorted(_services_holding(controller_id=controller.pk, subject=subject)):
        try:
            service = register().service(controller.slug, service_key)
        except LookupError:
            continue
        choices += [
            (f"{service.key}/{purpose.key}", f"{service.name}: {purpose.description}")
            for purpose in service.purposes
            if not purpose.retired
        ]
    return choices


def break_glass_purpose_label(*, grant: BreakGlassGrant) -> str:
    """The grant's service and purpose in the register's words (pages never show register keys)."""
    if grant.controller is None:
        return grant.purpose
    try:
        service = register().service(grant.controller.slug, grant.service)
        purpose = register().purpose(grant.controller.slug, grant.service, grant.purpose)
    except LookupError:
        return f"{grant.service}: {grant.purpose}"
    return f"{service.name}: {purpose.description}"


# Where an object the gate opened can be seen again (the review links to it).
_PAGES = {"records.record": ("Record", "records:record"), "people.person": ("Person", "records:person")}


@dataclass(frozen=True)
class ViewedUnderGrant:
    at: datetime
    action: str
    what: str
    object_id: str
    url: str


def _viewed(entry: AuditEntry, object_type: str, object_id: str) -> ViewedUnderGrant:

    label, page = _PAGES.get(object_type, (object_type, ""))
    url = reverse(page, args=[int(object_id)]) if page and object_id.isdigit() else ""
    return ViewedUnderGrant(entry.at, entry.action_label, label, object_id, url)


def break_glass_viewed(*, grant: BreakGlassGrant) -> list[ViewedUnderGrant]:
    """What the gate opened under the grant: the actor's entries about the subject, in the grant's
    window, whose decision came via break-glass (one entry per touch, or per page of records)."""
    entries = AuditEntry.objects.filter(
        Q(detail__via="break-glass") | Q(detail__has_key="via_break_glass"),
        actor_id=grant.actor_id,
        subject_id=str(grant.subject_id),
        at__gte=grant.granted_at,
        at__lte=grant.expires_at,
        decision=AuditEntry.Decision.ALLOWED,
    ).order_by("seq")
    viewed = []
    for entry in entries:
        if entry.detail.get("via") == "break-glass":
            viewed.append(_viewed(entry, entry.object_type, entry.object_id))
        for item in entry.detail.get("via_break_glass", []):
            viewed.append(_viewed(entry, item["type"], str(item["id"])))
    return viewed
