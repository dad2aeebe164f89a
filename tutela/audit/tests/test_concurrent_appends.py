"""Writers in parallel threads, each on its own database connection, never fork the chain."""

import threading

import pytest
from django.db import connection, connections

from tutela.audit.models import AuditEntry
from tutela.audit.selectors import audit_chain_verify
from tutela.audit.services import audit_record

WRITERS = 6
ENTRIES_EACH = 25


def _writer(number: int, barrier: threading.Barrier, failures: list[BaseException]) -> None:
    try:
        barrier.wait()
        for index in range(ENTRIES_EACH):
            audit_record(actor=None, action="concurrent", object_id=f"{number}-{index}")
    except BaseException as error:  # reported to the main thread, which fails the test
        failures.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises all writers anyway; PostgreSQL is the real test"
)
def test_parallel_writers_keep_one_unbroken_chain():
    barrier = threading.Barrier(WRITERS)
    failures: list[BaseException] = []
    threads = [threading.Thread(target=_writer, args=(n, barrier, failures)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    total = WRITERS * ENTRIES_EACH
    assert AuditEntry.objects.count() == total
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == list(range(1, total + 1))
    report = audit_chain_verify()
    assert report.ok, report.problem
    assert report.count == total
