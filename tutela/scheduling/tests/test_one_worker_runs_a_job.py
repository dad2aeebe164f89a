"""However many workers run the scheduler, a due job runs once, and never twice at the same time."""

from datetime import UTC, datetime, timedelta

import pytest

from tutela.scheduling import services
from tutela.scheduling.models import ScheduledJob, ScheduledRun
from tutela.scheduling.schedule import ScheduledJobSpec
from tutela.scheduling.services import scheduled_job_claim, scheduled_jobs_run_due

pytestmark = pytest.mark.django_db

JOB = ScheduledJobSpec(name="slow", command="slow", cron="*/5 * * * *", description="", lease=timedelta(minutes=30))
START = datetime(2026, 1, 5, 9, 1, tzinfo=UTC)
DUE = datetime(2026, 1, 5, 9, 5, tzinfo=UTC)


@pytest.fixture
def due_job():
    scheduled_jobs_run_due(worker="a", now=START, schedule=[JOB])
    return JOB


def test_two_workers_at_the_same_due_time_run_the_job_once(due_job, monkeypatch):
    calls = []
    monkeypatch.setattr(services, "call_command", lambda name, **kwargs: calls.append(name))

    first = scheduled_jobs_run_due(worker="a", now=DUE, schedule=[due_job])
    second = scheduled_jobs_run_due(worker="b", now=DUE, schedule=[due_job])

    assert calls == ["slow"]
    assert [run.worker for run in first] == ["a"]
    assert second == []
    assert ScheduledRun.objects.count() == 1


def test_only_one_of_two_competing_claims_wins_the_lock(due_job):
    assert scheduled_job_claim(spec=due_job, worker="a", now=DUE) is True
    assert scheduled_job_claim(spec=due_job, worker="b", now=DUE) is False
    assert ScheduledJob.objects.get(name="slow").lease_holder == "a"


def test_a_job_still_running_is_not_started_again_by_another_worker_when_next_due(due_job, monkeypatch):
    # Worker a's run outlasts the next due time; worker b's pass during it must leave the job alone.
    during = []

    def slow_command(name, **kwargs):
        during.extend(scheduled_jobs_run_due(worker="b", now=DUE + timedelta(minutes=11), schedule=[due_job]))

    monkeypatch.setattr(services, "call_command", slow_command)
    runs = scheduled_jobs_run_due(worker="a", now=DUE, schedule=[due_job])

    assert during == []
    assert [run.worker for run in runs] == ["a"]
    assert list(ScheduledRun.objects.values_list("worker", flat=True)) == ["a"]


def test_a_lease_left_by_a_worker_that_died_expires_and_another_worker_runs_the_job(due_job, monkeypatch):
    monkeypatch.setattr(services, "call_command", lambda name, **kwargs: None)
    assert scheduled_job_claim(spec=due_job, worker="a", now=DUE) is True  # a dies without finishing

    next_due = DUE + timedelta(minutes=5)
    assert scheduled_jobs_run_due(worker="b", now=next_due, schedule=[due_job]) == []
    after_lease = DUE + due_job.lease
    assert [run.worker for run in scheduled_jobs_run_due(worker="b", now=after_lease, schedule=[due_job])] == ["b"]
