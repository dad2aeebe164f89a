"""Administrators read the scheduled jobs and their runs under Administration; nobody edits them there."""

from datetime import UTC, datetime

import pytest

from tutela.scheduling.models import ScheduledRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_run():
    return ScheduledRun.objects.create(
        job="audit_verify",
        worker="w1",
        started_at=datetime(2026, 1, 5, 5, 30, tzinfo=UTC),
        finished_at=datetime(2026, 1, 5, 5, 30, 2, tzinfo=UTC),
        outcome=ScheduledRun.Outcome.FAILED,
        summary="BROKEN at entry #3: hash does not match content",
    )


def test_an_administrator_sees_each_run_with_its_outcome_and_error(world, client, failed_run):
    client.force_login(world.users["administrator"])
    page = client.get("/admin/scheduling/scheduledrun/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "audit_verify" in text
    assert "Failed" in text
    assert "BROKEN at entry #3" in text
    assert client.get("/admin/scheduling/scheduledjob/").status_code == 200


def test_runs_cannot_be_added_changed_or_deleted_from_the_page(world, client, failed_run):
    client.force_login(world.users["administrator"])
    assert client.get("/admin/scheduling/scheduledrun/add/").status_code == 403
    assert client.post(f"/admin/scheduling/scheduledrun/{failed_run.pk}/delete/").status_code == 403
    failed_run.refresh_from_db()


def test_a_caseworker_does_not_see_the_runs(world, client, failed_run):
    client.force_login(world.users["assigned_caseworker"])
    assert client.get("/admin/scheduling/scheduledrun/").status_code == 302
