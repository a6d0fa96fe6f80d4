"""Back up a profile's store into one file the user can carry away, and restore it into a profile.

A backup is made while the app is open (the store is copied in one read transaction) and is
encrypted with a passphrase the user chooses for it; a restore asks for it. A restore checks the whole file before it touches the profile; a bad file changes nothing. The
restored store becomes a new device for sync (``desktop.store.backup_identity``): the user signs
in again, and the next sync pushes what the backup had not sent and pulls everything back.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path


from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.store import backup_archive as archive
from desktop.store import users
from desktop.store.backup_archive import BackupError, BackupProblem, Manifest, Progress
from desktop.store.backup_identity import DeviceHandover, become_new_device
from desktop.store.backup_restore import (
    check_integrity,
    holds_work,
    linked_account,
    put_in_place,
    rekey,
    relink_files,
)
from desktop.store.engine import migrate
from desktop.store.reference_loader import load_reference
from desktop.store.store import DB_NAME, Store
from desktop.store.store_key import KEY_FILE, read_key_file, store_key
from sync.client.credentials import CredentialStore

SUFFIX = ".fbk"
__all__ = ["SUFFIX", "BackupError", "BackupProblem", "BackupService", "BackupSummary", "Manifest", "RestoreSummary",
           "default_file_name", "inspect_backup", "is_encrypted", "message", "profile_is_empty", "restore_backup",
           "restore_into_open_store"]

#: What the user is told for each problem (the UI translates these, the command line prints them).
MESSAGES = {
    BackupProblem.NOT_A_BACKUP: QT_TRANSLATE_NOOP("Backup", "This file is not a Fieldbook backup."),
    BackupProblem.DAMAGED: QT_TRANSLATE_NOOP(
        "Backup", "This backup file is damaged or incomplete (for example, copying it was cut short). "
                  "Nothing was changed; try another copy of the backup."),
    BackupProblem.NEWER: QT_TRANSLATE_NOOP(
        "Backup", "This backup was made by a newer version of Fieldbook. Update Fieldbook, then restore it."),
    BackupProblem.PROFILE_IN_USE: QT_TRANSLATE_NOOP(
        "Backup", "This data folder already holds records. Restore into a new, empty data folder."),
    BackupProblem.CANNOT_WRITE: QT_TRANSLATE_NOOP(
        "Backup", "The backup file cannot be written there. Check the folder and the free space."),
    BackupProblem.WRONG_PASSPHRASE: QT_TRANSLATE_NOOP(
        "Backup", "This passphrase does not open the backup. Nothing was changed; try again with the "
                  "passphrase chosen when the backup was made."),
    BackupProblem.WEAK_PASSPHRASE: QT_TRANSLATE_NOOP(
        "Backup", "Choose a passphrase of at least 8 characters for the backup."),
}
is_encrypted = archive.is_encrypted


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    manifest: Manifest
    size: int  # bytes of the file
    missing_files: int  # attachment files the store lists but the disk no longer has


@dataclass(frozen=True)
class RestoreSummary:
    manifest: Manifest
    handover: DeviceHandover
    previous_store: Path | None  # the store that was replaced, kept as a .bak


def message(error: BackupError) -> str:
    return MESSAGES[error.problem]


def default_file_name(username: str, today: dt.date | None = None) -> str:
    """``fieldbook-backup-<user>-<yyyy-mm-dd>.fbk``, safe on any file system and USB stick."""
    user = re.sub(r"[^\w.-]+", "_", username.strip(), flags=re.UNICODE).strip("._") or "user"
    return f"fieldbook-backup-{user}-{(today or dt.date.today()).isoformat()}{SUFFIX}"


class BackupService:
    """Backs up one open profile's store; safe while the app keeps writing to it."""

    def __init__(self, store: Store):
        self.store = store

    def suggested_file_name(self, today: dt.date | None = None) -> str:
        """Named for the server user name, or else the name given on first run, and the day."""
        user = self.store.state("username")
        if not user:
            with self.store.reader() as s:
                user = users.display_name(s, self.store.state("user_id"))
        return default_file_name(user or "", today)

    def back_up(self, target: Path, passphrase: str, progress: Progress | None = None) -> BackupSummary:
        """Write the backup file ``target`` (whole or not at all), encrypted with ``passphrase``;
        raises BackupError."""
        backup_key = archive.BackupKey.new(passphrase)
        target = Path(target)
        if target.suffix.lower() != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        if not target.parent.is_dir():
            raise BackupError(BackupProblem.CANNOT_WRITE, f"no folder {target.parent}")
        with tempfile.TemporaryDirectory(prefix="fieldbook-backup-") as temp:
            snapshot = Path(temp) / archive.DATABASE
            archive.snapshot_store(self.store.db_path, self.store.key, snapshot, backup_key.key)
            facts = archive.store_facts(snapshot, backup_key.key)
            files, missing = [], 0
            for sha256, path in facts.files:
                on_disk = Path(path) if Path(path).is_absolute() else self.store.profile_dir / path
                if on_disk.is_file():
                    files.append((archive.file_member(sha256), lambda p=on_disk: self.store.read_file(p)))
                else:
                    missing += 1  # the sync downloads it again if the server has it
            manifest = archive.write_archive(target, snapshot, facts, files, backup_key, progress)
        return BackupSummary(target, manifest, target.stat().st_size, missing)

    def restore(self, source: Path, passphrase: str | None, *, replace: bool = False,
                progress: Progress | None = None, credentials: CredentialStore | None = None) -> RestoreSummary:
        """Replace this open store's data with the backup's, opened with ``passphrase`` (see
        ``restore_into_open_store``)."""
        return restore_into_open_store(self.store, source, passphrase, replace=replace, progress=progress,
                                       credentials=credentials)


