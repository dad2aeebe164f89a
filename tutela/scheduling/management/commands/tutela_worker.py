"""Tutela's worker: the background task worker (django-tasks-db) and, beside it, the scheduler.

Start one or several; each due scheduled job still runs once (see tutela.scheduling.models).
The schedule is tutela/scheduling/schedule.py; each run is recorded under Administration,
Scheduled work.
"""

import logging
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker

from tutela.scheduling.worker import scheduler_start

logger = logging.getLogger("tutela.scheduling")


class Command(BaseCommand):
    help = "Run the background task worker and the scheduler of Tutela's recurring jobs."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--interval", type=float, default=1, help="Seconds between checks for tasks.")
        parser.add_argument(
            "--schedule-interval", type=float, default=30, help="Seconds between checks for due scheduled jobs."
        )

    def handle(self, *args: Any, interval: float, schedule_interval: float, **options: Any) -> None:
        worker_id = get_random_string(32)
        if not logger.hasHandlers():
            logger.addHandler(logging.StreamHandler(self.stdout))
        logger.setLevel(logging.INFO)
        thread, stop = scheduler_start(worker=worker_id, interval=schedule_interval)
        self.stdout.write(f"Worker {worker_id}: tasks every {interval}s, schedule every {schedule_interval}s")
        worker = Worker(
            queue_names=[DEFAULT_TASK_QUEUE_NAME],
            interval=interval,
            batch=False,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=True,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        # The task worker's own signal handling (graceful stop on Ctrl-C) needs the main thread.
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
            # A job still running is left to finish for a moment; if the process ends first, its
            # lease runs out and the next due time runs it again.
            thread.join(timeout=10)
