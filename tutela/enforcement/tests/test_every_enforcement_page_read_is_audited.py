"""Every enforcement page that shows personal data reads it through the gate and writes at least
one audit entry naming the person, whether the read is allowed or refused (ARCHITECTURE.md, "One
gate for every touch of personal data"); what the gate refuses is left out or marked "Restricted"."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tutela.audit.models import AuditEntry
from tutela.casework.intake import referral_submit
from tutela.enforcement.models import Prosecution
from tutela.enforcement.services import penalty_notice_issue, prosecution_start
from tutela.enforcement.tests.test_school_referral import details
from tutela.people.models import Person
from tutela.records.models import Record
from tutela.records.services import record_create


@pytest.fixture
def notice(ess):
    return penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=date(2026, 1, 12),
        service_method="hand",
        rationale="Threshold met.",
    )


@pytest.fixture
def prosecution(ess):
    return prosecution_start(
        actor=ess.officer,
        case=ess.case,
        defendant=ess.father,
        offence=Prosecution.Offence.S444_1,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 12, 12),
        rationale="Notices unpaid; attendance unchanged.",
    )


@pytest.fixture
def referral(ess):
    return referral_submit(
        actor=ess.school_user,
        **details(ess, parents=[ess.mother], actions_taken="Letters home and a meeting."),
    )


def _names(entry: AuditEntry, person: Person) -> bool:
    return entry.subject_id == str(person.pk) or person.pk in entry.detail.get("subjects", [])


def _entries_after_get(client, url: str, status: int) -> list[AuditEntry]:
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    response = client.get(url)
    assert response.status_code == status, url
    return list(AuditEntry.objects.filter(seq__gt=last))


def test_the_case_page_is_audited_for_the_child_the_family_and_the_defendant(ess, sign_in, notice, prosecution):
    entries = _entries_after_get(sign_in(ess.officer), f"/enforcement/cases/{ess.case.pk}/", 200)
    assert any(_names(e, ess.child) and e.decision == "allowed" and e.object_type == "casework.case" for e in entries)
    for person in (ess.mother, ess.father):
        assert any(_names(e, person) and e.decision == "allowed" for e in entries), person


@pytest.mark.parametrize(
    "path",
    [
        "/enforcement/cases/{case}/",
        "/enforcement/cases/{case}/steps/notice-to-improve/",
        "/enforcement/cases/{case}/penalty-notices/new/",
        "/enforcement/cases/{case}/prosecutions/new/",
        "/enforcement/penalty-notices/{notice}/",
        "/enforcement/prosecutions/{prosecution}/",
    ],
)
def test_each_case_page_is_audited_allowed_and_refused(ess, world, sign_in, notice, prosecution, path):
    url = path.format(case=ess.case.pk, notice=notice.pk, prosecution=prosecution.pk)
    allowed = _entries_after_get(sign_in(ess.officer), url, 200)
    assert any(_names(e, ess.child) and e.decision == "allowed" for e in allowed)
    refused = _entries_after_get(sign_in(world.users["other_service_officer"], Client()), url, 403)
    assert any(_names(e, ess.child) and e.decision == "denied" for e in refused)


def test_the_notice_and_prosecution_pages_name_the_parent_they_are_about(ess, sign_in, notice, prosecution):
    client = sign_in(ess.officer)
    entries = _entries_after_get(client, f"/enforcement/penalty-notices/{notice.pk}/", 200)
    assert any(_names(e, ess.mother) and e.decision == "allowed" for e in entries)
    entries = _entries_after_get(client, f"/enforcement/prosecutions/{prosecution.pk}/", 200)
    assert any(_names(e, ess.father) and e.decision == "allowed" and "criminal" in e.purpose for e in entries)


def test_the_chronology_marks_records_the_officer_may_not_read_as_restricted(ess, sign_in):
    record = record_create(
        actor=ess.officer,
        subject=ess.child,
        controller=ess.case.controller,
        service=ess.case.service,
        purpose="attendance-offence-enforcement",
        categories=["child.identity.name"],
        kind=Record.Kind.FILE_NOTE,
        title="Secret-looking note title",
        body="",
        occurred_on=date(2026, 1, 14),
        source=Record.Source.OFFICER,
        case=ess.case,
    )
    Record.objects.filter(pk=record.pk).update(processing_restricted=True)  # Art 18: stored, not used
    entries = _entries_after_get(sign_in(ess.officer), f"/enforcement/cases/{ess.case.pk}/", 200)
    page = sign_in(ess.officer).get(f"/enforcement/cases/{ess.case.pk}/").content.decode()
    assert "Secret-looking note title" not in page and "Restricted" in page
    chronology = next(e for e in entries if e.object_type == "case chronology")
    assert [str(record.pk)] == chronology.detail["denied"][0]["ids"]


def test_dashboard_and_queues_audit_the_people_they_list(ess, sign_in, notice, referral):
    officer = sign_in(ess.officer)
    for url in ("/enforcement/", "/referrals/"):
        entries = _entries_after_get(officer, url, 200)
        assert any(_names(e, ess.child) and e.decision == "allowed" for e in entries), url
    school = sign_in(ess.school_user, Client())
    for url in (
        "/referrals/",
        f"/referrals/{referral.pk}/",
        f"/services/education-support/refer/school-referral/?child={ess.child.pk}",
    ):
        entries = _entries_after_get(school, url, 200)
        assert any(_names(e, ess.child) and e.decision == "allowed" for e in entries), url


def test_the_referral_page_refused_to_another_school_is_audited(ess, sign_in, referral):
    entries = _entries_after_get(sign_in(ess.other_school_user), f"/referrals/{referral.pk}/", 403)
    assert any(_names(e, ess.child) and e.decision == "denied" for e in entries)


def test_the_case_page_costs_a_fixed_handful_of_queries(ess, sign_in, notice, prosecution):
    client = sign_in(ess.officer)
    url = f"/enforcement/cases/{ess.case.pk}/"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.father,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=date(2026, 1, 12),
        service_method="hand",
        rationale="Threshold met.",
    )
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    # Bounded, and the same with one notice more; each audit entry costs one look-up of its controller,
    # and the chronology reads the consents and flags on the case in a query each.
    assert len(more) == len(few) <= 68  # PostgreSQL: an advisory lock more per audit entry


def test_the_officer_dashboard_costs_the_same_queries_however_many_cases(ess, world, sign_in, notice):
    from tutela.casework.services import case_open
    from tutela.people.tests.factories import PersonFactory

    client = sign_in(ess.officer)
    with CaptureQueriesContext(connection) as one:
        client.get("/enforcement/")
    for n in range(3):
        case = case_open(
            actor=ess.officer,
            controller=ess.case.controller,
            service=ess.case.service,
            child=PersonFactory(school=ess.school, given_name=f"Extra{n}"),
            team=world.teams["dudley.ess"],
            family=[ess.mother],
            allocated_worker=ess.officer,
        )
        penalty_notice_issue(
            actor=ess.officer,
            case=case,
            parent=ess.mother,
            offence_start=date(2025, 9, 1),
            offence_end=date(2025, 11, 7),
            issued_on=date(2026, 1, 12),
            service_method="hand",
            rationale="Threshold met.",
        )
    with CaptureQueriesContext(connection) as four:
        entries_before = AuditEntry.objects.count()
        client.get("/enforcement/")
    assert len(four) - 1 <= len(one)  # (less the count above)
    assert AuditEntry.objects.count() - entries_before == 1  # one audit entry for the page
