"""Test helpers for encrypted profile stores: copying one with its key file, and SQL on it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from desktop.store import cipher
from desktop.store.store import DB_NAME
from desktop.store.store_key import KEY_FILE, store_key

#: The passphrase the tests give their backups.
BACKUP_PASSPHRASE = "苏木 backup 2026"
#: The passphrase of the test profiles kept as on a box without an OS key store (a township office's).
OFFICE_PASSPHRASE = "嘎查 office 2026"


def copy_store(db_path: Path, folder: Path) -> Path:
    """Copy the store ``db_path`` and the key file beside it into ``folder``; returns the copy."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(db_path, folder / DB_NAME)
    shutil.copy(db_path.parent / KEY_FILE, folder / KEY_FILE)
    return folder / DB_NAME


def child_env() -> dict[str, str]:
    """The environment of a Fieldbook command a test starts: it finds the run's store keys."""
    return {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.sync.memory_keyring.StoreKeyring",
            "PYTHONPATH": str(Path(__file__).resolve().parents[1])}


def connect(db_path: Path, key_folder: Path | None = None, **kwargs):
    """A DB-API connection to an encrypted store (its key found from the profile folder)."""
    return cipher.connect(db_path, store_key(key_folder or db_path.parent), **kwargs)
