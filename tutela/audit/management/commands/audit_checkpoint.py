"""Record the audit chain's length and head hash outside the audit table.

The worker runs it every five minutes (tutela/scheduling/schedule.py); ``audit_verify`` then
detects any entries cut off after the latest checkpoint. It refuses to checkpoint a broken chain.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tutela.audit.services import AuditChainBroken, audit_checkpoint_take


class Command(BaseCommand):
    help = "Verify the audit chain, then record its length and head hash in the checkpoint store."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            checkpoint = audit_checkpoint_take()
        except AuditChainBroken as broken:
            raise CommandError(f"not checkpointed: BROKEN at {broken}", returncode=1) from broken
        self.stdout.write(f"Checkpoint {checkpoint.count} entries, head {checkpoint.head_hash[:16]}")
