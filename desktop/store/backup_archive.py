"""The backup file (.fbk): a zip of a consistent copy of the store, its attachment files and a manifest,
all encrypted under a key derived from a passphrase the user chooses.

Members: ``envelope.json`` (plain: the format and the argon2id salt and cost — nothing else),
``fieldbook.db`` (a snapshot of the store in one read transaction, itself a SQLCipher database
under the backup's key), ``files/<2>/<sha256>`` (the attachment files the copy knows, each sealed
with the backup's key), and ``manifest.json`` written last, sealed too: format version, schema
revision, device, user, counts, and the size and sha256 of every other member as stored.
Reading checks all of it before anything is extracted for use. Format 1 (before encryption) is
still read: no envelope, everything plain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
import shutil
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from desktop.store import cipher
from desktop.store.engine import MIGRATIONS
from desktop.store.store_key import ARGON2, MIN_PASSPHRASE, derive_key

FORMAT = "fieldbook-backup"
FORMAT_VERSION = 2
ENVELOPE = "envelope.json"
MANIFEST = "manifest.json"
DATABASE = "fieldbook.db"
FILES = "files"
_CHUNK = 1024 * 1024
_FILE_MEMBER = re.compile(r"files/([0-9a-f]{2})/\1[0-9a-f]{62}")
#: Tables counted in the manifest (and compared after a restore).
COUNTED = ("households", "visits", "trainings", "review_events", "attachments", "conflicts", "drafts",
           "local_files")

Progress = Callable[[int, int], None]


class BackupProblem(StrEnum):
    NOT_A_BACKUP = "not_a_backup"
    DAMAGED = "damaged"  # truncated, a member missing, or a checksum that does not match
    NEWER = "newer"  # made by a newer Fieldbook: format or schema this one does not know
    PROFILE_IN_USE = "profile_in_use"  # the target profile already holds someone's work
    CANNOT_WRITE = "cannot_write"
    WRONG_PASSPHRASE = "wrong_passphrase"  # or none given
    WEAK_PASSPHRASE = "weak_passphrase"  # shorter than MIN_PASSPHRASE


class BackupError(Exception):
    """A backup that cannot be made or restored; ``problem`` says which way, ``detail`` for the log."""

    def __init__(self, problem: BackupProblem, detail: str = ""):
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True)
class Member:
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """What a backup file says about itself."""

    format_version: int
    schema_revision: str
    created_at: str  # ISO 8601, UTC
    device_id: str
    user_id: str
    display_name: str
    username: str
    counts: dict[str, int]
    pending_changes: int  # outbox entries the server had not acknowledged when the copy was made
    members: dict[str, Member] = field(default_factory=dict)

    @property
    def file_count(self) -> int:
        return sum(1 for name in self.members if name.startswith(FILES + "/"))

    def to_json(self) -> bytes:
        body: dict[str, Any] = {
            "format": FORMAT, "format_version": self.format_version, "schema_revision": self.schema_revision,
            "created_at": self.created_at, "device_id": self.device_id, "user_id": self.user_id,
            "display_name": self.display_name, "username": self.username, "counts": self.counts,
            "pending_changes": self.pending_changes,
            "members": {name: {"size": m.size, "sha256": m.sha256} for name, m in self.members.items()},
        }
        return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            body = json.loads(data)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BackupError(BackupProblem.DAMAGED, f"the manifest is not JSON: {exc}") from None
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            raise BackupError(BackupProblem.NOT_A_BACKUP, "the manifest is not a Fieldbook backup's")
        version = body.get("format_version")
        if not isinstance(version, int):
            raise BackupError(BackupProblem.DAMAGED, "the manifest has no format version")
        if version > FORMAT_VERSION:
            raise BackupError(BackupProblem.NEWER, f"backup format {version}, this Fieldbook reads {FORMAT_VERSION}")
        try:
            members = {str(name): Member(int(m["size"]), str(m["sha256"])) for name, m in body["members"].items()}
            return cls(version, str(body["schema_revision"]), str(body["created_at"]), str(body["device_id"]),
                       str(body["user_id"]), str(body.get("display_name", "")), str(body.get("username", "")),
                       {str(k): int(v) for k, v in body["counts"].items()}, int(body.get("pending_changes", 0)),
                       members)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BackupError(BackupProblem.DAMAGED, f"the manifest lacks {exc}") from None


def known_revisions() -> list[str]:
    """The store schema revisions this Fieldbook can open, oldest first (revision ids are names,
    not numbers, so their order is the migrations' chain)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return [script.revision for script in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]


# --- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupKey:
    """The key of one backup file, from the user's passphrase and the file's own salt."""

    key: bytes
    salt: bytes

    @classmethod
    def new(cls, passphrase: str) -> BackupKey:
        if len(passphrase or "") < MIN_PASSPHRASE:
            raise BackupError(BackupProblem.WEAK_PASSPHRASE)
        salt = secrets.token_bytes(16)
        return cls(derive_key(passphrase, salt), salt)

    def envelope(self) -> bytes:
        return json.dumps({"format": FORMAT, "format_version": FORMAT_VERSION, "kdf": "argon2id",
                           "salt": self.salt.hex(), **ARGON2}).encode()


def snapshot_store(db_path: Path, key: bytes, target: Path, target_key: bytes) -> None:
    """A consistent, self-contained copy of the live store (read through the WAL in one
    transaction), encrypted under ``target_key``."""
    cipher.export(db_path, key, target, target_key)


@dataclass(frozen=True)
class StoreFacts:
    """What the manifest says about a store copy, read from the copy itself."""

    schema_revision: str
    device_id: str
    user_id: str
    display_name: str
    username: str
    counts: dict[str, int]
    pending_changes: int
    files: list[tuple[str, str]]  # (sha256, profile-relative or absolute path)


def store_facts(db_path: Path, key: bytes | None) -> StoreFacts:
    db = cipher.connect(db_path, key)
    try:
        state = dict(db.execute("SELECT key, value FROM sync_state WHERE key IN "
                                "('device_id', 'user_id', 'username')").fetchall())
        user_id = state.get("user_id", "")
        name = db.execute("SELECT display_name FROM users WHERE id = ?", (user_id,)).fetchone()
        counts = {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
                  for table in COUNTED}
        counts["outbox"] = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        pending = db.execute("SELECT count(*) FROM outbox WHERE acked = 0").fetchone()[0]
        revision = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        files = db.execute("SELECT sha256, path FROM local_files ORDER BY sha256").fetchall()
    finally:
        db.close()
    return StoreFacts(revision, state.get("device_id", ""), user_id, name[0] if name else "",
                      state.get("username", ""), counts, pending, [(sha, path) for sha, path in files])


def file_member(sha256: str) -> str:
    return f"{FILES}/{sha256[:2]}/{sha256}"


def write_archive(target: Path, snapshot: Path, facts: StoreFacts, files: list[tuple[str, Callable[[], bytes]]],
                  backup_key: BackupKey, progress: Progress | None = None) -> Manifest:
    """Write the backup to ``target`` whole or not at all (a temp file renamed at the end).
    ``snapshot``: the store copy, already under the backup's key; ``files``: (member name, a
    function giving its plain bytes) of the attachment files to include, sealed as they go in."""
    report = progress or (lambda _done, _total: None)
    temp = target.with_name(target.name + ".part")
    members: dict[str, Member] = {}
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_STORED) as archive:
            archive.writestr(ENVELOPE, backup_key.envelope())
            members[DATABASE] = _add(archive, DATABASE, snapshot, zipfile.ZIP_STORED)  # encrypted: no shrinking
            report(1, len(files) + 1)
            for i, (name, read) in enumerate(files, 2):
                members[name] = _add_bytes(archive, name, cipher.seal(backup_key.key, read()))
                report(i, len(files) + 1)
            manifest = Manifest(FORMAT_VERSION, facts.schema_revision,
                                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), facts.device_id,
                                facts.user_id, facts.display_name, facts.username,
                                {**facts.counts, "files": len(files)}, facts.pending_changes, members)
            archive.writestr(MANIFEST, cipher.seal(backup_key.key, manifest.to_json()))
        with temp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise BackupError(BackupProblem.CANNOT_WRITE, f"{target}: {exc}") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return manifest


