"""Opening a profile's SQLite store: connection settings, migrations, and the backup before upgrading."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from desktop.store import cipher
from sync import json_text

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration. A store already there opens without loading Alembic (about 0.2 s of a
#: cold start); a test checks this equals Alembic's head.
SCHEMA_HEAD = "demonstrations"


def _configure_connection(key: bytes | None, dbapi_connection, _record: object) -> None:
    # WAL: readers (the UI's lists) never block the writer, and a crash mid-write cannot corrupt
    # the database. synchronous=FULL: in WAL mode NORMAL may lose the last commits on a power cut,
    # and a record the app reported as saved must survive one; FULL syncs the WAL on every commit.
    # Foreign keys are off by default in SQLite and would silently not be enforced.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:  # None only in the benchmarks' plain runs
        cursor.execute(cipher.key_pragma(key))  # before anything else reads a page
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # A 64 MB page cache and memory-mapped reads keep a 100k-visit store's list index in memory.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


def create_store_engine(db_path: Path, key: bytes | None, *, writer: bool = True) -> Engine:
    """An engine on the store file. A writer's transactions take the write lock when they begin
    (BEGIN IMMEDIATE), so two writers queue instead of one failing half-way with "database is
    locked" when it upgrades a read lock; a reader's (deferred BEGIN) read a WAL snapshot and never
    wait for the writer. The file is encrypted by SQLCipher under ``key``. JSON columns are written
    and read by orjson (sync.json_text): an outbox read or a pulled page's insert spends much of
    its time there."""
    engine = create_engine(f"sqlite:///{db_path}", module=cipher.sqlcipher, connect_args={"isolation_level": None},
                           json_serializer=json_text.dumps, json_deserializer=json_text.loads)
    event.listen(engine, "connect", partial(_configure_connection, key))
    begin = "BEGIN IMMEDIATE" if writer else "BEGIN"
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin))
    return engine


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg



def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has_table = conn.execute(text(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")).first()
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar() if has_table else None


def backup_file(db_path: Path, label: str, key: bytes | None) -> Path:
    """Copy the store, encrypted under the same key, in one snapshot (through the WAL) next to it."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.{label}.{stamp}.bak")
    cipher.export(db_path, key, target, key)
    return target


def migrate(engine: Engine, db_path: Path, key: bytes | None, revision: str = "head") -> Path | None:
    """Bring the store to ``revision``; an existing store is backed up first. Returns the backup."""
    target = SCHEMA_HEAD if revision == "head" else revision
    current = current_revision(engine)
    if current == target:
        return None
    from alembic import command

    cfg = alembic_config(engine)
    backup = None
    if current is not None:
        backup = backup_file(db_path, f"before-{target}", key)
        log.info("store at %s upgraded to %s; backup %s", current, target, backup)
    command.upgrade(cfg, revision)
    return backup


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
