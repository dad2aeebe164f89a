"""People and record pages (thin: each resolves the actor, calls one service or selector, renders)."""

from dataclasses import fields, replace
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from tutela.accounts.selectors import actor_from_request
from tutela.casework.access import case_for_actor
from tutela.casework.case_records import record_add_to_case, recording_categories, recording_purposes
from tutela.casework.models import Case
from tutela.casework.people_list import people_for_actor
from tutela.governance.break_glass import (
    break_glass_allowed_or_refuse,
    break_glass_purpose_label,
    break_glass_purposes,
    break_glass_viewed,
)
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action
from tutela.governance.refusals import Refusal
from tutela.governance.selectors import break_glass_for_review, break_glass_queue
from tutela.governance.services import break_glass_open, break_glass_review
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person
from tutela.people.selectors import person_by_id
from tutela.people.services import PersonDetails, PossibleDuplicates, person_create, person_update
from tutela.records.forms import BreakGlassForm, BreakGlassReviewForm, PersonForm, RecordForm, RecordPurposeForm
from tutela.records.models import Document
from tutela.records.selectors import document_content, record_read, record_words
from tutela.records.services import Upload
from tutela.register.api import register
from tutela.register.schema import Purpose
from tutela.web.person_page import person_page


def _apply_errors(form: Any, invalid: InvalidInput) -> None:
    for field, message in invalid.errors.items():
        form.add_error(field if field in form.fields else None, message)


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    people = people_for_actor(actor=actor_from_request(request), search=search)
    return render(request, "records/people_list.html", {"people": people, "search": search})


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    page = person_page(actor=actor_from_request(request), person_id=person_id)
    return render(request, "records/person_detail.html", {"page": page})


def _details(form: PersonForm, held: PersonDetails) -> PersonDetails:
    """The held details with what the form shows put in: a field the form does not show is kept."""
    shown = {name: form.cleaned_data[name] for name in (f.name for f in fields(PersonDetails)) if name in form.fields}
    return replace(held, **shown)