def _add(archive: zipfile.ZipFile, name: str, path: Path, compression: int) -> Member:
    digest = hashlib.sha256()
    size = 0
    info = zipfile.ZipInfo(name, _zip_time())
    info.compress_type = compression
    with path.open("rb") as source, archive.open(info, "w", force_zip64=path.stat().st_size > 2**30) as out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return Member(size, digest.hexdigest())


def _add_bytes(archive: zipfile.ZipFile, name: str, data: bytes) -> Member:
    archive.writestr(zipfile.ZipInfo(name, _zip_time()), data)
    return Member(len(data), hashlib.sha256(data).hexdigest())


def _zip_time() -> tuple[int, int, int, int, int, int]:
    return dt.datetime.now().timetuple()[:6]  # type: ignore[return-value]


# --- reading ------------------------------------------------------------------------------------


def read_manifest(source: Path, passphrase: str | None) -> Manifest:
    """The manifest of a backup file, checked for form; raises BackupError (nothing is extracted),
    WRONG_PASSPHRASE when ``passphrase`` does not open it."""
    with _open(source) as archive:
        return _manifest(archive, _backup_key(archive, passphrase))


def is_encrypted(source: Path) -> bool:
    """Whether the backup needs a passphrase (format 2 and later); False for a file that is no
    backup (reading it then says what is wrong)."""
    try:
        with _open(source) as archive:
            return ENVELOPE in archive.namelist()
    except BackupError:
        return False


