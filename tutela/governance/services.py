"""Sign-in events and second-factor set-up, each recorded in the audit log."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tutela.accounts.models import User
from tutela.audit.services import audit_record
from tutela.governance.break_glass import break_glass_allowed_or_refuse, break_glass_purposes
from tutela.governance.models import BreakGlassGrant
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person


def sign_in_record(*, user: User) -> None:
    audit_record(actor=user, action="sign_in", object_type="accounts.user", object_id=user.pk)


def sign_out_record(*, user: User) -> None:
    audit_record(actor=user, action="sign_out", object_type="accounts.user", object_id=user.pk)


def totp_device_begin(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator-app device the user is setting up (one at a time)."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "Authenticator app"})
    return device


def _code_checked(*, user: User, device: TOTPDevice, token: str, action: str) -> bool:
    """Check a code from the user's app against their device, and audit the outcome either way."""
    ok = device.user_id == user.pk and bool(device.verify_token(token))
    audit_record(
        actor=user,
        action=action,
        object_type="otp_totp.totpdevice",
        object_id=device.pk,
        decision="allowed" if ok else "denied",
        reason="" if ok else "wrong code",
    )
    return ok


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm the device being set up if the code from the app is right."""
    ok = _code_checked(user=user, device=device, token=token, action="two_factor_set_up")
    if ok:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return ok


def totp_verify(*, user: User, device: TOTPDevice, token: str) -> bool:
    """The second step of signing in."""
    return _code_checked(user=user, device=device, token=token, action="two_factor_verify")


def break_glass_open(*, actor: User, subject: Person, reason: str, purpose: str, minutes: int = 60) -> BreakGlassGrant:
    """Time-limited access without need to know, for a stated reason; it goes to the DPO's review queue.

    ``purpose`` is ``service/purpose`` of the actor's own controller; the grant opens that service's
    data about the subject and nothing of any other controller (governance.break_glass).
    """

    break_glass_allowed_or_refuse(actor=actor, subject=subject)
    errors = {}
    if len(reason.strip()) < 10:
        errors["reason"] = "Explain why you need access now (at least 10 characters)"
    if purpose not in dict(break_glass_purposes(actor=actor, subject=subject)):
        errors["purpose"] = "Choose the purpose you need the records for"
    if not 1 <= minutes <= settings.BREAK_GLASS_MAX_MINUTES:
        errors["minutes"] = f"Access can last from 1 to {settings.BREAK_GLASS_MAX_MINUTES} minutes"
    if errors:
        raise InvalidInput(errors)
    service, purpose_key = purpose.split("/", 1)
    now = timezone.now()
    with transaction.atomic():
        grant = BreakGlassGrant.objects.create(
            actor=actor,
            subject=subject,
            controller=actor.controller,
            service=service,
            purpose=purpose_key,
            reason=reason.strip(),
            granted_at=now,
            expires_at=now + timedelta(minutes=minutes),
        )
        audit_record(
            actor=actor,
            action="break_glass_open",
            object_type="governance.breakglassgrant",
            object_id=grant.pk,
            subject_id=subject.pk,
            purpose=f"{grant.controller.slug if grant.controller else ''}/{service}/{purpose_key}",
            reason=grant.reason,
            detail={"minutes": minutes},
        )
    return grant


def break_glass_review(
    *, reviewer: User, grant: BreakGlassGrant, decision: str, action_taken: str = "", notes: str = ""
) -> BreakGlassGrant:
    """The DPO's review of one grant of their own controller: a named person with a recorded outcome."""
    if not reviewer.has_perm("governance.review_break_glass"):
        raise InvalidInput({"reviewer": "Only the Data Protection Officer reviews break-glass access"})
    if grant.controller_id is None or grant.controller_id != reviewer.controller_id:
        raise PermissionDenied("Another controller's DPO reviews this emergency access")
    errors = {}
    if decision not in BreakGlassGrant.ReviewDecision.values:
        errors["decision"] = "Choose whether the access was appropriate"
    elif decision == BreakGlassGrant.ReviewDecision.NOT_APPROPRIATE and not action_taken.strip():
        errors["action_taken"] = "Enter the action taken about access that was not appropriate"
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic():
        grant.reviewed_by = reviewer
        grant.reviewed_at = timezone.now()
        grant.review_decision = decision
        grant.review_action = action_taken.strip() if decision == BreakGlassGrant.ReviewDecision.NOT_APPROPRIATE else ""
        grant.review_outcome = notes.strip()
        grant.save(update_fields=["reviewed_by", "reviewed_at", "review_decision", "review_action", "review_outcome"])
        audit_record(
            actor=reviewer,
            action="break_glass_review",
            object_type="governance.breakglassgrant",
            object_id=grant.pk,
            subject_id=grant.subject_id,
            reason=grant.get_review_decision_display(),
            detail={"decision": decision, "action_taken": grant.review_action, "notes": grant.review_outcome},
        )
    return grant
