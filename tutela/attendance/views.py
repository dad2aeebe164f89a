"""The officer's threshold worklist (thin: one selector, one template)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tutela.attendance.selectors import threshold_worklist
from tutela.governance.selectors import actor_from_request


@login_required
def worklist(request: HttpRequest, service: str) -> HttpResponse:
    actor = actor_from_request(request)
    rows = threshold_worklist(actor=actor, service=service, as_of=timezone.localdate())
    return render(request, "attendance/worklist.html", {"rows": rows, "service": service})
