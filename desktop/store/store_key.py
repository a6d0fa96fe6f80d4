"""The key that encrypts a profile's store and files: kept in the OS key store, or derived from a passphrase.

Beside the store, ``fieldbook.key`` (no secret in it) says where the key is: ``"keyring"`` — a
random 256-bit key filed in the OS key store under service "Fieldbook" and the key file's random
id; or ``"passphrase"`` — the key is derived with argon2id from a passphrase the user sets and the
random salt kept in the file; ``"session"`` — a throwaway profile's key, in memory only. A key found once is kept in this process's memory, so the store's
engines, a backup and a restore of the same profile ask for it once.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import uuid
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from sync.client.credentials import SERVICE, is_secure

KEY_FILE = "fieldbook.key"
PASSPHRASE_ENV = "FIELDBOOK_PASSPHRASE"
MIN_PASSPHRASE = 8
#: argon2id cost, once per start: OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), which
#: keeps a passphrase start within the cold-start budget on a field laptop.
ARGON2 = {"time_cost": 2, "memory_cost": 19456, "parallelism": 1}

#: Asked for a passphrase: ``(new, retry)`` → the passphrase, or None when the user gives up.
PassphrasePrompt = Callable[[bool, bool], "str | None"]


class LockProblem(StrEnum):
    NO_PASSPHRASE = "no_passphrase"  # a passphrase is needed and none was given
    WRONG_PASSPHRASE = "wrong_passphrase"
    KEY_MISSING = "key_missing"  # the OS key store no longer holds this store's key
    TOO_SHORT = "too_short"


class StoreLocked(Exception):
    """The store cannot be opened without a key this process does not have; ``problem`` says why."""

    def __init__(self, problem: LockProblem, detail: str = ""):
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem


_unlocked: dict[str, bytes] = {}


def derive_key(passphrase: str, salt: bytes, cost: dict | None = None) -> bytes:
    """argon2id of the passphrase; ``cost``: the one recorded when the salt was made (a later
    release may raise ARGON2 without locking older folders and backups out)."""
    from argon2.low_level import Type, hash_secret_raw

    params = {name: int(value) for name, value in (cost or ARGON2).items() if name in ARGON2}
    return hash_secret_raw(passphrase.encode(), salt, hash_len=32, type=Type.ID, **params)


def _env_or_terminal(new: bool, retry: bool) -> str | None:
    """The headless commands' way: ``$FIELDBOOK_PASSPHRASE``, else a prompt on a terminal."""
    if not retry and os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        return None
    import getpass

    first = getpass.getpass("Passphrase for this Fieldbook data folder: ")
    if new and getpass.getpass("The same passphrase again: ") != first:
        return None
    return first


_prompt: PassphrasePrompt = _env_or_terminal


def set_passphrase_prompt(prompt: PassphrasePrompt) -> None:
    """How the passphrase is asked for from now on (the app installs its dialog)."""
    global _prompt
    _prompt = prompt


def read_key_file(profile_dir: Path) -> dict | None:
    path = Path(profile_dir) / KEY_FILE
    return json.loads(path.read_text()) if path.is_file() else None


def _write_key_file(profile_dir: Path, info: dict) -> None:
    path = Path(profile_dir) / KEY_FILE
    temp = path.with_suffix(".part")
    temp.write_text(json.dumps(info, indent=1))
    os.replace(temp, path)


def _secure_backend():
    import keyring

    backend = keyring.get_keyring()
    return backend if is_secure(backend) else None


def store_key(profile_dir: Path, *, retry: bool = False) -> bytes:
    """The profile's key, made (and filed) on first use; raises StoreLocked.
    ``retry``: the last passphrase did not open the store, ask again."""
    info = read_key_file(profile_dir)
    if info is None:
        return _new_key(Path(profile_dir))
    key_id = info["id"]
    if key_id in _unlocked and not retry:
        return _unlocked[key_id]
    if info["source"] == "session":
        raise StoreLocked(LockProblem.KEY_MISSING, key_id)
    if info["source"] == "keyring":
        backend = _secure_backend()
        found = backend.get_password(SERVICE, f"store|{key_id}") if backend else None
        if not found:
            raise StoreLocked(LockProblem.KEY_MISSING, key_id)
        key = bytes.fromhex(found)
    else:
        passphrase = _prompt(False, retry)
        if not passphrase:
            raise StoreLocked(LockProblem.NO_PASSPHRASE)
        key = derive_key(passphrase, bytes.fromhex(info["salt"]), info)
    _unlocked[key_id] = key
    return key


def forget_key(profile_dir: Path) -> None:
    """Drop the key from memory (it did not open the store)."""
    info = read_key_file(profile_dir)
    if info is not None:
        _unlocked.pop(info["id"], None)


def make_session_key(profile_dir: Path) -> None:
    """Give a throwaway profile (the demo's) a random key kept in this process only: it is never
    asked for and never filed, and the profile cannot be opened once the process ends."""
    key_id = str(uuid.uuid4())
    Path(profile_dir).mkdir(parents=True, exist_ok=True)
    _write_key_file(profile_dir, {"format": 1, "id": key_id, "source": "session"})
    _unlocked[key_id] = secrets.token_bytes(32)


def _new_key(profile_dir: Path) -> bytes:
    key_id = str(uuid.uuid4())
    backend = _secure_backend()
    if backend is not None:
        key = secrets.token_bytes(32)
        backend.set_password(SERVICE, f"store|{key_id}", key.hex())
        info = {"format": 1, "id": key_id, "source": "keyring"}
    else:
        passphrase = _prompt(True, False)
        if not passphrase:
            raise StoreLocked(LockProblem.NO_PASSPHRASE)
        if len(passphrase) < MIN_PASSPHRASE:
            raise StoreLocked(LockProblem.TOO_SHORT)
        salt = secrets.token_bytes(16)
        key = derive_key(passphrase, salt)
        info = {"format": 1, "id": key_id, "source": "passphrase", "salt": salt.hex(), "kdf": "argon2id", **ARGON2}
    profile_dir.mkdir(parents=True, exist_ok=True)
    _write_key_file(profile_dir, info)
    _unlocked[key_id] = key
    return key
