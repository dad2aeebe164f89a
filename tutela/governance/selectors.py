"""Questions about break-glass grants: the DPO's queue, one grant for review, the grants in force."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from tutela.accounts.models import User
from tutela.governance.models import BreakGlassGrant


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
