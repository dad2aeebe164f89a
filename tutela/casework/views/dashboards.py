"""A service's dashboard and the filtered list of its cases behind every number on it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from tutela.accounts.selectors import actor_from_request
from tutela.casework.case_filters import case_filter_parse
from tutela.casework.dashboards import service_name
from tutela.casework.figures import filter_description, service_cases, service_controller, service_known
from tutela.casework.service_board import service_board
from tutela.lib.errors import InvalidInput


def _known(service: str) -> None:
    if not service_known(service):
        raise Http404("No such service")


@login_required
def service(request: HttpRequest, service: str) -> HttpResponse:
    actor = actor_from_request(request)
    _known(service)
    board = service_board(actor=actor, service=service, today=timezone.localdate())
    return render(request, "casework/service.html", {"board": board})


@login_required
def cases(request: HttpRequest, service: str) -> HttpResponse:
    actor = actor_from_request(request)
    _known(service)
    today = timezone.localdate()
    controller_id = service_controller(actor=actor, service=service)
    try:
        case_filter = case_filter_parse(params=request.GET, service=service, controller_id=controller_id)
    except InvalidInput as invalid:
        controller = actor.controller.slug if actor.controller is not None else ""
        context = {
            "errors": invalid.errors,
            "service": service,
            "service_name": service_name(controller=controller, service=service),
        }
        return render(request, "casework/service_cases.html", context, status=400)
    found = service_cases(actor=actor, service=service, case_filter=case_filter, today=today)
    heading = filter_description(case_filter=case_filter, service=service, controller_id=controller_id, today=today)
    return render(
        request,
        "casework/service_cases.html",
        {"found": found, "heading": heading, "service": service, "service_name": found.service_name},
    )
