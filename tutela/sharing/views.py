"""Pages for information sharing: the agreements, and the DPO's review of sharing without consent."""

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from tutela.accounts.selectors import actor_from_request
from tutela.audit.services import audit_record
from tutela.casework.access import case_for_actor
from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action
from tutela.lib.errors import InvalidInput
from tutela.records.forms import ReviewForm
from tutela.sharing.forms import DecisionForm, ShareForm
from tutela.sharing.selectors import (
    agreements_index,
    disclosure_for_actor,
    disclosure_for_review,
    disclosures_without_consent_to_review,
    share_choices,
)
from tutela.sharing.services import (
    DisclosureRefused,
    DisclosureRequest,
    disclosure_decide,
    disclosure_dpo_review,
    disclosure_propose,
    disclosure_send,
)


@permission_required("governance.browse_register", raise_exception=True)
def agreements(request: HttpRequest) -> HttpResponse:
    rows = agreements_index(today=timezone.localdate(), viewer=actor_from_request(request))
    return render(request, "sharing/agreements.html", {"rows": rows, "expired": sum(row.expired for row in rows)})


@permission_required("governance.review_break_glass", raise_exception=True)
def reviews(request: HttpRequest) -> HttpResponse:
    disclosures = disclosures_without_consent_to_review(reviewer=actor_from_request(request))
    return render(request, "sharing/reviews.html", {"disclosures": disclosures})


@permission_required("governance.review_break_glass", raise_exception=True)
def review(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    reviewer = actor_from_request(request)
    disclosure = disclosure_for_review(reviewer=reviewer, disclosure_id=disclosure_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            disclosure_dpo_review(reviewer=reviewer, disclosure=disclosure, outcome=form.cleaned_data["outcome"])
            return redirect("sharing:reviews")
        except InvalidInput as invalid:
            for name, message in invalid.errors.items():
                form.add_error(name if name in form.fields else None, message)
    return render(request, "sharing/review.html", {"form": form, "disclosure": disclosure})


@login_required
def share(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    action = Action.READ if request.method in ("GET", "HEAD") else Action.SHARE
    case = case_for_actor(actor=actor, case_id=case_id, action=action)
    form = ShareForm(request.POST or None, choices=share_choices(controller=case.controller.slug, service=case.service))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        share_request = DisclosureRequest(
            controller=case.controller,
            service=case.service,
            recipient=data["recipient"],
            purpose=data["purpose"],
            subjects=[case.child],
            categories=data["categories"],
            without_consent_justification=data["without_consent_justification"],
        )
        try:
            disclosure = disclosure_propose(actor=actor, request=share_request)
            return redirect("sharing:disclosure", disclosure_id=disclosure.pk)
        except (DisclosureRefused, GateDenied) as refused:  # the form again, with why, to change the choice
            form.add_error(None, str(refused))
        except InvalidInput as invalid:
            for name, message in invalid.errors.items():
                form.add_error(name if name in form.fields else None, message)
    return render(request, "sharing/share.html", {"form": form, "case": case})


@login_required
def disclosure_page(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    disclosure = disclosure_for_actor(actor=actor, disclosure_id=disclosure_id)
    decision_form = DecisionForm(request.POST if request.POST.get("step") == "decide" else None)
    sent = None
    if request.method == "POST":
        try:
            if request.POST.get("step") == "decide" and decision_form.is_valid():
                disclosure_decide(
                    actor=actor,
                    disclosure=disclosure,
                    approve=decision_form.cleaned_data["approve"],
                    rationale=decision_form.cleaned_data["rationale"],
                )
                return redirect("sharing:disclosure", disclosure_id=disclosure.pk)
            if request.POST.get("step") == "send":
                sent = disclosure_send(actor=actor, disclosure=disclosure)
        except InvalidInput as invalid:
            for name, message in invalid.errors.items():
                decision_form.add_error(name if name in decision_form.fields else None, message)
    labels = {
        key: label
        for key, label in share_choices(controller=disclosure.controller.slug, service=disclosure.service)["categories"]
    }
    context = {
        "disclosure": disclosure,
        "form": decision_form,
        "sent": sent,
        "labels": labels,
        "can_decide": actor.has_perm("sharing.approve_disclosure") and actor.pk != disclosure.proposed_by_id,
        "sent_labels": [labels.get(key, key) for key in disclosure.categories_sent],
        "dropped": [
            (labels.get(item["category"], item["category"]), item["reason"]) for item in disclosure.categories_dropped
        ],
    }
    return render(request, "sharing/disclosure.html", context)


@login_required
def package(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    disclosure = disclosure_for_actor(actor=actor, disclosure_id=disclosure_id)
    if not disclosure.package_name:
        raise Http404("Not sent yet")
    data = (settings.DISCLOSURE_PACKAGE_DIR / disclosure.package_name).read_bytes()
    audit_record(
        actor=actor, action="disclosure_package_download", object_type="sharing.disclosure", object_id=disclosure.pk
    )
    return HttpResponse(
        data,
        content_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{disclosure.package_name}"'},
    )
