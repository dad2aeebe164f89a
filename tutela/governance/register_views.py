"""Public privacy notices, and the register pages of the information-governance team (thin views)."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from tutela.accounts.selectors import actor_from_request
from tutela.audit.services import audit_record
from tutela.governance.publication import notice_with_change_log, notices_index, publications_latest
from tutela.lib.pdf import html_to_pdf
from tutela.register.api import register
from tutela.register.notices import Notice, notice_pdf
from tutela.register.policy_document import policy_document_build, policy_document_needed
from tutela.register.ropa import COLUMNS, ropa_csv, ropa_rows


def _notice_or_404(controller: str, service: str) -> Notice:
    try:
        return notice_with_change_log(controller=controller, service=service)
    except LookupError as missing:
        raise Http404(str(missing)) from missing


def _notice_urls(controller: str, service: str) -> dict[str, str]:
    args = [controller, service]
    return {
        "full_url": reverse("register:notice", args=args),
        "young_people_url": reverse("register:notice_young_people", args=args),
        "pdf_url": reverse("register:notice_pdf", args=args),
        "young_people_pdf_url": f"{reverse('register:notice_pdf', args=args)}?version=young-people",
    }


def privacy_index(request: HttpRequest) -> HttpResponse:
    return render(request, "register/privacy_index.html", {"controllers": notices_index()})


def notice(request: HttpRequest, controller: str, service: str) -> HttpResponse:
    context = {"notice": _notice_or_404(controller, service), **_notice_urls(controller, service)}
    return render(request, "register/notice_full_page.html", context)


def notice_young_people(request: HttpRequest, controller: str, service: str) -> HttpResponse:
    context = {"notice": _notice_or_404(controller, service), **_notice_urls(controller, service)}
    return render(request, "register/notice_young_people_page.html", context)


def notice_as_pdf(request: HttpRequest, controller: str, service: str) -> HttpResponse:
    young = request.GET.get("version") == "young-people"
    pdf = notice_pdf(notice=_notice_or_404(controller, service), young_people=young)
    name = f"{controller}-{service}{'-young-people' if young else ''}-privacy-notice.pdf"
    return HttpResponse(
        pdf, content_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{name}"'}
    )


@permission_required("governance.browse_register", raise_exception=True)
def register_index(request: HttpRequest) -> HttpResponse:
    registers = register()
    latest = publications_latest()
    controllers = sorted(registers.registers.values(), key=lambda found: found.controller.name)
    context = {
        "controllers": [(found, latest.get(found.controller.key)) for found in controllers],
        "warnings": registers.warnings,
    }
    return render(request, "register/register_index.html", context)


@permission_required("governance.browse_register", raise_exception=True)
def register_controller(request: HttpRequest, controller: str) -> HttpResponse:
    registers = register()
    try:
        found = registers.controller(controller)
    except LookupError as missing:
        raise Http404(str(missing)) from missing
    services = [
        {
            "service": service,
            "needs_policy_document": policy_document_needed(service),
            "categories": {c.key: c for c in registers.taxonomy.categories},
        }
        for service in found.services
    ]
    return render(request, "register/register_controller.html", {"register": found, "services": services})


def _export_audited(request: HttpRequest, what: str, controller: str) -> None:
    audit_record(actor=actor_from_request(request), action="register_export", object_type=what, object_id=controller)


@permission_required("governance.export_register", raise_exception=True)
def ropa_as_csv(request: HttpRequest, controller: str) -> HttpResponse:
    try:
        text = ropa_csv(registers=register(), controller=controller)
    except LookupError as missing:
        raise Http404(str(missing)) from missing
    _export_audited(request, "record_of_processing.csv", controller)
    name = f"{controller}-record-of-processing.csv"
    return HttpResponse(
        text, content_type="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@permission_required("governance.export_register", raise_exception=True)
def ropa_as_pdf(request: HttpRequest, controller: str) -> HttpResponse:
    registers = register()
    try:
        found = registers.controller(controller)
        rows = ropa_rows(registers=registers, controller=controller)
    except LookupError as missing:
        raise Http404(str(missing)) from missing
    _export_audited(request, "record_of_processing.pdf", controller)
    pdf = html_to_pdf("register/ropa_print.html", {"register": found, "columns": COLUMNS, "rows": rows})
    return HttpResponse(pdf, content_type="application/pdf")


@permission_required("governance.browse_register", raise_exception=True)
def policy_document(request: HttpRequest, controller: str, service: str) -> HttpResponse:
    try:
        document = policy_document_build(registers=register(), controller=controller, service=service)
    except LookupError as missing:
        raise Http404(str(missing)) from missing
    if document is None:
        raise Http404("This service relies on no condition that needs an appropriate policy document")
    if request.GET.get("format") == "pdf":
        _export_audited(request, "appropriate_policy_document.pdf", f"{controller}/{service}")
        return HttpResponse(
            html_to_pdf("register/policy_document_print.html", {"document": document}), content_type="application/pdf"
        )
    return render(request, "register/policy_document_page.html", {"document": document})
