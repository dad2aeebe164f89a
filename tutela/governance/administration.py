"""What a controller's administrator does to accounts, each change recorded in the audit log.

Administration (governance.admin) is thin: it scopes what an administrator sees to their own
controller and calls these. A superuser, who belongs to no controller, sees every controller's.
"""

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from tutela.accounts.models import Controller, User
from tutela.audit.services import audit_record
from tutela.people.models import School


def controller_schools(*, controller: Controller | None) -> QuerySet[School]:
    """The schools whose calendars a controller keeps.

    A local authority keeps the calendars of the schools in its area (by DfE LA code); a school
    controller keeps its own school's, found through its staff accounts that name it.
    """
    if controller is None:
        return School.objects.none()
    if controller.kind == Controller.Kind.LOCAL_AUTHORITY and controller.la_code:
        return School.objects.filter(la_code=controller.la_code)
    return School.objects.filter(staff_users__controller=controller).distinct()


def admin_change_record(
    *, actor: User, action: str, obj: Model, controller: Controller | None, detail: dict[str, Any] | None = None
) -> None:
    """Audit one change made in Administration, under the controller whose data it changed."""
    audit_record(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=obj.pk if obj.pk is not None else "",
        detail={"object": str(obj), **(detail or {})},
        controller=controller.slug if controller is not None else "",
    )


def user_set_password_path(*, user: User) -> str:
    """A one-time link for the user to choose their password (Django's password reset token).

    The token is made from the user's password hash and last sign-in, so it stops working once the
    password is set; it also expires after PASSWORD_RESET_TIMEOUT.
    """
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("governance:set_password", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})


@transaction.atomic
def user_invite(*, actor: User, user: User) -> str:
    """Give an account no usable password and return the path of its one-time set-password link.

    No email is sent: the administrator passes the link on. Inviting again replaces the password
    with an unusable one, so an earlier link and the old password both stop working.
    """
    user.set_unusable_password()
    user.save(update_fields=["password"])
    admin_change_record(actor=actor, action="user_invite", obj=user, controller=user.controller)
    return user_set_password_path(user=user)


@transaction.atomic
def user_disable(*, actor: User, user: User) -> None:
    """Switch an account off: it can no longer sign in, and its history stays."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    admin_change_record(actor=actor, action="user_disable", obj=user, controller=user.controller)


@transaction.atomic
def user_two_factor_reset(*, actor: User, user: User) -> int:
    """Remove the user's authenticator devices; they set up a new one at their next sign-in."""
    deleted: int = TOTPDevice.objects.filter(user=user).delete()[0]
    admin_change_record(
        actor=actor, action="user_two_factor_reset", obj=user, controller=user.controller, detail={"devices": deleted}
    )
    return deleted


@transaction.atomic
def user_password_set_record(*, user: User) -> None:
    """The user chose their password through a set-password link."""
    audit_record(actor=user, action="password_set", object_type="accounts.user", object_id=user.pk)
