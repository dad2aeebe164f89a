"""Every page that shows personal data passes the gate and writes at least one audit entry naming
the person, allowed or refused (ARCHITECTURE.md: "Each decision, allow or deny, is written to the
audit log"). The enforcement pages have their own test in tutela/enforcement/tests."""

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tutela.attendance.packing import academic_year_of
from tutela.audit.models import AuditEntry
from tutela.consent.services import consent_give

PAGES = [
    "/people/{child}/",
    "/people/{child}/edit/",
    "/records/{record}/",
    "/records/{document}/file/",
    "/cases/{case}/records/new/",
    "/sharing/cases/{case}/share/",
    "/cases/{case}/",
    "/cases/{case}/tasks/new/",
    "/people/{child}/consents/",
    "/people/{child}/consents/new/",
    "/people/{child}/objections/new/",
]


def _entries_after_get(client: Client, url: str) -> tuple[int, list[AuditEntry]]:
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    status = client.get(url).status_code
    return status, list(AuditEntry.objects.filter(seq__gt=last))


def _names(entry: AuditEntry, person_id: int) -> bool:
    return entry.subject_id == str(person_id) or person_id in entry.detail.get("subjects", [])


def _url(path: str, casework: Any) -> str:
    return path.format(
        child=casework.child.pk,
        record=casework.records["file_note"].pk,
        document=casework.records["document"].pk,
        case=casework.case.pk,
        year=academic_year_of(timezone.localdate()),
    )


@pytest.mark.parametrize("path", PAGES)
def test_an_allowed_read_is_audited_naming_the_person(world, casework, sign_in, path):
    status, entries = _entries_after_get(sign_in(world.users["assigned_caseworker"]), _url(path, casework))
    assert status == 200
    assert any(_names(e, casework.child.pk) and e.decision == "allowed" for e in entries), entries


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("persona", ["other_service_officer", "dudley_caseworker"])
def test_a_refused_read_is_audited_naming_the_person(world, casework, sign_in, path, persona):
    status, entries = _entries_after_get(sign_in(world.users[persona], Client()), _url(path, casework))
    assert status in (403, 404)
    assert any(_names(e, casework.child.pk) and e.decision == "denied" for e in entries), entries


def test_the_case_read_names_the_case_and_its_register_purpose(world, casework, sign_in):
    _status, entries = _entries_after_get(
        sign_in(world.users["team_colleague"]), f"/cases/{casework.case.pk}/records/new/"
    )
    read = next(e for e in entries if e.object_type == "casework.case")
    assert read.object_id == str(casework.case.pk) and read.subject_id == str(casework.child.pk)
    assert read.purpose.startswith("wigan/engagement-centres/") and read.decision == "allowed"


def test_reading_a_case_of_a_restricted_child_is_refused_and_audited(world, casework, sign_in):
    casework.child.processing_restricted = True
    casework.child.save(update_fields=["processing_restricted"])
    status, entries = _entries_after_get(
        sign_in(world.users["assigned_caseworker"]), f"/cases/{casework.case.pk}/records/new/"
    )
    assert status == 403
    assert any(e.object_type == "casework.case" and e.decision == "denied" for e in entries)


def test_withdrawing_a_consent_reads_it_with_an_audit_entry(world, casework):
    from tutela.consent.selectors import consent_for_actor

    consent = consent_give(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        given_by=casework.mother,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purposes=["parental-consent"],
        form_reference="Engagement centre parental consent form",
        given_on=timezone.localdate(),
    )
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    consent_for_actor(actor=world.users["team_colleague"], consent_id=consent.pk)
    entries = list(AuditEntry.objects.filter(seq__gt=last))
    assert any(_names(e, casework.child.pk) and e.object_type == "consent.consent" for e in entries)


def test_the_page_of_a_person_with_no_records_is_audited(world, casework, sign_in):
    from tutela.casework.models import Case
    from tutela.people.tests.factories import PersonFactory

    child = PersonFactory(given_name="Nora", family_name="Norecords")
    Case.objects.create(
        reference="EC-0002",
        controller=world.controllers["wigan"],
        service="engagement-centres",
        child=child,
        owning_team=world.teams["wigan.engagement"],
        allocated_worker=world.users["assigned_caseworker"],
        opened_at=timezone.now(),
        opened_by=world.users["assigned_caseworker"],
    )
    status, entries = _entries_after_get(sign_in(world.users["team_colleague"]), f"/people/{child.pk}/")
    assert status == 200
    assert any(_names(e, child.pk) and e.decision == "allowed" for e in entries)


def test_break_glass_opens_a_case_for_reading_but_not_for_work(world, casework, sign_in):
    from tutela.governance.services import break_glass_open

    officer = world.users["other_service_officer"]
    break_glass_open(
        actor=officer,
        subject=casework.child,
        reason="Urgent welfare call from the school",
        minutes=15,
        purpose="engagement-centres/administer-service",
    )
    client = sign_in(officer)
    url = f"/cases/{casework.case.pk}/records/new/"
    status, entries = _entries_after_get(client, url)
    assert status == 200
    assert any(e.object_type == "casework.case" and e.decision == "allowed" for e in entries)
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    response = client.post(url, {"title": "A note", "purpose": "administer-service"})
    assert response.status_code == 403
    assert AuditEntry.objects.filter(seq__gt=last, object_type="casework.case", decision="denied").exists()
