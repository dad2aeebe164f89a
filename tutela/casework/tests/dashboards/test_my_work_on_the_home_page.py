"""A caseworker's home page starts from their work: their open cases (child, service stage, next
task, flags) and their tasks, overdue first, then due soon, then later, each linking to its case."""

from datetime import timedelta

from django.utils import timezone

from tutela.casework.dashboards import my_cases, my_tasks
from tutela.casework.models import CaseFlag
from tutela.casework.services import case_close, task_add


def test_my_cases_are_my_open_cases_with_stage_next_task_and_flags(tess, tess_today):
    mine = tess.open("ada", worker=tess.worker, stage="support")
    tess.open("bob", worker=tess.colleague, stage="assessment")
    closed = tess.open("cy", worker=tess.worker, stage="review")
    case_close(actor=tess.worker, case=closed, reason="Done")
    task_add(actor=tess.worker, case=mine, title="Visit school", due_on=tess_today + timedelta(days=20))
    task_add(actor=tess.worker, case=mine, title="Call parent", due_on=tess_today + timedelta(days=2))
    CaseFlag.objects.create(case=mine, kind="consent_withdrawn", message="m", raised_at=timezone.now())
    rows = my_cases(user=tess.worker)
    assert [row.reference for row in rows] == [mine.reference]
    row = rows[0]
    assert row.child_name == "Ada Testchild"
    assert row.service_name == "Targeted Education Support Service"
    assert row.stage_name == "Support plan"
    assert row.next_task is not None and row.next_task.title == "Call parent"
    assert row.flags == ("Consent withdrawn",)


def test_my_tasks_are_overdue_then_due_soon_then_later(tess, tess_today):
    case = tess.open("ada", worker=tess.worker, stage="support")
    for title, days in (("Later", 30), ("Overdue", -1), ("Soon", 3), ("Today", 0)):
        task_add(actor=tess.worker, case=case, title=title, due_on=tess_today + timedelta(days=days))
    tasks = my_tasks(user=tess.worker, today=tess_today)
    assert [t.title for t in tasks.overdue] == ["Overdue"]
    assert [t.title for t in tasks.due_soon] == ["Today", "Soon"]
    assert [t.title for t in tasks.later] == ["Later"]


def test_the_home_page_lists_my_cases_and_tasks_in_order(client, tess, tess_today):
    case = tess.open("ada", worker=tess.worker, stage="assessment")
    for title, days in (("Later task", 30), ("Overdue task", -1), ("Soon task", 3)):
        task_add(actor=tess.worker, case=case, title=title, due_on=tess_today + timedelta(days=days))
    client.force_login(tess.worker)
    html = client.get("/").content.decode()
    assert "My cases" in html and "Ada Testchild" in html and "Assessment" in html
    assert html.index("Overdue task") < html.index("Soon task") < html.index("Later task")
