"""Questions about users: their roles, teams, what sign-in demands of them, and their break-glass grants."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tutela.governance.models import BreakGlassGrant, Role, Team, User


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


def break_glass_queue(*, reviewer: User) -> QuerySet[BreakGlassGrant]:
    """Grants the reviewer's controller's DPO has not yet reviewed, oldest first (never another controller's)."""
    if reviewer.controller_id is None:
        return BreakGlassGrant.objects.none()
    return (
        BreakGlassGrant.objects.filter(reviewed_at__isnull=True, controller_id=reviewer.controller_id)
        .select_related("actor", "subject", "controller")
        .order_by("granted_at")
    )


def break_glass_for_review(*, reviewer: User, grant_id: int) -> BreakGlassGrant:
    """One grant of the reviewer's own controller; another controller's is refused (a 403), a missing one a 404."""
    try:
        grant = BreakGlassGrant.objects.select_related("actor", "subject", "controller").get(pk=grant_id)
    except BreakGlassGrant.DoesNotExist:
        raise Http404("No such emergency access") from None
    if grant.controller_id is None or grant.controller_id != reviewer.controller_id:
        raise PermissionDenied("Another controller's DPO reviews this emergency access")
    return grant


def break_glass_active(*, actor: User, subject_ids: list[int] | None = None) -> list[BreakGlassGrant]:
    """The actor's grants in force now (for the banner on pages about those people)."""
    now = timezone.now()
    grants = BreakGlassGrant.objects.filter(actor=actor, granted_at__lte=now, expires_at__gt=now)
    if subject_ids is not None:
        grants = grants.filter(subject_id__in=subject_ids)
    return list(grants.select_related("subject").order_by("expires_at"))
