"""SQLCipher connections to a profile's store, moving a plain store to an encrypted one, and the
encryption of the profile's files (photos) with a key derived from the store's."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

#: The first bytes of every unencrypted SQLite file; an encrypted one starts with random salt.
PLAIN_HEADER = b"SQLite format 3\x00"
DatabaseError = sqlcipher.DatabaseError


def key_pragma(key: bytes) -> str:
    # A raw key (x'…'): SQLCipher uses it as is, without its own PBKDF2 on every connection.
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect(db_path: Path, key: bytes | None, **kwargs) -> sqlcipher.Connection:
    """A DB-API connection to the store; ``key`` None opens a plain SQLite file."""
    db = sqlcipher.connect(str(db_path), **kwargs)
    db.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported by the error raised
    if key is not None:
        db.execute(key_pragma(key))
    return db


def is_plain(db_path: Path) -> bool:
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return False
    with db_path.open("rb") as f:
        return f.read(16) == PLAIN_HEADER


def export(db_path: Path, key: bytes | None, target: Path, target_key: bytes | None) -> None:
    """A copy of the store at ``target`` under ``target_key`` (None: plain), read in one snapshot
    (through the WAL), self-contained (no WAL of its own)."""
    target.unlink(missing_ok=True)
    db = connect(db_path, key, isolation_level=None)
    try:
        db.execute("BEGIN")
        db.execute("ATTACH DATABASE ? AS copy KEY ?", (str(target), f"x'{target_key.hex()}'" if target_key else ""))
        db.execute("SELECT sqlcipher_export('copy')")
        db.execute("COMMIT")
        db.execute("DETACH DATABASE copy")
    finally:
        db.close()


def table_counts(db_path: Path, key: bytes | None) -> dict[str, int]:
    db = connect(db_path, key)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    finally:
        db.close()


def checkpoint(db_path: Path) -> None:
    """Fold a plain store's WAL into the file and stop using one, so the file alone holds every row
    and no WAL is left to be replayed over a replacement."""
    plain = connect(db_path, None, isolation_level=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.execute("PRAGMA journal_mode=DELETE")
    finally:
        plain.close()


def encrypt_in_place(db_path: Path, key: bytes) -> None:
    """Replace the plain SQLite file ``db_path`` by an encrypted copy holding the same rows; the
    plain file stays untouched until the copy is checked, and the swap is one rename."""
    checkpoint(db_path)
    temp = db_path.with_name(db_path.name + ".encrypting")
    export(db_path, None, temp, key)
    if table_counts(temp, key) != table_counts(db_path, None):
        temp.unlink()
        raise DatabaseError(f"the encrypted copy of {db_path} does not hold the same rows")
    with temp.open("rb+") as f:
        os.fsync(f.fileno())
    os.replace(temp, db_path)


# --- files -----------------------------------------------------------------------------------


def file_key(store_key: bytes) -> bytes:
    """A key of its own for the files, so a file and a database page never share one."""
    return hashlib.blake2b(store_key, digest_size=32, person=b"fieldbook-files").digest()


#: Opens every sealed file, so sealing the files of a profile can be resumed after a power cut.
SEALED = b"FBSEALED1"


def is_sealed(data: bytes) -> bool:
    return data.startswith(SEALED)


def seal(key: bytes, data: bytes) -> bytes:
    from nacl.secret import SecretBox

    return SEALED + bytes(SecretBox(file_key(key)).encrypt(data))


def unseal(key: bytes, data: bytes) -> bytes:
    """The plain bytes of a sealed file; raises nacl.exceptions.CryptoError if it was not sealed
    with this key or was changed."""
    from nacl.exceptions import CryptoError
    from nacl.secret import SecretBox

    if not is_sealed(data):
        raise CryptoError("not a sealed file")
    return SecretBox(file_key(key)).decrypt(data[len(SEALED):])


def __getattr__(name: str):
    if name == "CryptoError":  # PyNaCl loads on first use, not at the app's start
        from nacl.exceptions import CryptoError

        return CryptoError
    raise AttributeError(name)
