"""The home page, the health check and the GOV.UK-style error pages."""

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from tutela.accounts.selectors import actor_from_request, user_roles, user_teams
from tutela.attendance.selectors import threshold_worklist_services
from tutela.audit.selectors import audit_entries_by_actor
from tutela.web.home import home_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = actor_from_request(request)
    context = {
        "home": home_for(user=user, today=timezone.localdate(), path=request.path),
        "roles": user_roles(user=user),
        "teams": user_teams(user=user),
        "worklists": threshold_worklist_services(actor=user),
        "recent_actions": audit_entries_by_actor(actor=user),
    }
    return render(request, "web/home.html", context)


def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "web/500.html", status=500)
