"""A job runs at each due time, once, and each run is recorded with its outcome and output."""

from datetime import UTC, datetime

import pytest
import time_machine

from tutela.scheduling.models import ScheduledJob, ScheduledRun
from tutela.scheduling.services import scheduled_jobs_run_due

pytestmark = pytest.mark.django_db


def test_a_new_job_waits_for_its_first_due_time_rather_than_running_at_start_up():
    with time_machine.travel(datetime(2026, 1, 5, 9, 1, tzinfo=UTC), tick=False):
        assert scheduled_jobs_run_due(worker="w1") == []
    assert ScheduledJob.objects.get(name="audit_checkpoint").next_due_at == datetime(2026, 1, 5, 9, 5, tzinfo=UTC)
    assert not ScheduledRun.objects.exists()


def test_the_due_audit_checkpoint_runs_once_and_its_run_is_recorded_ok():
    with time_machine.travel(datetime(2026, 1, 5, 9, 1, tzinfo=UTC), tick=False):
        scheduled_jobs_run_due(worker="w1")
    with time_machine.travel(datetime(2026, 1, 5, 9, 5, 10, tzinfo=UTC), tick=False):
        runs = scheduled_jobs_run_due(worker="w1")
        again = scheduled_jobs_run_due(worker="w1")

    assert [run.job for run in runs] == ["audit_checkpoint"]
    assert again == []
    run = ScheduledRun.objects.get()
    assert run.outcome == ScheduledRun.Outcome.OK
    assert run.summary.startswith("Checkpoint ")
    assert run.worker == "w1"
    assert run.started_at == run.finished_at == datetime(2026, 1, 5, 9, 5, 10, tzinfo=UTC)
    job = ScheduledJob.objects.get(name="audit_checkpoint")
    assert job.next_due_at == datetime(2026, 1, 5, 9, 10, tzinfo=UTC)
    assert job.lease_holder == ""
    assert job.lease_until is None


def test_a_job_missed_while_no_worker_ran_runs_once_when_one_starts_then_keeps_its_times():
    with time_machine.travel(datetime(2026, 1, 5, 9, 1, tzinfo=UTC), tick=False):
        scheduled_jobs_run_due(worker="w1")
    with time_machine.travel(datetime(2026, 1, 5, 11, 42, tzinfo=UTC), tick=False):
        runs = scheduled_jobs_run_due(worker="w1")

    assert [run.job for run in runs] == ["audit_checkpoint"]
    assert ScheduledJob.objects.get(name="audit_checkpoint").next_due_at == datetime(2026, 1, 5, 11, 45, tzinfo=UTC)
