"""Intake and triage pages for every service (thin: each resolves the actor, calls one selector or
service, renders). Refusals propagate as GateDenied to the one 403 handler."""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from tutela.accounts.models import Team, User
from tutela.accounts.selectors import actor_from_request
from tutela.casework import forms as f
from tutela.casework.intake import (
    intake_forms_for,
    may_submit,
    redirect_targets,
    referral_accept,
    referral_return,
    referral_submit,
    service_controller,
    shown,
)
from tutela.casework.kit import IntakeForm, ServiceKit, kit_for
from tutela.casework.models import Referral
from tutela.casework.referral_choices import ReferralChoices, referral_choices
from tutela.casework.referrals import (
    referral_for_actor,
    referral_form,
    referrals_recent,
    referrals_submitted,
    referrals_waiting,
)
from tutela.lib.errors import InvalidInput
from tutela.lib.params import object_id
from tutela.people.models import Person
from tutela.records.services import Upload
from tutela.register.api import register


def _errors(form: Any, invalid: InvalidInput) -> None:
    for name, message in invalid.errors.items():
        form.add_error(name if name in form.fields else None, message)


def _kit_form(service: str, form: str) -> tuple[ServiceKit, IntakeForm]:
    try:
        kit = kit_for(service)
        return kit, kit.intake_form(form)
    except LookupError as missing:
        raise Http404(str(missing)) from missing


def _service_name(controller: str, service: str) -> str:
    try:
        return register().service(controller, service).name
    except LookupError:
        return "the service"


@login_required
def refer(request: HttpRequest) -> HttpResponse:
    offers = intake_forms_for(actor=actor_from_request(request))
    return render(request, "casework/refer.html", {"offers": offers})


def _person(people: list[Person], pk: str) -> Person:
    return next(person for person in people if str(person.pk) == pk)


def _answers(intake: IntakeForm, data: dict[str, Any]) -> dict[str, Any]:
    answers = {spec.key: data.get(spec.key) for spec in intake.fields}
    return answers | {key: data[key] for key in ("consent_given_by", "consent_evidence") if key in data}


@login_required
def referral_new(request: HttpRequest, service: str, form: str) -> HttpResponse:
    """Two steps on one address: choose the child, then the service's form about that child."""
    actor = actor_from_request(request)
    _kit, intake = _kit_form(service, form)
    controller = service_controller(actor=actor, service=service)
    may_submit(actor=actor, controller=controller, service=service, form=intake)
    assert controller is not None  # noqa: S101 -- may_submit refuses without one
    chosen = request.POST.get("child") or request.GET.get("child") or ""
    choices = referral_choices(
        actor=actor, controller=controller, service=service, form=intake, child_id=object_id(chosen)
    )
    if chosen not in {str(child.pk) for child in choices.children}:
        chosen = ""  # a child the actor may not refer is no child chosen
    context = {
        "intake": intake,
        "service_name": _service_name(controller.slug, service),
        "chosen": chosen,
        "nobody": not choices.children,
        "school": actor.school_id is not None,
    }
    if not chosen:
        return _child_choice(request, context, choices)
    return _referral_form_page(request, context, choices, actor=actor, service=service, form=form, child_id=chosen)


def _child_choice(request: HttpRequest, context: dict[str, Any], choices: ReferralChoices) -> HttpResponse:
    """Step one: the child the referral is about (a POST without one shows why)."""
    step = f.ChildChoiceForm(request.POST or None, children=choices.children, initial={"child": ""})
    if request.method == "POST":
        step.is_valid()
    return render(request, "casework/referral_new.html", context | {"form": step})


def _referral_form_page(
    request: HttpRequest,
    context: dict[str, Any],
    choices: ReferralChoices,
    *,
    actor: User,
    service: str,
    form: str,
    child_id: str,
) -> HttpResponse:
    """Step two: the service's form about the chosen child; sent, the referral's page."""
    intake: IntakeForm = context["intake"]
    child = _person(choices.children, child_id)
    form_class = f.referral_form_class(
        intake.fields,
        children=[child],
        family=choices.family,
        family_required=intake.family == "required",
        consent=bool(intake.consent_purpose),
        attachments=intake.attachments,
    )
    # The child's choice posts to this address too: that POST opens the form, it does not send it.
    posted = request.method == "POST" and request.POST.get("choose") is None
    page = form_class(request.POST if posted else None, request.FILES if posted else None, initial={"child": child_id})
    if posted and page.is_valid():
        data = page.cleaned_data
        try:
            referral = referral_submit(
                actor=actor,
                service=service,
                form=form,
                child=child,
                family=[_person(choices.family, pk) for pk in data.get("family", [])],
                answers=_answers(intake, data),
                attachments=_attachments(data),
            )
        except InvalidInput as invalid:
            _errors(page, invalid)
        else:
            messages.success(request, f"Referral {referral.reference} sent to the {context['service_name']}")
            return redirect("casework:referral", referral.pk)
    return render(
        request,
        "casework/referral_new.html",
        context | {"form": page, "family": choices.family, "add_relative": _add_relative_link(request, actor, child)},
    )