@login_required
def person_add(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    teams = {team.pk: team for team in actor.teams.all()}
    form = PersonForm(request.POST or None, teams=[(pk, team.name) for pk, team in teams.items()])
    duplicates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            person = person_create(
                actor=actor,
                team=teams[int(form.cleaned_data["team"])],
                details=_details(form, PersonDetails(kind="", given_name="", family_name="")),
                confirmed_not_duplicate=form.cleaned_data["confirmed_not_duplicate"],
            )
            return redirect("records:person", person_id=person.pk)
        except InvalidInput as invalid:
            _apply_errors(form, invalid)
        except PossibleDuplicates as possible:
            duplicates = possible.matches
    return render(request, "records/person_form.html", {"form": form, "duplicates": duplicates, "adding": True})


@login_required
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    person = person_page(actor=actor, person_id=person_id).person
    teams = [(team.pk, team.name) for team in actor.teams.all()]
    initial = {
        name: getattr(person, name)
        for name in ("kind", "given_name", "family_name", "gender", "address", "phone", "email")
    }
    initial |= {"upn": person.upn or "", "nhs_number": person.nhs_number or "", "team": person.registered_by_team_id}
    dob = person.date_of_birth
    initial["date_of_birth"] = [dob.day, dob.month, dob.year] if dob else None
    form = PersonForm(request.POST or None, initial=initial, teams=teams or [(0, "None")])
    form.fields["team"].required = False
    if request.method == "POST" and form.is_valid():
        try:
            person_update(actor=actor, person=person, details=_details(form, PersonDetails.of(person)))
            return redirect("records:person", person_id=person.pk)
        except InvalidInput as invalid:
            _apply_errors(form, invalid)
    return render(request, "records/person_form.html", {"form": form, "person": person, "adding": False})


@login_required
def record_detail(request: HttpRequest, record_id: int) -> HttpResponse:
    view = record_read(actor=actor_from_request(request), record_id=record_id)
    categories = register().categories(list(view.record.categories))
    context = {"view": view, "categories": categories, "words": record_words(record=view.record)}
    return render(request, "records/record_detail.html", context)


@login_required
def record_document(request: HttpRequest, record_id: int) -> HttpResponse:
    """A record's file, for whoever may read the record; always a download, never rendered inline."""
    try:
        document, content = document_content(actor=actor_from_request(request), record_id=record_id)
    except Document.DoesNotExist as missing:
        raise Http404("This record has no file") from missing
    response = HttpResponse(content, content_type=document.content_type)
    disposition = "inline" if document.content_type == "application/pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response


# Where a refusal's reason is shown on the record form: by the choice the caseworker must change.
_REFUSAL_FIELDS = {
    Refusal.CATEGORIES_OUTSIDE_PURPOSE: "categories",
    Refusal.NO_SPECIAL_CONDITION: "categories",
    Refusal.NO_CRIMINAL_CONDITION: "categories",
    Refusal.NO_EXPLICIT_CONSENT: "categories",
}


def _refusal_errors(form: RecordForm, denied: GateDenied) -> None:
    """The gate's reasons as the form's errors, each beside what to change (the purpose is on step one)."""
    codes = denied.decision.codes or ("",) * len(denied.decision.reasons)
    for code, reason in zip(codes, denied.decision.reasons, strict=True):
        form.add_error(_REFUSAL_FIELDS.get(Refusal(code)) if code else None, reason)


@login_required
def record_add(request: HttpRequest, case_id: int) -> HttpResponse:
    """Adding a record in two steps, without scripts: why (one of the service's purposes), then what it
    holds (only the categories that purpose may touch). The chosen purpose travels in the address."""
    actor = actor_from_request(request)
    action = Action.READ if request.method in ("GET", "HEAD") else Action.CREATE
    case = case_for_actor(actor=actor, case_id=case_id, action=action)
    purposes = {purpose.key: purpose for purpose in recording_purposes(case=case)}
    chosen = purposes.get(request.GET.get("purpose", ""))
    if chosen is None:
        return _record_purpose(request, case, list(purposes.values()))
    form = RecordForm(request.POST or None, request.FILES or None, categories=recording_categories(purpose=chosen))
    if request.method == "POST" and form.is_valid():
        data, upload = form.cleaned_data, form.cleaned_data["upload"]
        try:
            record = record_add_to_case(
                actor=actor,
                case=case,
                purpose=chosen.key,
                categories=data["categories"],
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                occurred_on=data["occurred_on"],
                source=data["source"],
                upload=Upload(upload.name, upload.content_type or "application/octet-stream", upload.read())
                if upload
                else None,
            )
            return redirect("records:record", record_id=record.pk)
        except InvalidInput as invalid:
            _apply_errors(form, invalid)
        except GateDenied as denied:  # not the refusal page: the form again, with why, to change the choice
            _refusal_errors(form, denied)
    return render(request, "records/record_form.html", {"form": form, "case": case, "purpose": chosen})


def _record_purpose(request: HttpRequest, case: Case, purposes: list[Purpose]) -> HttpResponse:
    """Step one: choose why; the answer leads to step two at the same address with the purpose in it."""
    form = RecordPurposeForm(request.POST or None, purposes=[(p.key, p.label) for p in purposes])
    if request.method == "POST" and form.is_valid():
        return redirect(f"{request.path}?{urlencode({'purpose': form.cleaned_data['purpose']})}")
    return render(request, "records/record_purpose.html", {"form": form, "case": case})


@login_required
def break_glass(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    try:
        person = person_by_id(person_id=person_id)
    except Person.DoesNotExist:
        raise Http404("No such person") from None
    break_glass_allowed_or_refuse(actor=actor, subject=person)
    form = BreakGlassForm(request.POST or None, purposes=break_glass_purposes(actor=actor, subject=person))
    if request.method == "POST" and form.is_valid():
        try:
            break_glass_open(
                actor=actor,
                subject=person,
                purpose=form.cleaned_data["purpose"],
                reason=form.cleaned_data["reason"],
                minutes=form.cleaned_data["minutes"],
            )
            return redirect("records:person", person_id=person.pk)
        except InvalidInput as invalid:
            _apply_errors(form, invalid)
    return render(request, "records/break_glass.html", {"form": form, "person_id": person_id})


@permission_required("governance.review_break_glass", raise_exception=True)
def break_glass_reviews(request: HttpRequest) -> HttpResponse:
    grants = break_glass_queue(reviewer=actor_from_request(request))
    return render(request, "records/break_glass_queue.html", {"grants": grants})


@permission_required("governance.review_break_glass", raise_exception=True)
def break_glass_review_one(request: HttpRequest, grant_id: int) -> HttpResponse:
    reviewer = actor_from_request(request)
    grant = break_glass_for_review(reviewer=reviewer, grant_id=grant_id)
    form = BreakGlassReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            break_glass_review(
                reviewer=reviewer,
                grant=grant,
                decision=form.cleaned_data["decision"],
                action_taken=form.cleaned_data["action_taken"],
                notes=form.cleaned_data["notes"],
            )
            return redirect(reverse("records:break_glass_queue"))
        except InvalidInput as invalid:
            _apply_errors(form, invalid)
    context = {
        "form": form,
        "grant": grant,
        "purpose": break_glass_purpose_label(grant=grant),
        "viewed": break_glass_viewed(grant=grant),
    }
    return render(request, "records/break_glass_review.html", context)
