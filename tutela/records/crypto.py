"""Field-level encryption of special-category and criminal-offence content (AES-256-GCM).

Each data subject has a random data key. It is wrapped (encrypted) by the master key and kept in
a key store separate from the main database. Destroying a subject's key makes every piece of
content encrypted under it unreadable everywhere, including copies in old database backups,
because those backups never held the key (crypto-shredding, used by erasure and retention).
Rotating the master key re-wraps the data keys; content is not re-encrypted.
"""

import base64
import hashlib
import os
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils import timezone

_NONCE_BYTES = 12


class ContentDestroyed(Exception):
    """The subject's key was destroyed: this content can never be read again."""


class MasterKeyMissing(Exception):
    pass


def decode_key(text: str) -> bytes:
    key = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    if len(key) != 32:
        raise MasterKeyMissing("the master key must be 32 bytes, base64-encoded")
    return key


def master_key() -> bytes:
    if settings.TUTELA_MASTER_KEY:
        return decode_key(settings.TUTELA_MASTER_KEY)
    if settings.TUTELA_MASTER_KEY_FILE:
        return decode_key(Path(settings.TUTELA_MASTER_KEY_FILE).read_text(encoding="ascii"))
    if settings.LAX_MODE:
        # Demo and test only (settings.py refuses production without a key): a fixed derived key.
        return hashlib.sha256(b"tutela-demo-master-key:" + settings.SECRET_KEY.encode()).digest()
    raise MasterKeyMissing("no master key is configured")


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:12]


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    return AESGCM(key).decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], aad)


class KeyStore:
    """Subject data keys, wrapped by the master key, in their own SQLite file."""

    _lock = threading.Lock()

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS subject_keys (subject_id INTEGER PRIMARY KEY, wrapped BLOB,"
            " master_key_id TEXT NOT NULL, created_at TEXT NOT NULL, destroyed_at TEXT)"
        )
        return connection

    @staticmethod
    def _aad(subject_id: int) -> bytes:
        return f"tutela-subject-key:{subject_id}".encode()

    def data_key(self, subject_id: int, *, create: bool = False) -> bytes:
        with self._lock, closing(self._connect()) as db:
            row = db.execute(
                "SELECT wrapped, destroyed_at FROM subject_keys WHERE subject_id = ?", (subject_id,)
            ).fetchone()
            if row is None:
                if not create:
                    raise ContentDestroyed(f"no key exists for subject {subject_id}")
                key = AESGCM.generate_key(bit_length=256)
                master = master_key()
                db.execute(
                    "INSERT INTO subject_keys VALUES (?, ?, ?, ?, NULL)",
                    (subject_id, _seal(master, key, self._aad(subject_id)), key_id(master), timezone.now().isoformat()),
                )
                return key
            wrapped, destroyed_at = row
            if destroyed_at is not None:
                raise ContentDestroyed(f"the key of subject {subject_id} was destroyed on {destroyed_at[:10]}")
            return _open(master_key(), wrapped, self._aad(subject_id))

    def destroy(self, subject_id: int) -> bool:
        """Overwrite and mark the subject's key destroyed; True if there was a key to destroy."""
        with self._lock, closing(self._connect()) as db:
            cursor = db.execute(
                "UPDATE subject_keys SET wrapped = NULL, destroyed_at = ?"
                " WHERE subject_id = ? AND destroyed_at IS NULL",
                (timezone.now().isoformat(), subject_id),
            )
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # leave no copy of the old key in the journal
            return cursor.rowcount == 1

    def rewrap_all(self, *, old: bytes, new: bytes) -> int:
        """Re-wrap every live key from the old master key to the new one, in one transaction."""
        with self._lock, closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            rows = db.execute("SELECT subject_id, wrapped FROM subject_keys WHERE destroyed_at IS NULL").fetchall()
            for subject_id, wrapped in rows:
                key = _open(old, wrapped, self._aad(subject_id))
                db.execute(
                    "UPDATE subject_keys SET wrapped = ?, master_key_id = ? WHERE subject_id = ?",
                    (_seal(new, key, self._aad(subject_id)), key_id(new), subject_id),
                )
            db.execute("COMMIT")
            return len(rows)


def keystore() -> KeyStore:
    return KeyStore(Path(settings.KEYSTORE_PATH))


def _content_aad(subject_id: int) -> bytes:
    return f"tutela-content:{subject_id}".encode()


def encrypt_for_subject(subject_id: int, plaintext: bytes) -> bytes:
    return _seal(keystore().data_key(subject_id, create=True), plaintext, _content_aad(subject_id))


def decrypt_for_subject(subject_id: int, sealed: bytes) -> bytes:
    return _open(keystore().data_key(subject_id), bytes(sealed), _content_aad(subject_id))
