"""A profile's local store: opens (unlocks) and migrates the encrypted SQLite file and hands out units of work."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.store import capture, cipher, derived
from desktop.store.engine import create_store_engine, migrate, session_factory
from desktop.store.models import SyncState
from desktop.store.store_key import LockProblem, StoreLocked, forget_key, store_key

log = logging.getLogger(__name__)

DB_NAME = "fieldbook.db"
#: The session of one unit of work, as services hold it to pass on to the store's query modules
#: (services never build SQL themselves).
Unit = Session
#: Passphrases asked for before a wrong one is reported.
PASSPHRASE_TRIES = 3
#: False only in the benchmarks, to measure the same work on a plain store in the same run.
ENCRYPT = True


class Store:
    """One SQLite file per profile. ``unit_of_work()`` is a transaction: all of it or none of it."""

    def __init__(self, profile_dir: Path, engine: Engine, key: bytes | None):
        self.profile_dir = profile_dir
        self.engine = engine
        self.key = key
        self._read_engine = create_store_engine(profile_dir / DB_NAME, key, writer=False)
        self._sessions = session_factory(engine)
        capture.register(self._sessions)  # outbox capture first, then the derived columns, as they were
        derived.register(self._sessions)
        self._read_sessions = session_factory(self._read_engine)
        self.last_backup: Path | None = None

    @classmethod
    def open(cls, profile_dir: Path, *, revision: str = "head") -> Store:
        """Open (creating if needed) the store in ``profile_dir``, upgrading an older one after a
        backup; a store from before encryption is encrypted first. Raises StoreLocked when the key
        cannot be had (no passphrase given, a wrong one, the key store lost it)."""
        profile_dir = Path(profile_dir)
        profile_dir.mkdir(parents=True, exist_ok=True)
        db_path = profile_dir / DB_NAME
        key = unlock(profile_dir) if ENCRYPT else None
        engine = create_store_engine(db_path, key)
        store = cls(profile_dir, engine, key)
        store.last_backup = migrate(engine, db_path, key, revision)
        store._initialise_sync_state()
        return store

    @property
    def db_path(self) -> Path:
        return self.profile_dir / DB_NAME

    @property
    def files_dir(self) -> Path:
        return self.profile_dir / "files"

    @contextlib.contextmanager
    def unit_of_work(self, *, remote: bool = False) -> Iterator[Session]:
        """A session in one transaction, committed on success and rolled back on any error.

        ``remote=True`` marks changes that came from the server: they are not captured in the outbox.
        """
        with self._sessions() as session:
            if remote:
                session.info[capture.APPLYING_REMOTE] = True
            with session.begin():
                yield session

    @contextlib.contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only session on a snapshot of the store; it never waits for a writer."""
        with self._read_sessions() as session:
            yield session

    def state(self, key: str, default: str | None = None) -> str | None:
        with self.reader() as s:
            row = s.get(SyncState, key)
            return row.value if row else default

    def set_state(self, session: Session, key: str, value: str) -> None:
        row = session.get(SyncState, key)
        if row is None:
            session.add(SyncState(key=key, value=value))
        else:
            row.value = value

    def _initialise_sync_state(self) -> None:
        with self.unit_of_work() as s:
            existing = set(s.scalars(select(SyncState.key)))
            for key, value in (("device_id", str(uuid.uuid4())), ("next_seq", "1"), ("cursor", "0")):
                if key not in existing:
                    s.add(SyncState(key=key, value=value))

    def read_file(self, path: Path) -> bytes:
        """The plain bytes of an encrypted profile file (a photo)."""
        data = Path(path).read_bytes()
        return cipher.unseal(self.key, data) if self.key else data

    def sealed(self, data: bytes) -> bytes:
        """``data`` as it is written to a profile file."""
        return cipher.seal(self.key, data) if self.key else data

    def close(self) -> None:
        self.engine.dispose()
        self._read_engine.dispose()


def unlock(profile_dir: Path) -> bytes:
    """The key that opens the profile's store, checked against the store when there is one; a
    store from before encryption is encrypted under it first (its plain files sealed too)."""
    db_path = profile_dir / DB_NAME
    if cipher.is_plain(db_path):
        key = store_key(profile_dir)
        encrypt_plain_profile(profile_dir, key)
        return key
    for attempt in range(PASSPHRASE_TRIES):
        try:
            key = store_key(profile_dir, retry=attempt > 0)
        except StoreLocked as exc:
            if attempt and exc.problem == LockProblem.NO_PASSPHRASE:
                raise StoreLocked(LockProblem.WRONG_PASSPHRASE) from None
            raise
        if not db_path.exists() or _opens(db_path, key):
            return key
        forget_key(profile_dir)
    raise StoreLocked(LockProblem.WRONG_PASSPHRASE)


def _opens(db_path: Path, key: bytes) -> bool:
    try:
        db = cipher.connect(db_path, key)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            db.close()
    except cipher.DatabaseError:
        return False
    return True


def encrypt_plain_profile(profile_dir: Path, key: bytes) -> Path:
    """Encrypt a store (and the copies and photos beside it) written before encryption. The plain
    store is first copied aside; that copy is removed only once the encrypted store holds every
    row, and is then kept encrypted as ``fieldbook.before-encryption.<time>.bak``."""
    db_path = profile_dir / DB_NAME
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = db_path.with_name(f"{db_path.stem}.before-encryption.{stamp}.bak")
    files = profile_dir / "files"
    for path in files.rglob("*") if files.is_dir() else ():
        if path.is_file() and not path.name.startswith("."):
            _seal_file_in_place(path, key)
    cipher.checkpoint(db_path)
    shutil.copy2(db_path, backup)
    cipher.encrypt_in_place(db_path, key)
    for copy in [backup, *profile_dir.glob(f"{db_path.stem}.*.bak")]:
        if cipher.is_plain(copy):
            cipher.encrypt_in_place(copy, key)
    log.info("store encrypted; the copy made before it is %s", backup)
    return backup


def _seal_file_in_place(path: Path, key: bytes) -> None:
    data = path.read_bytes()
    if cipher.is_sealed(data):
        return  # sealed by an earlier start that a power cut stopped
    temp = path.with_name(path.name + ".sealing")
    temp.write_bytes(cipher.seal(key, data))
    temp.replace(path)
