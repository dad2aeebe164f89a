"""Special-category content never sits in the database in plain text; keys can be destroyed and rotated."""

from io import StringIO

import pytest
from cryptography.exceptions import InvalidTag
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from tutela.records.crypto import ContentDestroyed, decrypt_for_subject, keystore
from tutela.records.models import Document, Record
from tutela.records.selectors import record_read
from tutela.records.services import Upload, record_create, subject_key_destroy

SECRET = "Diagnosed with epilepsy; seizure plan agreed with the school nurse"


@pytest.fixture
def medical(world, casework):
    return record_create(
        actor=world.users["assigned_caseworker"],
        subject=casework.child,
        controller=world.controllers["wigan"],
        service="engagement-centres",
        purpose="care-while-attending",
        categories=["child.identity.name", "child.special.health"],
        kind=Record.Kind.FILE_NOTE,
        title="Medical needs while attending",
        body=SECRET,
        occurred_on=timezone.localdate(),
        source=Record.Source.PARENT,
        case=casework.case,
        upload=Upload("care-plan.txt", "text/plain", SECRET.encode()),
    )


def _raw_row(record_id):
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, body, body_ciphertext FROM records_record WHERE id = %s", [record_id])
        return cursor.fetchone()


def test_special_category_content_is_not_in_the_table_in_plain_text(medical):
    title, body, ciphertext = _raw_row(medical.pk)
    assert body == ""
    assert SECRET.encode() not in bytes(ciphertext)
    assert b"epilepsy" not in bytes(ciphertext)
    assert title == "Medical needs while attending"  # non-special fields stay searchable
    assert Record.objects.filter(title__icontains="medical needs").get() == medical


def test_ordinary_content_is_not_encrypted(casework):
    assert _raw_row(casework.records["file_note"].pk)[1] == "Attendance has improved since the last review."


def test_the_allowed_reader_sees_the_content(world, medical):
    assert record_read(actor=world.users["team_colleague"], record_id=medical.pk).body == SECRET


def test_documents_are_stored_encrypted_and_checksummed(settings, medical):
    import hashlib

    document = Document.objects.get(record=medical)
    stored = (settings.DOCUMENT_STORE_DIR / document.storage_name).read_bytes()
    assert SECRET.encode() not in stored
    assert document.sha256 == hashlib.sha256(SECRET.encode()).hexdigest()
    assert decrypt_for_subject(medical.subject_id, stored).decode() == SECRET


def test_destroying_the_key_makes_the_content_unreadable_everywhere(world, casework, medical, settings):
    backup_ciphertext = bytes(_raw_row(medical.pk)[2])  # as an old database backup would hold it
    document = Document.objects.get(record=medical)
    stored = (settings.DOCUMENT_STORE_DIR / document.storage_name).read_bytes()

    assert subject_key_destroy(actor=world.users["dpo"], person=casework.child, rationale="Erasure request upheld")

    view = record_read(actor=world.users["assigned_caseworker"], record_id=medical.pk)
    assert view.destroyed and view.body == ""
    with pytest.raises(ContentDestroyed):
        decrypt_for_subject(casework.child.pk, backup_ciphertext)
    with pytest.raises(ContentDestroyed):
        decrypt_for_subject(casework.child.pk, stored)
    import sqlite3

    with sqlite3.connect(settings.KEYSTORE_PATH) as db:
        assert db.execute("SELECT wrapped FROM subject_keys WHERE subject_id = ?", (casework.child.pk,)).fetchone() == (
            None,
        )


def test_rotating_the_master_key_keeps_content_readable(world, medical, settings, tmp_path):
    new_key = tmp_path / "new.key"
    new_key.write_text("B" * 43)
    out = StringIO()
    call_command("keys_rotate", "--new-key-file", str(new_key), stdout=out)
    assert "Re-wrapped 1 subject keys" in out.getvalue()
    settings.TUTELA_MASTER_KEY_FILE = str(new_key)
    assert record_read(actor=world.users["assigned_caseworker"], record_id=medical.pk).body == SECRET
    settings.TUTELA_MASTER_KEY_FILE = ""
    with pytest.raises(InvalidTag):  # the old master key no longer opens the wrapped keys
        keystore().data_key(medical.subject_id)
