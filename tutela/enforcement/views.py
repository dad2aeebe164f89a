"""Enforcement pages (thin: each resolves the actor, calls one selector or service, renders)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tutela.accounts.selectors import actor_from_request
from tutela.casework.access import case_for_actor
from tutela.casework.models import Case, CaseTask
from tutela.casework.services import case_close, task_add, task_complete
from tutela.enforcement import forms as f
from tutela.enforcement import rules, selectors, services
from tutela.enforcement.case_page import case_page, notice_read, prosecution_read
from tutela.enforcement.improvement import running_improvement_periods
from tutela.enforcement.models import EvidenceBundle, PenaltyNotice, Prosecution
from tutela.enforcement.stages import STAGE_NAMES, STEPS, STEPS_BY_KEY
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action
from tutela.lib.errors import InvalidInput
from tutela.lib.params import object_id
from tutela.people.models import Person
from tutela.records.services import Upload

SERVICE = services.SERVICE


def _errors(form: Any, invalid: InvalidInput) -> None:
    for name, message in invalid.errors.items():
        form.add_error(name if name in form.fields else None, message)


def _case(request: HttpRequest, case_id: int) -> Case:
    action = Action.READ if request.method in ("GET", "HEAD") else Action.UPDATE
    case = case_for_actor(actor=actor_from_request(request), case_id=case_id, action=action)
    if case.service != SERVICE:
        raise Http404("Not an Education Support Service case")
    return case


def _person(people: list[Person], pk: str) -> Person:
    return next(person for person in people if str(person.pk) == pk)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    if actor.school_id is not None:
        return redirect("casework:referrals")
    officer, manager = selectors.service_standing(actor=actor, service=SERVICE)
    if not officer:
        raise GateDenied(_no("you are not in a team of the Education Support Service"))
    board = selectors.officer_dashboard(actor=actor, service=SERVICE)
    cases = [(case, STAGE_NAMES.get(case.stage, case.stage or "Not started")) for case in board.cases]
    return render(request, "enforcement/dashboard.html", {"board": board, "manager": manager, "cases": cases})


def _no(reason: str) -> Any:
    from tutela.governance.gate import Decision

    return Decision(False, (reason,))


@login_required
def manager_dashboard(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    _officer, manager = selectors.service_standing(actor=actor, service=SERVICE)
    if not manager or actor.controller is None:
        raise GateDenied(_no("the manager's dashboard is for managers of the service"))
    board = selectors.manager_dashboard(controller=actor.controller, service=SERVICE)
    return render(request, "enforcement/manager.html", {"board": board})


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    page = case_page(actor=actor_from_request(request), case=case, today=timezone.localdate())
    context = {
        "case": case,
        "family": page.family,
        "stage": STAGE_NAMES.get(case.stage, case.stage),
        "clocks": page.clocks,
        "tasks": page.tasks,
        "decisions": page.decisions,
        "steps": page.steps,
        "step_names": {step.key: step.name for step in STEPS},
        "notices": page.notices,
        "prosecutions": page.prosecutions,
        "documents": page.documents,
        "chronology": page.chronology,
        "flags": page.flags,
        "available_steps": STEPS,
        "today": timezone.localdate(),
        "task_form": f.TaskForm(),
    }
    return render(request, "enforcement/case.html", context)


@login_required
def step_new(request: HttpRequest, case_id: int, step_key: str) -> HttpResponse:
    actor = actor_from_request(request)
    case = _case(request, case_id)
    step = STEPS_BY_KEY.get(step_key)
    if step is None:
        raise Http404("No such step")
    parents = list(case.family.all())
    form = step_form_for(request, step, parents)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        concerning = _person(parents, data.pop("concerning")) if "concerning" in data else None
        rationale = data.pop("rationale", "")
        upload_file = data.pop("signed_copy", None)
        upload = (
            Upload(upload_file.name, upload_file.content_type or "application/octet-stream", upload_file.read())
            if upload_file
            else None
        )
        try:
            services.step_record(
                actor=actor,
                case=case,
                step_key=step.key,
                values=data,
                concerning=concerning,
                rationale=rationale,
                upload=upload,
            )
        except InvalidInput as invalid:
            _errors(form, invalid)
        else:
            messages.success(request, f"{step.name} recorded")
            return redirect("enforcement:case", case.pk)
    return render(request, "enforcement/step_form.html", {"case": case, "step": step, "form": form})


def step_form_for(request: HttpRequest, step: Any, parents: list[Person]) -> Any:
    if request.method == "POST":
        return f.step_form(step, request.POST, parents=parents, files=request.FILES)
    return f.step_form(step, parents=parents)


@login_required
def penalty_notice_new(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    case = _case(request, case_id)
    parents = list(case.family.all())
    form = f.PenaltyNoticeForm(request.POST or None, parents=parents)
    refused = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = services.penalty_notice_issue(
                actor=actor,
                case=case,
                parent=_person(parents, data["parent"]),
                offence_start=data["offence_start"],
                offence_end=data["offence_end"],
                issued_on=data["issued_on"],
                service_method=data["service_method"],
                rationale=data["rationale"],
                left_at=data["left_at"],
                late_reason=data["late_reason"],
                nti_running_reason=data["nti_running_reason"],
            )
        except services.PenaltyNoticeRefused as refusal:
            refused = refusal.errors["parent"]
        except InvalidInput as invalid:
            _errors(form, invalid)
        else:
            amount = "£80 if paid within 21 days, £160 within 28" if notice.sequence == 1 else "£160, no reduction"
            messages.success(request, f"Penalty notice {notice.reference} issued: {amount}")
            return redirect("enforcement:penalty_notice", notice.pk)
    running = running_improvement_periods(case=case, on=timezone.localdate())  # warned before they choose
    context = {"case": case, "form": form, "refused": refused, "running": running}
    return render(request, "enforcement/penalty_notice_new.html", context)


def _notice(request: HttpRequest, notice_id: int) -> PenaltyNotice:
    notice = get_object_or_404(PenaltyNotice.objects.select_related("parent", "child", "school"), pk=notice_id)
    _case(request, notice.case_id)
    return notice_read(actor=actor_from_request(request), notice=notice)


@login_required
def penalty_notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    notice = _notice(request, notice_id)
    payment_form = f.PaymentForm(
        request.POST if "record_payment" in request.POST else None, initial={"reference": notice.reference}
    )
    withdraw_form = f.WithdrawForm(request.POST if "withdraw" in request.POST else None)
    if request.method == "POST":
        try:
            if "record_payment" in request.POST and payment_form.is_valid():
                data = payment_form.cleaned_data
                services.penalty_payment_record(
                    actor=actor,
                    reference=data["reference"],
                    amount_pence=data["amount"],
                    received_on=data["received_on"],
                    kind=data["kind"],
                    method=data["method"],
                    overpayment_confirmed=data["confirm_overpayment"],
                )
                messages.success(request, "Payment recorded")
                return redirect("enforcement:penalty_notice", notice.pk)
            if "withdraw" in request.POST and withdraw_form.is_valid():
                services.penalty_notice_withdraw(
                    actor=actor, notice=notice, reason=withdraw_form.cleaned_data["reason"]
                )
                messages.success(request, f"Penalty notice {notice.reference} withdrawn")
                return redirect("enforcement:penalty_notice", notice.pk)
        except InvalidInput as invalid:
            _errors(payment_form if "record_payment" in request.POST else withdraw_form, invalid)
    context = {
        "notice": notice,
        "state": selectors.notice_state(notice),
        "payments": notice.payments.select_related("recorded_by"),
        "payment_form": payment_form,
        "withdraw_form": withdraw_form,
    }
    return render(request, "enforcement/penalty_notice.html", context)


@login_required
def penalty_notice_receipt(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Record a proven later actual receipt (Interpretation Act 1978 s7): the payment windows move."""
    actor = actor_from_request(request)
    notice = _notice(request, notice_id)
    form = f.ReceiptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.penalty_notice_receipt_record(actor=actor, notice=notice, **form.cleaned_data)
        except InvalidInput as invalid:
            _errors(form, invalid)
        else:
            received = form.cleaned_data["received_on"]
            messages.success(request, f"Receipt recorded: the payment periods now begin {received:%-d %B %Y}")
            return redirect("enforcement:penalty_notice", notice.pk)
    method = rules.SERVICE_METHOD_NAMES.get(rules.ServiceMethod(notice.service_method), notice.service_method)
    context = {"notice": notice, "form": form, "method": method}
    return render(request, "enforcement/penalty_notice_receipt.html", context)


