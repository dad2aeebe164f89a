"""A refusal by the gate, raised from any page, is the 403 page that says why, in one place.

Views let ``GateDenied`` propagate; ``tutela.web.middleware.RefusalMiddleware`` answers it with the
refusal page: the decision's reasons, and emergency access offered only where the user could open a
grant on the person the refusal is about. The refusal itself is in the audit log, naming the person.
"""

from html import unescape

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from tutela.audit.models import AuditEntry
from tutela.governance.errors import GateDenied
from tutela.governance.gate import NO_NEED_TO_KNOW, Decision
from tutela.governance.tests.dudley import dudley_child
from tutela.web.middleware import RefusalMiddleware

OFFER = "ask for emergency access"


def _refused(client, url: str, reason: str, subject_id: int) -> str:
    before = AuditEntry.objects.count()
    response = client.get(url)
    assert response.status_code == 403, url
    html: str = response.content.decode()
    assert "You cannot see this" in html
    # The page shows each reason as written, its first letter capitalised, HTML-escaped.
    assert reason[0].upper() + reason[1:] in unescape(html), html
    written = AuditEntry.objects.order_by("pk")[before:]
    assert any(e.decision == "denied" and e.subject_id == str(subject_id) for e in written), url
    return html


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("/people/{child}/", "no need to know this person"),
        ("/people/{child}/edit/", "no need to know this person"),
        ("/records/{record}/", NO_NEED_TO_KNOW),
        ("/records/{record}/file/", NO_NEED_TO_KNOW),
        ("/cases/{case}/records/new/", NO_NEED_TO_KNOW),
        ("/sharing/cases/{case}/share/", NO_NEED_TO_KNOW),
    ],
)
def test_a_refused_records_or_sharing_page_is_the_403_page_with_its_reasons(
    client, world, casework, sign_in, url, reason
):
    sign_in(world.users["other_service_officer"])
    ids = {"child": casework.child.pk, "record": casework.records["document"].pk, "case": casework.case.pk}
    _refused(client, url.format(**ids), reason, casework.child.pk)


def test_a_refused_attendance_calendar_is_the_403_page_with_its_reasons(client, world, casework, sign_in):
    sign_in(world.users["dudley_caseworker"])
    url = f"/attendance/pupils/{casework.child.pk}/2025/"
    html = _refused(client, url, "no attendance role", casework.child.pk)
    assert OFFER not in html  # Dudley cannot open a grant on a Wigan child


@pytest.mark.parametrize(
    "url", ["/enforcement/cases/{case}/", "/enforcement/cases/{case}/tasks/new/", "/records/{health}/"]
)
def test_a_refused_case_or_record_offers_emergency_access_to_whoever_could_open_it(client, world, sign_in, url):
    dudley = dudley_child(world)
    sign_in(dudley.other_team_caseworker)
    html = _refused(client, url.format(case=dudley.case.pk, health=dudley.health.pk), NO_NEED_TO_KNOW, dudley.child.pk)
    assert OFFER in html
    assert f"/people/{dudley.child.pk}/break-glass/" in html


def test_no_offer_where_the_refusal_names_no_person(client, world, sign_in):
    sign_in(world.users["assigned_caseworker"])
    response = client.get("/enforcement/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You are not in a team of the Education Support Service" in html
    assert OFFER not in html


def test_a_refusal_raised_by_any_view_becomes_the_refusal_page(world):
    def view(request: HttpRequest) -> HttpResponse:
        raise GateDenied(Decision(False, ("purpose 'x' is retired", "another reason")))

    request = RequestFactory().get("/anything/")
    request.user = world.users["assigned_caseworker"]
    middleware = RefusalMiddleware(view)
    try:
        view(request)
    except GateDenied as denied:
        response = middleware.process_exception(request, denied)
    assert response is not None
    assert response.status_code == 403
    html = response.content.decode()
    assert "Purpose &#x27;x&#x27; is retired" in html
    assert "Another reason" in html
    assert OFFER not in html


def test_other_exceptions_pass_through(world):
    request = RequestFactory().get("/anything/")
    assert RefusalMiddleware(lambda r: HttpResponse()).process_exception(request, ValueError("no")) is None
