"""A dashboard that names children reads them through the gate: one audit entry for the batch,
naming every child shown (and every child refused)."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from tutela.audit.models import AuditEntry
from tutela.casework.services import task_add
from tutela.casework.tests.dashboards.conftest import referral_make


def _entries_after(client: Client, url: str) -> list[AuditEntry]:
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    assert client.get(url).status_code == 200
    return list(AuditEntry.objects.filter(seq__gt=last, action="read"))


def _subjects(entries: list[AuditEntry]) -> set[int]:
    named = set()
    for entry in entries:
        named |= set(entry.detail.get("subjects", []))
        if entry.subject_id:
            named.add(int(entry.subject_id))
    return named


def test_the_home_page_names_each_child_on_my_cases_and_tasks_in_one_entry(client, tess, tess_today):
    ada = tess.open("ada", worker=tess.worker, stage="support")
    bob = tess.open("bob", worker=tess.colleague, stage="support")
    task_add(actor=tess.worker, case=bob, title="Cover visit", due_on=tess_today, assigned_to=tess.worker)
    client.force_login(tess.worker)
    entries = _entries_after(client, "/")
    work = [entry for entry in entries if entry.object_type == "my work"]
    assert len(work) == 1 and work[0].decision == "allowed"
    assert set(work[0].detail["subjects"]) == {ada.child_id, bob.child_id}


def test_the_referrals_waiting_name_each_child(client, tess, tess_today):
    referral = referral_make(tess=tess, given_name="Old", submitted_at=timezone.now() - timedelta(days=3))
    client.force_login(tess.colleague)
    entries = _entries_after(client, "/services/targeted-education-support/")
    assert referral.child_id in _subjects(entries)


def test_the_case_list_names_each_child_listed_and_refused(client, tess, tess_today):
    tess.open("ada", worker=tess.worker, stage="support")
    tess.open("bob", worker=tess.worker, stage="support")
    tess.children["bob"].processing_restricted = True
    tess.children["bob"].save(update_fields=["processing_restricted"])
    client.force_login(tess.manager)
    entries = _entries_after(client, "/services/targeted-education-support/cases/")
    listing = [entry for entry in entries if entry.object_type == "service cases"]
    assert len(listing) == 1
    assert set(listing[0].detail["subjects"]) == {tess.children["ada"].pk, tess.children["bob"].pk}
    assert [group["ids"] for group in listing[0].detail["denied"]] == [[str(tess.cases["bob"].pk)]]


def test_a_school_user_reading_their_referrals_is_audited(client, tess, tess_today):
    referral = referral_make(tess=tess, given_name="Sent", submitted_at=timezone.now() - timedelta(days=1))
    client.force_login(tess.school_user)
    entries = _entries_after(client, "/")
    assert referral.child_id in _subjects(entries)
