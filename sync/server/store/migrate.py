"""Runs the Alembic migrations programmatically (at `serve` start and by `db upgrade`)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from sync.server.store.database import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "the server has no migrations"
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_up_to_date(database: Database) -> bool:
    return current_revision(database) == head_revision()


def upgrade(database: Database, revision: str = "head") -> None:
    """Bring the schema to ``revision``; safe to run again (and by several processes on PostgreSQL)."""
    with database.engine.begin() as connection:
        if database.is_postgres:
            # Two servers starting at once must not both create the tables.
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(727100)")
        command.upgrade(_config(connection), revision)
