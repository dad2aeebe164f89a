"""On PostgreSQL the database itself refuses UPDATE and DELETE on the audit table."""

import pytest
from django.db import DatabaseError, connection, transaction

from tutela.audit.models import AuditEntry
from tutela.audit.tests.helpers import write_entries

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"),
]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET reason = 'changed' WHERE seq = 1",
        "DELETE FROM audit_auditentry WHERE seq = 1",
    ],
)
def test_raw_sql_change_is_refused(sql):
    write_entries(2)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEntry.objects.get(seq=1).reason == ""


def test_orm_update_and_delete_are_refused():
    write_entries(1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(seq=1).update(reason="changed")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(seq=1).delete()
    assert AuditEntry.objects.count() == 1
