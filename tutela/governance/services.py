"""Sign-in events and second-factor set-up, each recorded in the audit log."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from tutela.audit.services import audit_record
from tutela.governance.models import User


def sign_in_record(*, user: User) -> None:
    audit_record(actor=user, action="sign_in", object_type="governance.user", object_id=user.pk)


def sign_out_record(*, user: User) -> None:
    audit_record(actor=user, action="sign_out", object_type="governance.user", object_id=user.pk)


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
