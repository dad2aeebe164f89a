"""The case page of every service, and the actions on it (thin: each reads the case through the
gate, calls one service, renders)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tutela.accounts.selectors import actor_from_request
from tutela.casework import forms as f
from tutela.casework.access import case_for_actor
from tutela.casework.case_page import case_family, case_page
from tutela.casework.models import Case, CaseTask
from tutela.casework.services import case_close, task_add, task_complete
from tutela.casework.steps import (
    case_kit,
    case_move,
    current_stage,
    letter_produce,
    next_stages,
    step_record,
)
from tutela.governance.gate import Action
from tutela.lib.errors import InvalidInput
from tutela.people.models import Person


def _case(request: HttpRequest, case_id: int) -> Case:
    """The case through the gate: read for a GET, worked on for anything else."""
    action = Action.READ if request.method in ("GET", "HEAD") else Action.UPDATE
    return case_for_actor(actor=actor_from_request(request), case_id=case_id, action=action)


def _errors(form: Any, invalid: InvalidInput) -> None:
    for name, message in invalid.errors.items():
        form.add_error(name if name in form.fields else None, message)


def _family_choices(request: HttpRequest, case: Case) -> dict[str, Person]:
    """The parents and carers on the case the actor may know, by their id as a form sends it."""
    rows = case_family(actor=actor_from_request(request), case=case, today=timezone.localdate())
    return {str(row.person.pk): row.person for row in rows}


def _action_page(request: HttpRequest, case: Case, form: Any, heading: str, button: str, **extra: Any) -> HttpResponse:
    """A case action's form on a page of its own, for its errors (or a direct visit)."""
    context = {"case": case, "form": form, "heading": heading, "button": button, **extra}
    return render(request, "casework/case_action.html", context)


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    kit = case_kit(case)
    if kit.case_url_name:  # a service with a case page of its own (ESS), after the same gated read
        return redirect(kit.case_url_name, case.pk)
    today = timezone.localdate()
    page = case_page(actor=actor_from_request(request), case=case, today=today)
    context = {"page": page, "case": case, "today": today}
    return render(request, "casework/case.html", context)


@login_required
def step_new(request: HttpRequest, case_id: int, step_key: str) -> HttpResponse:
    case = _case(request, case_id)
    kit = case_kit(case)
    try:
        step = kit.step(step_key)
    except LookupError:
        raise Http404("This service has no such step") from None
    family = _family_choices(request, case)
    form_class = f.step_form_class(step, [(pk, person.full_name) for pk, person in family.items()])
    stage = current_stage(kit, case)
    offered = case.is_open and step in kit.steps_at(stage)
    form = form_class(request.POST or None) if offered else None
    if form is not None and request.method == "POST" and form.is_valid():
        answers = dict(form.cleaned_data)
        concerning = family.get(answers.pop("concerning", "") or "")
        try:
            step_record(
                actor=actor_from_request(request), case=case, step_key=step.key, answers=answers, concerning=concerning
            )
        except InvalidInput as invalid:
            _errors(form, invalid)
        else:
            messages.success(request, f"{step.name} recorded")
            return redirect("casework:case", case.pk)
    context = {
        "case": case,
        "step": step,
        "form": form,
        "stage_name": kit.stage_name(stage) if stage else "Not started",
    }
    return render(request, "casework/step_form.html", context)


@login_required
def case_move_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    kit = case_kit(case)
    stages = [(key, kit.stage_name(key)) for key in next_stages(kit, case)]
    form = f.CaseMoveForm(request.POST or None, stages=stages)
    if request.method == "POST" and form.is_valid():
        try:
            case_move(actor=actor_from_request(request), case=case, stage=form.cleaned_data["stage"])
        except InvalidInput as invalid:
            _errors(form, invalid)
        else:
            messages.success(request, f"The case moved to {kit.stage_name(case.stage)}")
            return redirect("casework:case", case.pk)
    return _action_page(request, case, form, "Move the case to another stage", "Move the case")


@login_required
def letter_new(request: HttpRequest, case_id: int, letter_key: str) -> HttpResponse:
    case = _case(request, case_id)
    try:
        letter = case_kit(case).letter(letter_key)
    except LookupError:
        raise Http404("This service has no such letter") from None
    family = _family_choices(request, case)
    form = f.CaseLetterForm(request.POST or None, recipients=[(pk, p.full_name) for pk, p in family.items()])
    if request.method == "POST" and form.is_valid():
        recipient = family.get(form.cleaned_data["recipient"])
        try:
            letter_produce(actor=actor_from_request(request), case=case, letter_key=letter.key, recipient=recipient)
        except InvalidInput as invalid:
            _errors(form, invalid)
        else:
            messages.success(request, f"{letter.title}: the letter is kept on the case")
            return redirect("casework:case", case.pk)
    return _action_page(request, case, form, f"Produce a letter: {letter.title}", "Produce the letter")


@login_required
def task_new(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    form = f.CaseTaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task_add(actor=actor_from_request(request), case=case, title=data["title"], due_on=data["due_on"])
        except InvalidInput as invalid:
            _errors(form, invalid)
        else:
            messages.success(request, f"Task added: {data['title']}")
            return redirect("casework:case", case.pk)
    return _action_page(request, case, form, "Add a task", "Add task")


@login_required
def task_done(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(CaseTask, pk=task_id)
    case = _case(request, task.case_id)
    form = f.CaseTaskDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            task_complete(actor=actor_from_request(request), task=task, outcome=form.cleaned_data["outcome"])
        except InvalidInput as invalid:
            _errors(form, invalid)
        else:
            messages.success(request, f"Done: {task.title}")
            return redirect("casework:case", case.pk)
    return _action_page(request, case, form, f"Mark as done: {task.title}", "Mark as done")


@login_required
def case_close_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    form = f.CaseClosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case_close(actor=actor_from_request(request), case=case, reason=form.cleaned_data["reason"])
        except InvalidInput as invalid:
            _errors(form, invalid)
        else:
            messages.success(request, f"Case {case.reference} closed")
            return redirect("casework:case", case.pk)
    return _action_page(request, case, form, "Close the case", "Close case", warning=True)
