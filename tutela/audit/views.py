"""The audit log page for information-governance staff and the DPO."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tutela.accounts.selectors import actor_from_request
from tutela.audit.selectors import audit_entries_recent


@permission_required("audit.view_auditentry", raise_exception=True)
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = audit_entries_recent(viewer=actor_from_request(request), limit=100)
    return render(request, "audit/log.html", {"entries": entries})
