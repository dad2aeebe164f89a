"""Workers in parallel threads, each on its own database connection, run a due job once between them."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection, connections

from tutela.scheduling import services
from tutela.scheduling.models import ScheduledRun
from tutela.scheduling.schedule import ScheduledJobSpec
from tutela.scheduling.services import scheduled_jobs_run_due

WORKERS = 6
JOB = ScheduledJobSpec(name="sweep", command="sweep", cron="0 6 * * *", description="")
DUE = datetime(2026, 1, 5, 6, 0, tzinfo=UTC)


def _worker(number: int, barrier: threading.Barrier, failures: list[BaseException]) -> None:
    try:
        barrier.wait()
        scheduled_jobs_run_due(worker=f"w{number}", now=DUE, schedule=[JOB])
    except BaseException as error:  # reported to the main thread, which fails the test
        failures.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises all writers anyway; PostgreSQL is the real test"
)
def test_six_workers_at_the_same_instant_run_the_due_job_once(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(services, "call_command", lambda name, **kwargs: calls.append(name))
    scheduled_jobs_run_due(worker="setup", now=datetime(2026, 1, 5, 5, 0, tzinfo=UTC), schedule=[JOB])

    barrier = threading.Barrier(WORKERS)
    failures: list[BaseException] = []
    threads = [threading.Thread(target=_worker, args=(n, barrier, failures)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert failures == []
    assert calls == ["sweep"]
    assert ScheduledRun.objects.filter(job="sweep").count() == 1
