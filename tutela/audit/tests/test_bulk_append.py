"""Bulk appends (imports) keep one unbroken chain with single appends before and after."""

from tutela.audit.selectors import audit_chain_verify
from tutela.audit.services import audit_record, audit_record_many


def test_bulk_entries_chain_between_single_ones(db):
    audit_record(actor=None, action="before")
    assert audit_record_many(actor=None, entries=[{"action": "bulk", "object_id": n} for n in range(50)]) == 50
    audit_record(actor=None, action="after")
    report = audit_chain_verify()
    assert report.ok, report.problem
    assert report.count == 52


def test_nothing_to_append_writes_nothing(db):
    assert audit_record_many(actor=None, entries=[]) == 0
    assert audit_chain_verify().count == 0
