"""The page that adds a child's parent or carer (thin: the gated read of the child, one service, render).

It is reached from the child's page and from a referral form that found no family to name; ``next``
takes the user back to where they were, and only ever to a path on this site."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from tutela.accounts.models import Team, User
from tutela.accounts.selectors import actor_from_request
from tutela.casework.access import cases_of_child
from tutela.consent.pages import staff_person
from tutela.lib.errors import InvalidInput
from tutela.people.forms import RelativeForm
from tutela.people.models import Person
from tutela.people.relationships import relative_add
from tutela.people.services import PersonDetails, PossibleDuplicates

PAGE = "add a parent or carer"


def local_next(value: str) -> str:
    """``value`` if it is a path on this site ("/..."), else ''; never another host, never "//host"."""
    if not value.startswith("/") or value.startswith(("//", "/\\")):
        return ""
    return value if url_has_allowed_host_and_scheme(value, allowed_hosts=None) else ""


def _team_for(actor: User, child: Person) -> Team:
    """The actor's team that holds the child (owns a case of theirs, or added them), else their first team."""
    teams = list(actor.teams.order_by("name"))
    if not teams:
        raise PermissionDenied("Only staff of a team may add a parent or carer")
    owning = {case.owning_team_id for case in cases_of_child(person=child)} | {child.registered_by_team_id}
    return next((team for team in teams if team.pk in owning), teams[0])


def _details(data: dict[str, Any]) -> PersonDetails:
    return PersonDetails(
        kind=Person.Kind.PARENT,
        given_name=data["given_name"],
        family_name=data["family_name"],
        date_of_birth=data["date_of_birth"],
        address=data["address"],
        phone=data["phone"],
        email=data["email"],
    )


@login_required
def relative_add_page(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    child = staff_person(actor=actor, person_id=person_id, page=PAGE)
    team = _team_for(actor, child)
    back = local_next(request.POST.get("next") or request.GET.get("next") or "")
    form = RelativeForm(request.POST or None)
    duplicates: list[Person] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            relationship = relative_add(
                actor=actor,
                child=child,
                team=team,
                details=_details(data),
                kind=data["kind"],
                parental_responsibility=data["parental_responsibility"],
                confirmed_not_duplicate=data["confirmed_not_duplicate"],
            )
        except InvalidInput as invalid:
            for name, message in invalid.errors.items():
                form.add_error(name if name in form.fields else None, message)
        except PossibleDuplicates as possible:
            duplicates = possible.matches
        else:
            added = relationship.person.full_name
            messages.success(
                request, f"{added} added as {relationship.get_kind_display().lower()} of {child.full_name}"
            )
            return redirect(back or reverse("records:person", args=[child.pk]))
    context = {"form": form, "child": child, "duplicates": duplicates, "next": back}
    return render(request, "records/relative_form.html", context)
