"""A failed run is recorded as failed with its error, and the scheduler goes on with the other jobs."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import OperationalError

from tutela.audit.tests.helpers import tamper, write_entries
from tutela.scheduling import services, worker
from tutela.scheduling.models import ScheduledJob, ScheduledRun
from tutela.scheduling.schedule import ScheduledJobSpec, schedule_spec
from tutela.scheduling.services import scheduled_jobs_run_due

pytestmark = pytest.mark.django_db

BEFORE = datetime(2026, 1, 5, 5, 0, tzinfo=UTC)
DUE = datetime(2026, 1, 5, 6, 0, tzinfo=UTC)


def test_audit_verify_on_a_broken_chain_is_recorded_failed_and_the_next_job_still_runs():
    schedule = [schedule_spec("audit_verify"), schedule_spec("penalty_notice_sweep")]
    scheduled_jobs_run_due(worker="w1", now=BEFORE, schedule=schedule)
    write_entries(4)
    tamper("UPDATE audit_auditentry SET reason = 'nothing to see' WHERE seq = 3")

    with time_machine.travel(DUE, tick=False):
        runs = scheduled_jobs_run_due(worker="w1", now=DUE, schedule=schedule)

    verify, sweep = runs
    assert verify.job == "audit_verify"
    assert verify.outcome == ScheduledRun.Outcome.FAILED
    assert verify.summary.startswith("BROKEN at entry #3")
    assert verify.finished_at is not None
    assert sweep.job == "penalty_notice_sweep"
    assert sweep.outcome == ScheduledRun.Outcome.OK
    assert sweep.summary == "0 tasks raised"


def test_an_unexpected_error_is_recorded_with_its_kind_and_frees_the_job_for_its_next_time(monkeypatch):
    job = ScheduledJobSpec(name="broken", command="broken", cron="0 6 * * *", description="")

    def failing_command(name, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(services, "call_command", failing_command)
    scheduled_jobs_run_due(worker="w1", now=BEFORE, schedule=[job])
    (run,) = scheduled_jobs_run_due(worker="w1", now=DUE, schedule=[job])

    assert run.outcome == ScheduledRun.Outcome.FAILED
    assert run.summary == "RuntimeError: the disk is full"
    row = ScheduledJob.objects.get(name="broken")
    assert row.lease_until is None
    assert row.next_due_at == datetime(2026, 1, 6, 6, 0, tzinfo=UTC)


def test_a_busy_database_does_not_stop_the_scheduler_loop(monkeypatch):
    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(worker, "scheduled_jobs_run_due", locked)
    worker.scheduler_tick(worker="w1")  # logged, not raised: the loop ticks again
