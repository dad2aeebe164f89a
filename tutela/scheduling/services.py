"""Run the jobs of the schedule that are due, each once across every worker, recording each run.

A job is claimed by one conditional UPDATE of its row (due, and no current lease), which moves its
due time to the next one and takes the lease; the claimant runs it, records the outcome and frees
the lease. A failed run is recorded as failed and does not stop the other jobs.
"""

import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from io import StringIO

from croniter import croniter  # type: ignore[import-untyped]  # no stubs; the one call is typed below
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.utils import timezone

from tutela.scheduling.models import ScheduledJob, ScheduledRun
from tutela.scheduling.schedule import SCHEDULE, SCHEDULE_ZONE, ScheduledJobSpec

logger = logging.getLogger(__name__)


def schedule_next_due(*, cron: str, after: datetime) -> datetime:
    """The first time strictly after ``after`` that ``cron`` names, read as Europe/London wall time."""
    following: datetime = croniter(cron, after.astimezone(SCHEDULE_ZONE)).get_next(datetime)
    return following.astimezone(UTC)


def scheduled_jobs_run_due(
    *, worker: str, now: datetime | None = None, schedule: Iterable[ScheduledJobSpec] = SCHEDULE
) -> list[ScheduledRun]:
    """Run every job of the schedule that is due and that this worker wins; return the runs."""
    now = now or timezone.now()
    runs = []
    for spec in schedule:
        if scheduled_job_claim(spec=spec, worker=worker, now=now):
            runs.append(scheduled_job_run(spec=spec, worker=worker))
    return runs


def scheduled_job_claim(*, spec: ScheduledJobSpec, worker: str, now: datetime) -> bool:
    """Take the job if it is due and nobody holds it; True for exactly one of any competing workers."""
    _job_row(spec=spec, now=now)
    free = Q(lease_until__isnull=True) | Q(lease_until__lte=now)
    claimed = (
        ScheduledJob.objects.filter(name=spec.name, next_due_at__lte=now)
        .filter(free)
        .update(
            next_due_at=schedule_next_due(cron=spec.cron, after=now),
            lease_holder=worker,
            lease_until=now + spec.lease,
        )
    )
    return claimed == 1


def _job_row(*, spec: ScheduledJobSpec, now: datetime) -> ScheduledJob:
    # A new job is first due at its next time from now, not at once: adding a daily job at noon
    # does not run it at noon.
    job, _ = ScheduledJob.objects.get_or_create(
        name=spec.name, defaults={"cron": spec.cron, "next_due_at": schedule_next_due(cron=spec.cron, after=now)}
    )
    if job.cron != spec.cron:
        # The schedule was changed: the job is next due by its new expression.
        ScheduledJob.objects.filter(pk=job.pk, cron=job.cron).update(
            cron=spec.cron, next_due_at=schedule_next_due(cron=spec.cron, after=now)
        )
    return job


def scheduled_job_run(*, spec: ScheduledJobSpec, worker: str) -> ScheduledRun:
    """Run the job's command now, record its output or its error, and free the job's lease."""
    run = ScheduledRun.objects.create(job=spec.name, worker=worker, started_at=timezone.now())
    output = StringIO()
    try:
        call_command(spec.command, stdout=output, stderr=output)
    except Exception as error:  # any failure is the run's outcome, never the scheduler's end
        logger.exception("Scheduled job %s failed", spec.name)
        run.outcome = ScheduledRun.Outcome.FAILED
        message = str(error) if isinstance(error, CommandError) else f"{type(error).__name__}: {error}"
        run.summary = "\n".join(part for part in (output.getvalue().strip(), message) if part)
    else:
        run.outcome = ScheduledRun.Outcome.OK
        run.summary = output.getvalue().strip()
    run.finished_at = timezone.now()
    run.save(update_fields=["outcome", "summary", "finished_at"])
    ScheduledJob.objects.filter(name=spec.name, lease_holder=worker).update(lease_holder="", lease_until=None)
    return run
