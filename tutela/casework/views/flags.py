"""A case flag and the worker's decision on it (a consent withdrawn, a record restricted, an objection)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tutela.accounts.selectors import actor_from_request
from tutela.casework.flags import flag_for_actor, flag_resolve
from tutela.casework.forms import FlagResolveForm
from tutela.governance.gate import Action
from tutela.lib.errors import InvalidInput


def _posted(request: HttpRequest) -> Any:
    """The form's data on a POST, even an empty one (an empty POST is still a form sent empty)."""
    return request.POST if request.method == "POST" else None


def _apply_errors(form: Any, invalid: InvalidInput) -> None:
    for field, message in invalid.errors.items():
        form.add_error(field if field in form.fields else None, message)


@login_required
def flag_detail(request: HttpRequest, flag_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    # Reading the flag is reading its case; deciding it is working on the case.
    action = Action.READ if request.method in ("GET", "HEAD") else Action.UPDATE
    flag = flag_for_actor(actor=actor, flag_id=flag_id, action=action)
    form = FlagResolveForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            flag_resolve(actor=actor, flag=flag, resolution=form.cleaned_data["resolution"])
            messages.success(request, f"Decision recorded on case {flag.case.reference}")
            return redirect("casework:case", case_id=flag.case_id)
        except InvalidInput as invalid:
            _apply_errors(form, invalid)
    return render(request, "casework/flag.html", {"flag": flag, "case": flag.case, "form": form})