def extract_archive(source: Path, staging: Path, passphrase: str | None, files_key: bytes,
                    progress: Progress | None = None) -> tuple[Manifest, bytes | None]:
    """Extract every member into ``staging`` (which must be empty), checking each one's size and
    sha256 against the manifest; raises BackupError at the first that does not match. The
    attachment files are written sealed with ``files_key`` (the profile's store key). Returns the
    manifest and the key the extracted store is under (None: a plain format-1 store)."""
    report = progress or (lambda _done, _total: None)
    with _open(source) as archive:
        backup_key = _backup_key(archive, passphrase)
        manifest = _manifest(archive, backup_key)
        names = set(archive.namelist()) - {MANIFEST, ENVELOPE}
        if DATABASE not in manifest.members:
            raise BackupError(BackupProblem.DAMAGED, "the backup holds no store")
        unlisted = names - set(manifest.members)
        missing = set(manifest.members) - names
        if unlisted or missing:
            raise BackupError(BackupProblem.DAMAGED, f"members missing {sorted(missing)[:3]}, "
                                                     f"not in the manifest {sorted(unlisted)[:3]}")
        total = len(manifest.members)
        for i, (name, member) in enumerate(sorted(manifest.members.items()), 1):
            data = _extract(archive, name, member)
            if name != DATABASE:
                data = cipher.seal(files_key, cipher.unseal(backup_key, data) if backup_key else data)
            _write(staging / name, data)
            report(i, total)
    return manifest, backup_key


def _backup_key(archive: zipfile.ZipFile, passphrase: str | None) -> bytes | None:
    try:
        envelope = json.loads(archive.read(ENVELOPE))
    except KeyError:
        return None  # format 1: plain
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError) as exc:
        raise BackupError(BackupProblem.DAMAGED, f"the envelope cannot be read: {exc}") from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise BackupError(BackupProblem.NOT_A_BACKUP, "the envelope is not a Fieldbook backup's")
    if not passphrase:
        raise BackupError(BackupProblem.WRONG_PASSPHRASE, "no passphrase given")
    try:
        return derive_key(passphrase, bytes.fromhex(envelope["salt"]), envelope)
    except (KeyError, TypeError, ValueError) as exc:
        raise BackupError(BackupProblem.DAMAGED, f"the envelope lacks {exc}") from None


def _open(source: Path) -> zipfile.ZipFile:
    if not source.is_file():
        raise BackupError(BackupProblem.NOT_A_BACKUP, f"no file {source}")
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        with source.open("rb") as f:
            head = f.read(4)
        # A zip's first bytes, but no directory at its end: a copy cut short.
        problem = BackupProblem.DAMAGED if head == b"PK\x03\x04" else BackupProblem.NOT_A_BACKUP
        raise BackupError(problem, str(exc)) from None


def _manifest(archive: zipfile.ZipFile, backup_key: bytes | None) -> Manifest:
    try:
        data = archive.read(MANIFEST)
        if backup_key is not None:
            data = cipher.unseal(backup_key, data)
    except KeyError:
        raise BackupError(BackupProblem.NOT_A_BACKUP, "the file has no Fieldbook manifest") from None
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise BackupError(BackupProblem.DAMAGED, f"the manifest cannot be read: {exc}") from None
    except cipher.CryptoError:
        raise BackupError(BackupProblem.WRONG_PASSPHRASE, "the manifest does not open with it") from None
    manifest = Manifest.from_json(data)
    known = known_revisions()
    if manifest.schema_revision not in known:  # only a later Fieldbook knows it
        raise BackupError(BackupProblem.NEWER,
                          f"store schema {manifest.schema_revision}, this Fieldbook knows up to {known[-1]}")
    return manifest


def _extract(archive: zipfile.ZipFile, name: str, member: Member) -> bytes:
    if name != DATABASE and not _FILE_MEMBER.fullmatch(name):
        raise BackupError(BackupProblem.DAMAGED, f"unexpected member name {name!r}")
    try:
        data = archive.read(name)
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error, zipfile.LargeZipFile) as exc:
        raise BackupError(BackupProblem.DAMAGED, f"{name}: {exc}") from None
    if len(data) != member.size or hashlib.sha256(data).hexdigest() != member.sha256:
        raise BackupError(BackupProblem.DAMAGED, f"{name}: checksum does not match the manifest")
    return data


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
