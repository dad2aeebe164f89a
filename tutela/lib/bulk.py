"""Inserting many new rows quickly: COPY on PostgreSQL, bulk_create elsewhere.

Used by imports, inside the caller's transaction. Only for rows that are certainly new (COPY has
no ON CONFLICT); the caller looks up what exists first.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def bulk_insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert rows of values for these columns (field attnames, such as ``school_id``)."""
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        fields = {field.attname: field.column for field in model._meta.concrete_fields}
        quoted = ", ".join(connection.ops.quote_name(fields[name]) for name in columns)
        connection.ensure_connection()
        with connection.connection.cursor() as cursor, cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    model._default_manager.bulk_create([model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=1000)
