"""Closing a case records who closed it and ends its open tasks; the chronology shows, in the order
they happened, the case's records, tasks, consents given and withdrawn, objections, flags and closure."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tutela.casework.chronology import case_chronology
from tutela.casework.models import CaseFlag
from tutela.casework.services import case_close, task_add
from tutela.consent.services import consent_give, consent_withdraw, objection_decide, objection_raise

pytestmark = pytest.mark.django_db


def test_closing_records_who_closed_the_case_and_ends_its_open_tasks(client, tess):
    task = task_add(actor=tess.worker, case=tess.case, title="Visit the family", due_on=timezone.localdate())
    case_close(actor=tess.worker, case=tess.case, reason="Support no longer needed")
    task.refresh_from_db()
    assert tess.case.closed_by == tess.worker
    assert task.done_at == tess.case.closed_at and task.outcome == "Ended: the case was closed"
    client.force_login(tess.worker)
    html = client.get(f"/cases/{tess.case.pk}/").content.decode()
    assert "Mark as done" not in html
    closer = tess.worker.get_full_name() or tess.worker.get_username()
    assert f"by {closer}. Reason: Support no longer needed" in html


def test_the_chronology_orders_one_days_entries_as_they_happened_and_names_who_closed(world, tess):
    first = task_add(actor=tess.worker, case=tess.case, title="First", due_on=timezone.localdate())
    second = task_add(actor=tess.worker, case=tess.case, title="Second", due_on=timezone.localdate())
    first.created_at = second.created_at + timedelta(minutes=5)  # set later, though made first
    first.save(update_fields=["created_at"])
    case_close(actor=tess.worker, case=tess.case, reason="Done")
    entries = case_chronology(actor=tess.worker, case=tess.case)
    whats = [entry.what for entry in entries]
    assert whats[0] == "Case opened"
    position = {what.split(" (due")[0]: index for index, what in enumerate(whats)}
    assert position["Task set: Second"] < position["Task set: First"]
    closed = next(entry for entry in entries if entry.what == "Case closed: Done")
    assert closed.by == (tess.worker.get_full_name() or tess.worker.get_username())


def test_consents_given_and_withdrawn_and_the_flag_are_in_the_chronology(world, tess):
    consent = consent_give(
        actor=tess.worker,
        subject=tess.child,
        given_by=tess.mother,
        controller=world.controllers["wigan"],
        service=tess.case.service,
        purposes=["media-therapeutic"],
        form_reference="RSI-9",
        given_on=timezone.localdate(),
    )
    consent_withdraw(actor=tess.worker, consent=consent, withdrawn_by=tess.mother, withdrawn_on=timezone.localdate())
    whats = [entry.what for entry in case_chronology(actor=tess.worker, case=tess.case)]
    assert any(w.startswith("Consent given by Mia Tessler:") for w in whats)
    assert any(w.startswith("Consent withdrawn by Mia Tessler:") for w in whats)
    assert CaseFlag.objects.filter(case=tess.case).exists()
    assert "Flag: Consent withdrawn" in whats


def test_an_objection_raised_and_answered_is_in_the_chronology(world, tess):
    objection = objection_raise(
        actor=tess.worker,
        subject=tess.child,
        raised_by=tess.mother,
        controller=world.controllers["wigan"],
        service=tess.case.service,
        purpose="support-learning",
        grounds="We would rather the school did this",
    )
    objection_decide(actor=tess.worker, objection=objection, upheld=True, rationale="The family's wish outweighs it")
    whats = [entry.what for entry in case_chronology(actor=tess.worker, case=tess.case)]
    assert any(w.startswith("Objection raised by Mia Tessler to ") for w in whats)
    assert any(w.startswith("Objection answered: Upheld.") for w in whats)
