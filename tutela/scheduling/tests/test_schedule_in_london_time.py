"""The schedule is kept in Europe/London wall-clock time, through both clock changes."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from tutela.scheduling.models import ScheduledRun
from tutela.scheduling.schedule import SCHEDULE, SCHEDULE_ZONE, schedule_spec
from tutela.scheduling.services import schedule_next_due, scheduled_jobs_run_due

SPRING_FORWARD = date(2026, 3, 29)  # 01:00 GMT becomes 02:00 BST
FALL_BACK = date(2026, 10, 25)  # 02:00 BST becomes 01:00 GMT
DAILY = [spec for spec in SCHEDULE if spec.cron.split()[2:] == ["*", "*", "*"] and spec.cron.split()[1].isdigit()]


def test_the_penalty_notice_sweep_keeps_six_in_the_morning_when_the_clocks_go_forward():
    cron = schedule_spec("penalty_notice_sweep").cron
    assert schedule_next_due(cron=cron, after=datetime(2026, 3, 28, 6, 0, tzinfo=UTC)) == datetime(
        2026, 3, 29, 5, 0, tzinfo=UTC
    )


def test_the_penalty_notice_sweep_keeps_six_in_the_morning_when_the_clocks_go_back():
    cron = schedule_spec("penalty_notice_sweep").cron
    assert schedule_next_due(cron=cron, after=datetime(2026, 10, 24, 5, 0, tzinfo=UTC)) == datetime(
        2026, 10, 25, 6, 0, tzinfo=UTC
    )


@pytest.mark.parametrize("day", [SPRING_FORWARD, FALL_BACK])
@pytest.mark.parametrize("spec", DAILY, ids=lambda spec: spec.name)
def test_every_daily_job_runs_exactly_once_on_a_clock_change_day(spec, day):
    moment = datetime(day.year, day.month, day.day, tzinfo=SCHEDULE_ZONE) - timedelta(days=1)
    runs_that_day = []
    while moment.astimezone(SCHEDULE_ZONE).date() <= day:
        moment = schedule_next_due(cron=spec.cron, after=moment)
        if moment.astimezone(SCHEDULE_ZONE).date() == day:
            runs_that_day.append(moment)
    assert len(runs_that_day) == 1


def test_the_audit_checkpoint_stays_five_real_minutes_apart_across_the_skipped_hour():
    cron = schedule_spec("audit_checkpoint").cron
    assert schedule_next_due(cron=cron, after=datetime(2026, 3, 29, 0, 55, tzinfo=UTC)) == datetime(
        2026, 3, 29, 1, 0, tzinfo=UTC
    )


@pytest.mark.django_db
def test_on_a_summer_morning_the_sweep_runs_at_six_british_summer_time():
    scheduled_jobs_run_due(worker="w1", now=datetime(2026, 7, 1, 4, 0, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 7, 1, 4, 59, tzinfo=UTC), tick=False):
        assert "penalty_notice_sweep" not in [run.job for run in scheduled_jobs_run_due(worker="w1")]
    with time_machine.travel(datetime(2026, 7, 1, 5, 0, tzinfo=UTC), tick=False):
        scheduled_jobs_run_due(worker="w1")
    sweep = ScheduledRun.objects.get(job="penalty_notice_sweep")
    assert sweep.outcome == ScheduledRun.Outcome.OK
    assert sweep.summary == "0 tasks raised"
