"""Rotate the master key: re-wrap every subject's data key under a new master key.

Content is not re-encrypted (each subject's data key is unchanged). Afterwards, point
TUTELA_MASTER_KEY or TUTELA_MASTER_KEY_FILE at the new key and restart.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tutela.audit.services import audit_record
from tutela.records.crypto import MasterKeyMissing, decode_key, key_id, keystore, master_key


class Command(BaseCommand):
    help = "Re-wrap every subject data key from the current master key to the one in --new-key-file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--new-key-file", type=Path, required=True, help="File holding the new key (32 bytes, base64)."
        )

    def handle(self, *args: Any, new_key_file: Path, **options: Any) -> None:
        try:
            new = decode_key(new_key_file.read_text(encoding="ascii"))
        except (OSError, ValueError, MasterKeyMissing) as problem:
            raise CommandError(f"cannot use the new key: {problem}") from problem
        old = master_key()
        if new == old:
            raise CommandError("the new key is the current key")
        count = keystore().rewrap_all(old=old, new=new)
        audit_record(actor=None, action="keys_rotate", detail={"keys": count, "from": key_id(old), "to": key_id(new)})
        self.stdout.write(f"Re-wrapped {count} subject keys under master key {key_id(new)}. Now switch the setting.")
