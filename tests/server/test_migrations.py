"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from sync.server.store import meta, migrate
from sync.server.store.database import Database
from sync.server.store.models import Base, ChangeCounter

from .conftest import fresh_database


@pytest.fixture
def empty_db(backend: str, tmp_path: Path) -> Iterator[Database]:
    with fresh_database(backend, tmp_path) as url:
        db = Database(url)
        yield db
        db.dispose()


def test_upgrading_an_empty_database_gives_the_models_schema_and_a_starting_epoch(empty_db: Database):
    assert migrate.current_revision(empty_db) is None
    migrate.upgrade(empty_db)
    migrate.upgrade(empty_db)  # a second start finds nothing to do
    assert migrate.is_up_to_date(empty_db)
    with empty_db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                Base.metadata) == []
    assert {"users", "devices", "records", "ledger", "stations", "attachments"} <= set(
        inspect(empty_db.engine).get_table_names())
    with empty_db.read() as session:
        assert session.get(ChangeCounter, 1).value == 0  # change numbers start from 0 (store.changes)
        assert len(meta.server_epoch(session)) == 36
