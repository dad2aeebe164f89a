"""The schedule of Tutela's recurring work: one entry per job, in Europe/London time.

Each job runs a management command, so what runs on the schedule is exactly what an administrator
can run by hand, and this module imports nothing of the apps whose work it times. Cron expressions
are read by croniter in Europe/London: a daily job keeps its wall-clock time across the clock
changes. Daily jobs are kept out of 01:00-02:00, the hour that is skipped in March and repeated in
October (a test holds the schedule to that).
"""

from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

SCHEDULE_ZONE = ZoneInfo("Europe/London")


@dataclass(frozen=True, kw_only=True)
class ScheduledJobSpec:
    name: str
    command: str  # a management command with no arguments; its output is the run's summary
    cron: str  # minute hour day-of-month month day-of-week, Europe/London
    description: str
    # No other worker starts the job while a run holds the lease; a run that outlives it (a crashed
    # worker) no longer blocks the next one.
    lease: timedelta = timedelta(hours=1)


SCHEDULE: tuple[ScheduledJobSpec, ...] = (
    ScheduledJobSpec(
        name="penalty_notice_sweep",
        command="penalty_notice_sweep",
        cron="0 6 * * *",
        description="A decision task for each penalty notice unpaid after its 28 days (the day-29 sweep).",
    ),
    ScheduledJobSpec(
        name="audit_checkpoint",
        command="audit_checkpoint",
        cron="*/5 * * * *",
        description="The audit chain's length and head hash, recorded outside the database.",
        lease=timedelta(minutes=15),
    ),
    ScheduledJobSpec(
        name="audit_verify",
        command="audit_verify",
        cron="30 5 * * *",
        description="The whole audit chain verified against the latest checkpoint; a break fails the run.",
    ),
)


def schedule_spec(name: str) -> ScheduledJobSpec:
    return next(spec for spec in SCHEDULE if spec.name == name)
