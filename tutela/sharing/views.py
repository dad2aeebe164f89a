"""Pages for information sharing: the agreements, and the DPO's review of sharing without consent."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from tutela.governance.errors import InvalidInput
from tutela.governance.selectors import actor_from_request
from tutela.records.forms import ReviewForm
from tutela.sharing.selectors import agreements_index, disclosure_for_review, disclosures_without_consent_to_review
from tutela.sharing.services import disclosure_dpo_review


@permission_required("register.browse_register", raise_exception=True)
def agreements(request: HttpRequest) -> HttpResponse:
    rows = agreements_index(today=timezone.localdate())
    return render(request, "sharing/agreements.html", {"rows": rows, "expired": sum(row.expired for row in rows)})


@permission_required("governance.review_break_glass", raise_exception=True)
def reviews(request: HttpRequest) -> HttpResponse:
    return render(request, "sharing/reviews.html", {"disclosures": disclosures_without_consent_to_review()})


@permission_required("governance.review_break_glass", raise_exception=True)
def review(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    disclosure = disclosure_for_review(disclosure_id=disclosure_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            disclosure_dpo_review(
                reviewer=actor_from_request(request), disclosure=disclosure, outcome=form.cleaned_data["outcome"]
            )
            return redirect("sharing:reviews")
        except InvalidInput as invalid:
            for name, message in invalid.errors.items():
                form.add_error(name if name in form.fields else None, message)
    return render(request, "sharing/review.html", {"form": form, "disclosure": disclosure})
