"""A caseworker records a consent, sees it in the register's words, and withdraws it, through the pages.

The withdrawal takes effect at once (the gate refuses what rested on it right after) and flags the
open case for a decision in the same request."""

from django.utils import timezone

from tutela.casework.models import CaseFlag
from tutela.consent.models import Consent
from tutela.consent.tests.pages import EC, RESTS_ON_CONSENT, consent_touch, date_boxes, given
from tutela.governance.gate import Action, decide
from tutela.register.api import register


def test_a_consent_recorded_on_the_page_has_exactly_the_scope_chosen(world, casework, client):
    client.force_login(world.users["assigned_caseworker"])
    url = f"/people/{casework.child.pk}/consents/new/"
    page = client.get(url).content.decode()
    label = register().purpose("wigan", EC, RESTS_ON_CONSENT).label
    assert label in page and RESTS_ON_CONSENT not in page.replace(f"{EC}:{RESTS_ON_CONSENT}", "")
    response = client.post(
        url,
        {
            "purposes": [f"{EC}:{RESTS_ON_CONSENT}"],
            "given_by": str(casework.mother.pk),
            "form_reference": "EC-CONSENT-9",
            **date_boxes("given_on", timezone.localdate()),
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get(subject=casework.child)
    assert consent.purposes == [RESTS_ON_CONSENT] and consent.recipients == []
    assert consent.given_by == casework.mother and consent.service == EC


def test_the_list_shows_scope_capacity_and_dates_in_words(world, casework, client):
    consent = given(world, casework)
    client.force_login(world.users["team_colleague"])
    page = client.get(f"/people/{casework.child.pk}/consents/").content.decode()
    assert register().purpose("wigan", EC, RESTS_ON_CONSENT).label in page
    assert "Mother with parental responsibility" in page
    assert f"{consent.given_on:%-d %B %Y}" in page and "EC-CONSENT-7" in page
    assert f"/consents/{consent.pk}/withdraw/" in page


def test_the_person_page_links_to_the_consents(world, casework, client):
    consent = given(world, casework)
    client.force_login(world.users["assigned_caseworker"])
    page = client.get(f"/people/{casework.child.pk}/").content.decode()
    assert "Consents and objections" in page
    assert f"/people/{casework.child.pk}/consents/" in page and f"/consents/{consent.pk}/withdraw/" in page


def test_a_young_person_too_young_to_decide_is_refused_with_the_reason(world, casework, client):
    client.force_login(world.users["assigned_caseworker"])
    response = client.post(
        f"/people/{casework.child.pk}/consents/new/",
        {
            "purposes": [f"{EC}:{RESTS_ON_CONSENT}"],
            "given_by": str(casework.child.pk),
            "form_reference": "EC-CONSENT-9",
            **date_boxes("given_on", timezone.localdate()),
        },
    )
    assert response.status_code == 200
    assert "A parent or carer with parental responsibility must decide" in response.content.decode()
    assert not Consent.objects.exists()  # nothing half-written


def test_an_empty_form_lists_every_error_at_once(world, casework, client):
    client.force_login(world.users["assigned_caseworker"])
    body = client.post(f"/people/{casework.child.pk}/consents/new/", {}).content.decode()
    for message in ("Select what the consent is for", "Select who gave consent", "Enter the reference"):
        assert message in body


def test_withdrawing_on_the_page_stops_the_processing_at_once_and_flags_the_case(world, casework, client):
    consent = given(world, casework)
    worker = world.users["assigned_caseworker"]
    assert decide(actor=worker, action=Action.READ, touch=consent_touch(casework))
    client.force_login(worker)
    response = client.post(
        f"/consents/{consent.pk}/withdraw/",
        {
            "withdrawn_by": str(casework.mother.pk),
            "note": "Mother phoned the centre",
            **date_boxes("withdrawn_on", timezone.localdate()),
        },
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate() and consent.withdrawn_by == casework.mother
    refused = decide(actor=worker, action=Action.READ, touch=consent_touch(casework))
    assert not refused and "no live consent" in refused.reasons[0]
    flag = CaseFlag.objects.get(case=casework.case, kind=CaseFlag.Kind.CONSENT_WITHDRAWN)
    assert flag.task is not None and flag.task.assigned_to == worker
    page = client.get(f"/people/{casework.child.pk}/consents/").content.decode()
    assert "Withdrawn" in page and "Mother phoned the centre" in page