def inspect_backup(source: Path, passphrase: str | None) -> Manifest:
    """What a backup file holds, without restoring it; raises BackupError for a file that is not
    one or a passphrase that does not open it."""
    return archive.read_manifest(Path(source), passphrase)


def profile_is_empty(folder: Path) -> bool:
    """No store yet, or one where nobody has set up a user or captured a change (a first run's)."""
    folder = Path(folder)
    if not (folder / DB_NAME).exists():
        return True
    return not holds_work(folder, store_key(folder) if read_key_file(folder) else None)


def restore_backup(source: Path, folder: Path, passphrase: str | None, *, replace: bool = False,
                   progress: Progress | None = None, credentials: CredentialStore | None = None,
                   key: bytes | None = None) -> RestoreSummary:
    """Restore the backup ``source`` into the profile folder ``folder`` (whose store must be closed).

    The file is checked in full (manifest, every member's sha256, SQLite's integrity check) before
    the profile is touched; any problem raises BackupError and changes nothing. A folder with work
    in it is refused unless ``replace``: its store is then kept as ``fieldbook.before-restore.*.bak``.
    A sign-in token this computer keeps for the backup's account belongs to another device id now:
    it is forgotten (in ``credentials``, the OS key store by default), so the user signs in again.
    ``passphrase`` opens the backup; the restored store is put under the profile's key (``key``,
    else the folder's own, made now for a new folder).
    """
    source, folder = Path(source), Path(folder)
    archive.read_manifest(source, passphrase)
    empty = profile_is_empty(folder)
    if not replace and not empty:
        raise BackupError(BackupProblem.PROFILE_IN_USE, str(folder))
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    staging = folder / f".restore-{uuid.uuid4().hex}"  # on the profile's disk, so the swap is a rename
    staging.mkdir()
    new_key = key is None and read_key_file(folder) is None
    try:
        key = key or store_key(folder)
        manifest, backup_key = archive.extract_archive(source, staging, passphrase, key, progress)
        staged_db = staging / archive.DATABASE
        check_integrity(staged_db, backup_key)
        rekey(staged_db, backup_key, key)
        relink_files(staged_db, key, manifest)
        handover = become_new_device(staged_db, key)
        previous = put_in_place(staged_db, staging / archive.FILES, folder, key, keep_previous=not empty)
    except BaseException:
        archive.remove_tree(folder if created else staging)
        if new_key:
            (folder / KEY_FILE).unlink(missing_ok=True)
        raise
    archive.remove_tree(staging)
    _forget_token(folder / DB_NAME, key, credentials)
    return RestoreSummary(manifest, handover, previous)


def restore_into_open_store(store: Store, source: Path, passphrase: str | None, *, replace: bool = False,
                            progress: Progress | None = None,
                            credentials: CredentialStore | None = None) -> RestoreSummary:
    """Restore into the profile ``store`` has open, then reopen it in place on the restored file
    (migrated if the backup is older, reference data loaded), so every service holding ``store``
    works on the restored data. Nothing may be reading or writing the store meanwhile."""
    store.close()  # the pools hand out connections to whatever file is at the path from now on
    try:
        summary = restore_backup(source, store.profile_dir, passphrase, replace=replace, progress=progress,
                                 credentials=credentials, key=store.key)
    finally:
        migrate(store.engine, store.db_path, store.key)
    load_reference(store)
    return summary


def _forget_token(db_path: Path, key: bytes, credentials: CredentialStore | None) -> None:
    account = linked_account(db_path, key)
    if account is not None:
        (credentials or CredentialStore()).forget(*account)
