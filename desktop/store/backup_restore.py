"""Putting a checked backup in place: is the target profile free, is the copy sound, and the swap itself."""

from __future__ import annotations

from pathlib import Path

from desktop.store import cipher
from desktop.store.backup_archive import FILES, BackupError, BackupProblem, Manifest, file_member
from desktop.store.engine import backup_file
from desktop.store.store import DB_NAME


def holds_work(folder: Path, key: bytes | None) -> bool:
    """Whether the profile folder's store has a user set up or a captured change (a first run's
    freshly created store, or no store at all, holds none)."""
    db_path = Path(folder) / DB_NAME
    if not db_path.exists():
        return False
    db = cipher.connect(db_path, None if cipher.is_plain(db_path) else key)
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"sync_state", "outbox"} <= tables:
            return bool(tables - {"alembic_version"})
        user = db.execute("SELECT value FROM sync_state WHERE key = 'user_id'").fetchone()
        changes = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        return bool(user and user[0]) or changes > 0
    finally:
        db.close()


def check_integrity(db_path: Path, key: bytes | None) -> None:
    """SQLite's own check of the extracted store; raises BackupError (DAMAGED) unless it says "ok"."""
    try:
        db = cipher.connect(db_path, key)
        try:
            lines = [row[0] for row in db.execute("PRAGMA integrity_check")]
        finally:
            db.close()
    except cipher.DatabaseError as exc:
        raise BackupError(BackupProblem.DAMAGED, f"the store in the backup: {exc}") from None
    if lines != ["ok"]:
        raise BackupError(BackupProblem.DAMAGED, "the store in the backup: " + "; ".join(lines[:3]))


def linked_account(db_path: Path, key: bytes) -> tuple[str, str] | None:
    """(server URL, user name) the store was signed in with, if any."""
    db = cipher.connect(db_path, key)
    try:
        state = dict(db.execute("SELECT key, value FROM sync_state WHERE key IN ('server_url', 'username')"))
    finally:
        db.close()
    url, username = state.get("server_url"), state.get("username")
    return (url, username) if url and username else None


def relink_files(db_path: Path, key: bytes, manifest: Manifest) -> None:
    """Point the restored store's file list at the files the backup brought (profile-relative);
    files it lacked are forgotten, so the next sync downloads them again if the server has them."""
    db = cipher.connect(db_path, key)
    try:
        with db:
            for sha256, in db.execute("SELECT sha256 FROM local_files").fetchall():
                member = file_member(sha256)
                if member in manifest.members:
                    db.execute("UPDATE local_files SET path = ? WHERE sha256 = ?", (member, sha256))
                else:
                    db.execute("DELETE FROM local_files WHERE sha256 = ?", (sha256,))
    finally:
        db.close()


def put_in_place(staged_db: Path, staged_files: Path, folder: Path, key: bytes, *, keep_previous: bool) -> Path | None:
    """Files first (content-addressed: one already there is the same file), then the store by rename.
    With ``keep_previous`` the store it replaces is first copied to a .bak beside it (returned)."""
    if staged_files.is_dir():
        for path in staged_files.rglob("*"):
            if path.is_file():
                target = folder / FILES / path.relative_to(staged_files)
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    path.replace(target)
    db_path = folder / DB_NAME
    previous = None
    if keep_previous and db_path.exists():
        previous = backup_file(db_path, "before-restore", key)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    staged_db.replace(db_path)
    return previous


def rekey(db_path: Path, key: bytes | None, new_key: bytes) -> None:
    """Put the extracted store under the profile's key (a format-1 backup's plain store is
    encrypted)."""
    if key is None:
        cipher.encrypt_in_place(db_path, new_key)
        return
    db = cipher.connect(db_path, key)
    try:
        db.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    finally:
        db.close()
