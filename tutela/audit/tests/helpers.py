"""Helpers for tampering with the audit table the way a privileged database user could."""

from typing import Any

from django.db import connection

from tutela.audit.services import audit_record


def write_entries(count: int) -> None:
    for number in range(count):
        audit_record(actor=None, action="test_action", object_type="test", object_id=number, purpose="testing")


def tamper(sql: str, params: list[Any] | None = None) -> None:
    """Run SQL against the audit table as a database superuser could, with triggers off.

    The chain and the checkpoints exist to catch exactly this.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A superuser's way round every trigger for this session.
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params or [])
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")
