"""audit_verify accepts an intact chain and names the first broken entry after any tampering."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tutela.audit.models import AuditEntry
from tutela.audit.selectors import audit_chain_verify
from tutela.audit.services import audit_checkpoint_take
from tutela.audit.tests.helpers import tamper, write_entries

pytestmark = pytest.mark.django_db


def _verify_output() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue().strip()


def _broken_message() -> str:
    with pytest.raises(CommandError) as raised:
        call_command("audit_verify")
    assert raised.value.returncode == 1
    return str(raised.value)


def test_intact_chain_prints_ok_with_the_count():
    write_entries(5)
    assert _verify_output() == "OK 5 entries"


def test_empty_log_is_ok():
    assert _verify_output() == "OK 0 entries"


def test_edited_entry_is_named():
    write_entries(5)
    tamper("UPDATE audit_auditentry SET reason = 'nothing to see' WHERE seq = 3")
    message = _broken_message()
    assert "entry #3" in message
    assert "edited" in message


def test_edited_hash_is_caught_at_the_next_entry():
    # Someone who edits an entry and recomputes its own hash still breaks the link to the next one.
    write_entries(5)
    from tutela.audit.chain import chain_hash

    row = AuditEntry.objects.filter(seq=3).values().get()
    row["reason"] = "rewritten"
    new_hash = chain_hash(row["prev_hash"], dict(row))
    tamper("UPDATE audit_auditentry SET reason = %s, hash = %s WHERE seq = 3", ["rewritten", new_hash])
    assert "entry #4" in _broken_message()


def test_deleted_entry_is_named():
    write_entries(5)
    tamper("DELETE FROM audit_auditentry WHERE seq = 2")
    assert "entry #2" in _broken_message()


def test_deleted_first_entry_is_named():
    write_entries(3)
    tamper("DELETE FROM audit_auditentry WHERE seq = 1")
    assert "entry #1" in _broken_message()


def test_inserted_entry_is_named():
    write_entries(4)
    # Make room after entry 2 and slip in a forged entry claiming to follow it.
    tamper("UPDATE audit_auditentry SET seq = seq + 100 WHERE seq > 2")
    tamper("UPDATE audit_auditentry SET seq = seq - 99 WHERE seq > 100")
    forged = AuditEntry.objects.filter(seq=2).values().get()
    tamper(
        "INSERT INTO audit_auditentry (seq, at, actor_label, action, object_type, object_id, subject_id, purpose,"
        " decision, reason, detail, prev_hash, hash) VALUES (3, %s, 'forger', 'forged', '', '', '', '',"
        " 'allowed', '', '{}', %s, %s)",
        [forged["at"], forged["hash"], "f" * 64],
    )
    assert "entry #3" in _broken_message()


def test_reordered_entries_are_named():
    write_entries(5)
    tamper("UPDATE audit_auditentry SET seq = 1000 WHERE seq = 2")
    tamper("UPDATE audit_auditentry SET seq = 2 WHERE seq = 3")
    tamper("UPDATE audit_auditentry SET seq = 3 WHERE seq = 1000")
    assert "entry #2" in _broken_message()


def test_cutting_off_the_newest_entries_is_caught_by_the_checkpoint():
    write_entries(6)
    audit_checkpoint_take()
    tamper("DELETE FROM audit_auditentry WHERE seq > 4")
    report = audit_chain_verify()
    assert not report.ok
    assert report.broken_seq == 5
    assert "newest entries were removed" in report.problem
    assert "entry #5" in _broken_message()


def test_entries_after_the_latest_checkpoint_still_verify():
    write_entries(3)
    audit_checkpoint_take()
    write_entries(2)
    assert _verify_output() == "OK 5 entries"


def test_a_rebuilt_log_does_not_match_the_checkpoint():
    write_entries(3)
    audit_checkpoint_take()
    tamper("DELETE FROM audit_auditentry")
    write_entries(4)  # a fresh, internally valid chain, longer than the checkpoint
    report = audit_chain_verify()
    assert not report.ok
    assert report.broken_seq == 3
    assert "rebuilt" in report.problem


def test_checkpoint_refuses_a_broken_chain():
    write_entries(3)
    tamper("DELETE FROM audit_auditentry WHERE seq = 2")
    with pytest.raises(CommandError) as raised:
        call_command("audit_checkpoint")
    assert raised.value.returncode == 1
    assert "entry #2" in str(raised.value)
