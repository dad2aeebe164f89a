"""Publish the register: record each controller's new version and what it changed.

Run after changing a register file and raising its ``version``. Unchanged registers are left
alone, so it is safe to run on every deployment (``make demo`` does).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tutela.governance.publication import PublicationRefused, register_publish
from tutela.register.api import RegisterInvalid, register, register_cache_clear


class Command(BaseCommand):
    help = "Record a publication for each controller whose register changed, with its change log."

    def handle(self, *args: Any, **options: Any) -> None:
        register_cache_clear()
        try:
            outcomes = register_publish(registers=register(), actor=None)
        except RegisterInvalid as invalid:
            raise CommandError(f"the register is invalid:\n{invalid}") from invalid
        except PublicationRefused as refused:
            raise CommandError(str(refused)) from refused
        for outcome in outcomes:
            if outcome.published:
                self.stdout.write(
                    f"{outcome.controller_key}: published version {outcome.version} ({outcome.changes} changes)"
                )
            else:
                self.stdout.write(f"{outcome.controller_key}: version {outcome.version} unchanged")