def _add_relative_link(request: HttpRequest, actor: User, child: Person) -> str:
    """The page that adds the child's parent or carer, coming back to this form with the child chosen.

    A school user tells the service about the family in the referral itself: no link for them."""
    if actor.school_id is not None:
        return ""
    back = f"{request.path}?{urlencode({'child': child.pk})}"
    return f"{reverse('records:relative_add', args=[child.pk])}?{urlencode({'next': back})}"


def _attachments(data: dict[str, Any]) -> list[tuple[str, Upload]]:
    """The one document a referral form may carry, titled as the referrer wrote or by its file name."""
    upload = data.get("attachment")
    if not upload:
        return []
    return [(data.get("attachment_title") or upload.name, Upload(upload.name, upload.content_type, upload.read()))]


@login_required
def referrals(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    school = actor.school_id is not None
    context: dict[str, Any] = {"school": school, "offers": bool(intake_forms_for(actor=actor))}
    if school:
        context["recent"] = _rows(referrals_submitted(actor=actor))
        context["waiting"] = []
    else:
        context["waiting"] = _rows(referrals_waiting(actor=actor))
        context["recent"] = _rows(referrals_recent(actor=actor))
    return render(request, "casework/referrals.html", context)


def _rows(found: list[Referral]) -> list[tuple[Referral, str, str]]:
    """Each referral with its service's and form's names (never keys)."""
    return [
        (referral, _service_name(referral.controller.slug, referral.service), referral_form(referral).title)
        for referral in found
    ]


def _triage_choices(actor: User, referral: Referral) -> tuple[list[Team], list[tuple[str, str]]]:
    teams = list(actor.teams.filter(controller_id=referral.controller_id, service=referral.service))
    workers = User.objects.filter(teams__in=teams, is_active=True).distinct().order_by("last_name", "first_name")
    return teams, [(str(u.pk), u.get_full_name() or u.username) for u in workers]


def case_url(referral: Referral) -> str:
    """The case opened from the referral: the service's own case page where its kit has one."""
    if referral.case_id is None:
        return ""
    name = kit_for(referral.service).case_url_name or "casework:case"
    try:
        return reverse(name, args=[referral.case_id])
    except NoReverseMatch:  # the generic case page is another part of the kit, added beside this one
        return ""


@login_required
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    referral = referral_for_actor(actor=actor, referral_id=referral_id)
    teams, workers = _triage_choices(actor, referral)
    form = f.TriageForm(
        request.POST or None,
        teams=[(str(t.pk), t.name) for t in teams],
        workers=workers,
        targets=redirect_targets(referral),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["outcome"] == "accept":
                team = next((t for t in teams if str(t.pk) == data["team"]), teams[0] if teams else None)
                if team is None:
                    raise InvalidInput({"team": "You are not in a team of this service"})
                allocate = User.objects.filter(pk=object_id(data["allocate_to"]) or 0).first()
                case = referral_accept(
                    actor=actor, referral=referral, team=team, allocate_to=allocate, note=data["reason"]
                )
                messages.success(request, f"Referral accepted: case {case.reference} opened")
                return redirect(case_url(referral) or reverse("casework:referral", args=[referral.pk]))
            target = data["redirect_to"] if data["outcome"] == "redirect" else ""
            if data["outcome"] == "redirect" and not target:
                raise InvalidInput({"redirect_to": "Choose where to redirect the referral"})
            referral_return(actor=actor, referral=referral, reason=data["reason"], redirect_to=target)
            messages.success(request, f"Referral {referral.get_status_display().lower()}")
            return redirect("casework:referrals")
        except InvalidInput as invalid:
            _errors(form, invalid)
    return render(request, "casework/referral_detail.html", _detail_context(actor, referral, form, teams))


def _detail_context(actor: User, referral: Referral, form: Any, teams: list[Team]) -> dict[str, Any]:
    intake = referral_form(referral)
    answers = [(spec.label, shown(spec, referral.data.get(spec.key))) for spec in intake.fields if not spec.content]
    return {
        "referral": referral,
        "intake": intake,
        "service_name": _service_name(referral.controller.slug, referral.service),
        "answers": answers,
        "attachments": list(referral.attachments.all()),
        "family": list(referral.family.all()),
        "form": form,
        "may_triage": actor.school_id is None and bool(teams) and referral.status == Referral.Status.SUBMITTED,
        "case_url": case_url(referral) if actor.school_id is None else "",
        "redirected_to": redirect_targets(referral).get(referral.redirected_to, ""),
        "stage_name": kit_for(referral.service).stage_name(referral.case.stage) if referral.case else "",
        "attendance": _dates_in_words(referral.data.get("attendance") or {}),
    }


def _dates_in_words(facts: dict[str, Any]) -> dict[str, Any]:
    """Facts kept as data, with their ISO dates as people write them (3 December 2026)."""

    def words(value: Any) -> Any:
        try:
            return f"{date.fromisoformat(value):%-d %B %Y}" if isinstance(value, str) and len(value) == 10 else value
        except ValueError:
            return value

    return {key: words(value) for key, value in facts.items()}
