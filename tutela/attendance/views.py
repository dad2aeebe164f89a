"""Attendance pages (thin: each resolves the actor, calls one selector, renders)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from tutela.accounts.selectors import actor_from_request
from tutela.attendance.packing import academic_year_of
from tutela.attendance.selectors import (
    attendance_pages,
    la_overview,
    pupil_calendar,
    school_overview,
    threshold_worklist,
)


@login_required
def index(request: HttpRequest) -> HttpResponse:
    pages = attendance_pages(actor=actor_from_request(request))
    return render(request, "attendance/index.html", {"pages": pages})


@login_required
def worklist(request: HttpRequest, service: str) -> HttpResponse:
    actor = actor_from_request(request)
    try:
        rows = threshold_worklist(actor=actor, service=service, as_of=timezone.localdate())
    except LookupError:
        raise Http404("No such service") from None
    return render(request, "attendance/worklist.html", {"rows": rows, "service": service})


@login_required
def school(request: HttpRequest, urn: str) -> HttpResponse:
    try:
        overview = school_overview(actor=actor_from_request(request), urn=urn, as_of=timezone.localdate())
    except ObjectDoesNotExist:
        raise Http404("No such school") from None
    return render(request, "attendance/overview.html", {"overview": overview, "la": False})


@login_required
def local_authority(request: HttpRequest) -> HttpResponse:
    overview = la_overview(actor=actor_from_request(request), as_of=timezone.localdate())
    return render(request, "attendance/overview.html", {"overview": overview, "la": True})


@login_required
def pupil_this_year(request: HttpRequest, person_id: int) -> HttpResponse:
    return redirect("attendance:pupil", person_id=person_id, academic_year=academic_year_of(timezone.localdate()))


@login_required
def pupil(request: HttpRequest, person_id: int, academic_year: int) -> HttpResponse:
    try:
        calendar = pupil_calendar(
            actor=actor_from_request(request),
            person_id=person_id,
            academic_year=academic_year,
            today=timezone.localdate(),
        )
    except (ObjectDoesNotExist, LookupError):
        raise Http404("No such pupil or school year") from None
    return render(request, "attendance/pupil.html", {"calendar": calendar})
