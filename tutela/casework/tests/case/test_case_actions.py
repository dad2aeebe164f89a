"""The case page's actions through their pages: a step, a stage move, a letter, a task, closure."""

import pytest
from django.test import Client

from tutela.casework.models import CaseStep
from tutela.casework.services import task_add
from tutela.records.models import Record

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(tess):
    signed_in = Client()
    signed_in.force_login(tess.worker)
    return signed_in


def test_a_step_recorded_through_its_form_moves_the_case_on(client, tess):
    url = f"/cases/{tess.case.pk}/steps/first-visit/"
    answers = {"visited_on_0": "5", "visited_on_1": "1", "visited_on_2": "2026", "seen_by": "Sam", "notes": "Seen."}
    response = client.post(url, answers)
    assert response.status_code == 302, response.content.decode()[:2000]
    tess.case.refresh_from_db()
    assert tess.case.stage == "assessment"


def test_a_step_not_of_the_stage_is_refused_on_its_page(client, tess):
    response = client.post(f"/cases/{tess.case.pk}/steps/support-plan/", {"plan": "x", "rationale": "y"})
    assert "Support plan is not a step at the stage Request for involvement" in response.content.decode()
    assert not CaseStep.objects.exists()


def test_an_unknown_step_is_a_404(client, tess):
    assert client.get(f"/cases/{tess.case.pk}/steps/no-such-step/").status_code == 404


def test_a_decision_form_asks_for_reasons(client, tess):
    tess.case.stage = "assessment"
    tess.case.save(update_fields=["stage"])
    page = client.get(f"/cases/{tess.case.pk}/steps/support-plan/").content.decode()
    assert "Your reasons for this decision" in page


def test_moving_the_case_offers_only_the_next_stages(client, tess):
    page = client.get(f"/cases/{tess.case.pk}/stage/").content.decode()
    assert "Assessment" in page and "Support plan in place" not in page
    assert client.post(f"/cases/{tess.case.pk}/stage/", {"stage": "assessment"}).status_code == 302


def test_a_letter_is_produced_on_post(client, tess):
    response = client.post(f"/cases/{tess.case.pk}/letters/plan-letter/", {"recipient": str(tess.mother.pk)})
    assert response.status_code == 302
    assert Record.objects.filter(case=tess.case, kind=Record.Kind.DOCUMENT, title__startswith="Support plan").exists()


def test_a_task_is_added_and_marked_done(client, tess):
    data = {"title": "Call school", "due_on_0": "1", "due_on_1": "2", "due_on_2": "2027"}
    assert client.post(f"/cases/{tess.case.pk}/tasks/new/", data).status_code == 302
    task = tess.case.tasks.get()
    assert client.post(f"/tasks/{task.pk}/done/", {"outcome": "Called"}).status_code == 302
    task.refresh_from_db()
    assert task.outcome == "Called"


def test_closing_needs_a_reason(client, tess):
    response = client.post(f"/cases/{tess.case.pk}/close/", {"reason": ""})
    assert "Give the reason for closing the case" in response.content.decode()
    tess.case.refresh_from_db()
    assert tess.case.is_open
    assert client.post(f"/cases/{tess.case.pk}/close/", {"reason": "Moved away"}).status_code == 302
    tess.case.refresh_from_db()
    assert tess.case.close_reason == "Moved away"


def test_a_colleague_of_another_service_cannot_act_on_the_case(world, tess):
    other = Client()
    other.force_login(world.users["assigned_caseworker"])
    task_add(actor=tess.worker, case=tess.case, title="Review", due_on=tess.case.opened_at.date())
    assert other.post(f"/cases/{tess.case.pk}/close/", {"reason": "x"}).status_code == 403
