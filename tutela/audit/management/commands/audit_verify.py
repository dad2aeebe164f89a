"""Verify the audit log's hash chain and that it reaches the latest checkpoint.

Prints ``OK <n> entries`` and exits 0 on an intact chain. On any edited, deleted, inserted or
reordered entry, or entries cut off after the latest checkpoint, names the first broken entry
and exits 1.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tutela.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exit 1 naming the first broken entry."

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit_chain_verify()
        if not report.ok:
            raise CommandError(f"BROKEN at entry #{report.broken_seq}: {report.problem}", returncode=1)
        self.stdout.write(f"OK {report.count} entries")
