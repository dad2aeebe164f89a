"""Consent and objection pages (thin: each resolves the actor, reads through one gated selector,
calls one service, renders). Refusals are the 403 page's (RefusalMiddleware)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tutela.accounts.models import User
from tutela.accounts.selectors import actor_from_request
from tutela.casework.access import case_for_actor
from tutela.casework.models import Case
from tutela.consent.forms import ConsentForm, ObjectionDecisionForm, ObjectionForm, WithdrawForm
from tutela.consent.pages import (
    consents_page,
    objection_for_actor,
    objection_purposes,
    staff_person,
    withdrawal_page,
)
from tutela.consent.selectors import consent_scope_choices, consent_services, deciders
from tutela.consent.services import consent_give, consent_withdraw, objection_decide, objection_raise
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person
from tutela.people.selectors import person_by_id


def _posted(request: HttpRequest) -> Any:
    """The form's data on a POST, even an empty one (an empty POST is still a form sent empty)."""
    return request.POST if request.method == "POST" else None


def _apply_errors(form: Any, invalid: InvalidInput) -> None:
    for field, message in invalid.errors.items():
        form.add_error(field if field in form.fields else None, message)


def _split(value: str) -> tuple[str, str]:
    service, _sep, key = value.partition(":")
    return service, key


@login_required
def consent_list(request: HttpRequest, person_id: int) -> HttpResponse:
    page = consents_page(actor=actor_from_request(request), person_id=person_id)
    return render(request, "consent/list.html", {"page": page})


def _case_from_query(actor: User, person: Person, raw: str) -> Case | None:
    """The case named by ``?case=`` (to come back to it), read through the gate; none if not a number."""
    if not (raw.isascii() and raw.isdecimal()):
        return None
    case = case_for_actor(actor=actor, case_id=int(raw))
    if case.child_id != person.pk:
        raise Http404("That case is not this person's")
    return case


def _back(person: Person, case: Case | None) -> str:
    if case is not None:
        try:
            return reverse("casework:case", kwargs={"case_id": case.pk})
        except NoReverseMatch:  # the generic case page is another part's; until then, the person's consents
            pass
    return reverse("consent:list", kwargs={"person_id": person.pk})


@login_required
def consent_new(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    person = staff_person(actor=actor, person_id=person_id, page="record a consent")
    case = _case_from_query(actor, person, request.GET.get("case", ""))
    team_services = [case.service] if case else [t.service for t in actor.teams.all() if t.service]
    slug = actor.controller.slug if actor.controller else ""
    services = consent_services(controller=slug, services=team_services)
    purposes, recipients = consent_scope_choices(services=services)
    form = ConsentForm(
        _posted(request),
        purposes=purposes,
        recipients=recipients,
        deciders=deciders(person=person, on=timezone.localdate()),
    )
    if request.method == "POST" and form.is_valid() and actor.controller is not None:
        data = form.cleaned_data
        chosen = [_split(value) for value in data["purposes"]]
        shared = [_split(value) for value in data.get("recipients", [])]
        service = chosen[0][0]
        try:
            if {s for s, _key in chosen + shared} != {service}:
                raise InvalidInput({"purposes": "A consent is for one service: choose purposes of one service only"})
            consent_give(
                actor=actor,
                subject=person,
                given_by=person_by_id(person_id=int(data["given_by"])),
                controller=actor.controller,
                service=service,
                purposes=[key for _s, key in chosen],
                recipients=[key for _s, key in shared],
                form_reference=data["form_reference"],
                given_on=data["given_on"],
            )
            messages.success(request, f"Consent recorded for {person.full_name}")
            return redirect(_back(person, case))
        except InvalidInput as invalid:
            _apply_errors(form, invalid)
    context = {"form": form, "person": person, "case": case, "services": services, "back": _back(person, case)}
    return render(request, "consent/consent_form.html", context)


@login_required
def consent_withdraw_page(request: HttpRequest, consent_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    page = withdrawal_page(actor=actor, consent_id=consent_id)
    subject = page.consent.subject
    # From a case page, back to the case: the flag the withdrawal raises is shown there.
    case = _case_from_query(actor, subject, request.GET.get("case", "")) if actor.school_id is None else None
    form = WithdrawForm(_posted(request), deciders=page.deciders)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consent_withdraw(
                actor=actor,
                consent=page.consent,
                withdrawn_by=person_by_id(person_id=int(data["withdrawn_by"])),
                withdrawn_on=data["withdrawn_on"],
                note=data["note"],
            )
            messages.success(request, f"Withdrawal of consent recorded for {subject.full_name}")
            if actor.school_id is not None:  # a school user sees none of the casework: back to the pupil
                return redirect("records:person", person_id=page.consent.subject_id)
            return redirect(_back(subject, case))
        except InvalidInput as invalid:
            _apply_errors(form, invalid)
    back = reverse("records:person", kwargs={"person_id": subject.pk}) if actor.school_id else _back(subject, case)
    return render(request, "consent/withdraw.html", {"form": form, "page": page, "back": back})


@login_required
def objection_new(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    person = staff_person(actor=actor, person_id=person_id, page="record an objection")
    people = deciders(person=person, on=timezone.localdate())
    form = ObjectionForm(_posted(request), purposes=objection_purposes(actor=actor), people=people)
    if request.method == "POST" and form.is_valid() and actor.controller is not None:
        data = form.cleaned_data
        service, purpose = _split(data["purpose"])
        try:
            objection_raise(
                actor=actor,
                subject=person,
                raised_by=person_by_id(person_id=int(data["raised_by"])),
                controller=actor.controller,
                service=service,
                purpose=purpose,
                grounds=data["grounds"],
            )
            return redirect("consent:list", person_id=person.pk)
        except InvalidInput as invalid:
            _apply_errors(form, invalid)
    return render(request, "consent/objection_form.html", {"form": form, "person": person})


@login_required
def objection_decide_page(request: HttpRequest, objection_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    page = objection_for_actor(actor=actor, objection_id=objection_id)
    form = ObjectionDecisionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            objection_decide(
                actor=actor,
                objection=page.objection,
                upheld=form.cleaned_data["upheld"] == "yes",
                rationale=form.cleaned_data["rationale"],
            )
            return redirect("consent:list", person_id=page.objection.subject_id)
        except InvalidInput as invalid:
            _apply_errors(form, invalid)
    return render(request, "consent/objection_decide.html", {"form": form, "page": page})
