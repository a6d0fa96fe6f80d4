"""A profile's local store: opens and migrates the SQLite file and hands out units of work."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from desktop.store import capture, derived
from desktop.store.engine import create_store_engine, migrate, session_factory
from desktop.store.models import SyncState

DB_NAME = "fieldbook.db"
#: The session of one unit of work, as services hold it to pass on to the store's query modules
#: (services never build SQL themselves).
Unit = Session


class Store:
    """One SQLite file per profile. ``unit_of_work()`` is a transaction: all of it or none of it."""

    def __init__(self, profile_dir: Path, engine: Engine):
        self.profile_dir = profile_dir
        self.engine = engine
        self._read_engine = create_store_engine(profile_dir / DB_NAME, writer=False)
        self._sessions = session_factory(engine)
        capture.register(self._sessions)  # outbox capture first, then the derived columns, as they were
        derived.register(self._sessions)
        self._read_sessions = session_factory(self._read_engine)
        self.last_backup: Path | None = None

    @classmethod
    def open(cls, profile_dir: Path, *, revision: str = "head") -> Store:
        """Open (creating if needed) the store in ``profile_dir``, upgrading an older one after a backup."""
        profile_dir.mkdir(parents=True, exist_ok=True)
        db_path = profile_dir / DB_NAME
        engine = create_store_engine(db_path)
        store = cls(profile_dir, engine)
        store.last_backup = migrate(engine, db_path, revision)
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

    def close(self) -> None:
        self.engine.dispose()
        self._read_engine.dispose()
