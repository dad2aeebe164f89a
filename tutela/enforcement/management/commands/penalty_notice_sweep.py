"""Raise a task for every penalty notice unpaid at the end of its 28 days. The worker runs it daily.

Idempotent: a notice already raised is not raised again. It decides nothing: the officer does.
"""

from typing import Any

from django.core.management.base import BaseCommand

from tutela.enforcement.services import penalty_notice_sweep


class Command(BaseCommand):
    help = "Raise a decision task for each penalty notice unpaid after its 28-day period."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{penalty_notice_sweep()} tasks raised")
