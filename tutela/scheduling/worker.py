"""The scheduler loop, run in a thread of the worker process beside the background task worker."""

import logging
import threading

from django.db import DatabaseError, close_old_connections, connection

from tutela.scheduling.services import scheduled_jobs_run_due

logger = logging.getLogger(__name__)


def scheduler_tick(*, worker: str) -> None:
    """One pass over the schedule; a database that is busy (SQLite locked) is tried again next tick."""
    close_old_connections()
    try:
        scheduled_jobs_run_due(worker=worker)
    except DatabaseError:
        logger.exception("Scheduler pass failed; trying again at the next tick")


def scheduler_loop(*, worker: str, interval: float, stop: threading.Event) -> None:
    """Tick every ``interval`` seconds until ``stop`` is set."""
    try:
        while not stop.is_set():
            scheduler_tick(worker=worker)
            stop.wait(interval)
    finally:
        connection.close()


def scheduler_start(*, worker: str, interval: float) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(
        target=scheduler_loop,
        kwargs={"worker": worker, "interval": interval, "stop": stop},
        name="tutela-scheduler",
        daemon=True,
    )
    thread.start()
    return thread, stop
