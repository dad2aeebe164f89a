"""Questions about users: their roles, teams, what sign-in demands of them, and who is behind a request."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tutela.accounts.models import Role, Team, User


def user_two_factor_required(*, user: User) -> bool:
    """A second factor is needed if the user's controller demands it for one of their roles,
    or if the user has set one up anyway."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return True
    if user.controller_id is None:
        return False
    return Role.objects.filter(users=user, controller_two_factor=user.controller_id).exists()


def user_confirmed_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def user_roles(*, user: User) -> QuerySet[Role]:
    return user.roles.all()


def user_teams(*, user: User) -> QuerySet[Team]:
    return user.teams.select_related("controller")


def actor_from_request(request: HttpRequest) -> User:
    """The signed-in user behind a request; views call it before anything else."""
    if not isinstance(request.user, User) or not request.user.is_authenticated:
        raise PermissionDenied("Sign in first")
    return request.user