@login_required
def prosecution_new(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    case = _case(request, case_id)
    parents = list(case.family.all())
    notices = list(case.penalty_notices.filter(withdrawn_on__isnull=True))
    form = f.ProsecutionForm(
        request.POST or None,
        parents=parents,
        notices=[(str(n.pk), f"{n.reference} ({n.parent.given_name} {n.parent.family_name})") for n in notices],
        initial={"offence_start": None},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            prosecution = services.prosecution_start(
                actor=actor,
                case=case,
                defendant=_person(parents, data["defendant"]),
                offence=data["offence"],
                offence_start=data["offence_start"],
                offence_end=data["offence_end"],
                rationale=data["rationale"],
                penalty_notice=next((n for n in notices if str(n.pk) == data["penalty_notice"]), None),
            )
        except InvalidInput as invalid:
            _errors(form, invalid)
        else:
            messages.success(request, f"Prosecution {prosecution.reference} started")
            return redirect("enforcement:prosecution", prosecution.pk)
    return render(request, "enforcement/prosecution_new.html", {"case": case, "form": form})


def _typed_pounds(pence: int | None) -> str | None:
    """A stored amount as an officer would type it back: 80.00."""
    return None if pence is None else f"{pence // 100}.{pence % 100:02d}"


@login_required
def prosecution_detail(request: HttpRequest, prosecution_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    prosecution = get_object_or_404(Prosecution.objects.select_related("defendant", "case"), pk=prosecution_id)
    prosecution_read(actor=actor, prosecution=prosecution, case=_case(request, prosecution.case_id))
    action = request.POST.get("action", "")
    update = f.ProsecutionUpdateForm(request.POST if action == "update" else None, initial=_progress(prosecution))
    hearing = f.HearingForm(request.POST if action == "hearing" else None)
    disclose = f.DisclosureForm(request.POST if action == "disclose" else None)
    try:
        if action == "update" and update.is_valid():
            data = update.cleaned_data
            changes = {k: v for k, v in data.items() if k not in ("fine", "costs")}
            changes |= {"fine_pence": data["fine"], "costs_pence": data["costs"]}
            services.prosecution_update(actor=actor, prosecution=prosecution, changes=changes)
            messages.success(request, "Prosecution updated")
            return redirect("enforcement:prosecution", prosecution.pk)
        if action == "hearing" and hearing.is_valid():
            services.hearing_add(actor=actor, prosecution=prosecution, **hearing.cleaned_data)
            messages.success(request, "Hearing recorded")
            return redirect("enforcement:prosecution", prosecution.pk)
        if action == "bundle":
            from tutela.enforcement.bundle import bundle_build

            bundle_build(actor=actor, prosecution=prosecution)
            messages.success(request, "Evidence bundle prepared")
            return redirect("enforcement:prosecution", prosecution.pk)
        if action == "disclose" and disclose.is_valid():
            from tutela.enforcement.bundle import bundle_disclose

            bundle_id = object_id(request.POST.get("bundle"))
            if bundle_id is None:
                raise Http404("No such evidence bundle")
            bundle = get_object_or_404(EvidenceBundle, pk=bundle_id, prosecution=prosecution)
            bundle_disclose(actor=actor, bundle=bundle, **disclose.cleaned_data)
            messages.success(request, "Disclosure recorded")
            return redirect("enforcement:prosecution", prosecution.pk)
    except InvalidInput as invalid:
        _errors({"update": update, "hearing": hearing, "disclose": disclose}.get(action, update), invalid)
    context = {
        "prosecution": prosecution,
        "update": update,
        "hearing_form": hearing,
        "disclose_form": disclose,
        "hearings": prosecution.hearings.all(),
        "bundles": prosecution.bundles.prefetch_related("disclosures").order_by("-created_at"),
        "clock": rules.offence_clock(period_start=prosecution.offence_start, period_end=prosecution.offence_end),
    }
    return render(request, "enforcement/prosecution.html", context)


def _progress(prosecution: Prosecution) -> dict[str, Any]:
    return {
        "court": prosecution.court,
        "information_laid_on": prosecution.information_laid_on,
        "plea": prosecution.plea,
        "outcome": prosecution.outcome,
        "outcome_on": prosecution.outcome_on,
        "sentence": prosecution.sentence,
        "fine": _typed_pounds(prosecution.fine_pence),
        "costs": _typed_pounds(prosecution.costs_pence),
    }


def _case_action(request: HttpRequest, case: Case, form: Any, heading: str, button: str) -> HttpResponse:
    """The form of a case-page action on a page of its own, for its errors (or a direct visit)."""
    context = {"case": case, "form": form, "heading": heading, "button": button, "warning": button == "Close case"}
    return render(request, "enforcement/case_action.html", context)


@login_required
def task_new(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    case = _case(request, case_id)
    form = f.TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        task_add(actor=actor, case=case, title=data["title"], due_on=data["due_on"], assigned_to=case.allocated_worker)
        messages.success(request, f"Task added: {data['title']}")
        return redirect("enforcement:case", case.pk)
    return _case_action(request, case, form, "Add a task", "Add task")


@login_required
def case_close_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    case = _case(request, case_id)
    form = f.CaseCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case_close(actor=actor, case=case, reason=form.cleaned_data["reason"])
        except InvalidInput as invalid:
            _errors(form, invalid)
        else:
            messages.success(request, f"Case {case.reference} closed")
            return redirect("enforcement:case", case.pk)
    return _case_action(request, case, form, "Close the case", "Close case")


@login_required
def task_done(request: HttpRequest, task_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    task = get_object_or_404(CaseTask, pk=task_id)
    case = _case(request, task.case_id)
    form = f.TaskDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            task_complete(actor=actor, task=task, outcome=form.cleaned_data["outcome"])
        except InvalidInput as invalid:
            _errors(form, invalid)
        else:
            messages.success(request, f"Done: {task.title}")
            return redirect("enforcement:case", task.case_id)
    return _case_action(request, case, form, f"Mark as done: {task.title}", "Mark as done")


@login_required
def reg20_report(request: HttpRequest) -> HttpResponse:
    from tutela.enforcement.reports import reg20_pdf

    actor = actor_from_request(request)
    if actor.controller is None:
        raise GateDenied(_no("not an officer of a local authority"))
    pdf = reg20_pdf(actor=actor, controller=actor.controller, service=SERVICE)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="penalty-notice-records-{timezone.localdate()}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
