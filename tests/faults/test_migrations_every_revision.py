"""A database left at any earlier revision — a laptop not opened since an old release, a server not
upgraded for a while — upgrades to the head with every row it held intact.

The rows are made from the schema as it is at that revision (reflected, one row per table, parents
before children, foreign keys pointing at the parent row), so a revision added later is covered
without editing this test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    Numeric,
    Table,
    select,
)

from desktop.store.engine import MIGRATIONS, create_store_engine
from desktop.store.engine import migrate as migrate_store
from desktop.store.store_key import store_key
from sync.server.store import migrate as server_migrate
from sync.server.store.database import Database
from tests.server.conftest import fresh_database


def revisions(script_location: Path) -> list[str]:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    script = ScriptDirectory.from_config(config)
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def sample(table: Table, column, n: int) -> Any:
    """A value of the column's type, distinct per table, column and row number."""
    kind = column.type
    if isinstance(kind, Boolean):
        return n % 2 == 1
    if isinstance(kind, Integer):
        return 1000 + n
    if isinstance(kind, (Float, Numeric)):
        return 1.5 + n
    if isinstance(kind, DateTime):
        return dt.datetime(2026, 6, 1, 8, n % 60)
    if isinstance(kind, Date):
        return dt.date(2026, 6, 1 + n % 28)
    if isinstance(kind, JSON):
        return {"旧": f"{table.name}-{n}"}
    length = getattr(kind, "length", None) or 40
    return f"{n}{table.name[:3]}{column.name}值"[:length]


def fill(connection: Connection, rows_per_table: int = 2) -> dict[str, list[dict[str, Any]]]:
    metadata = MetaData()
    metadata.reflect(connection)
    inserted: dict[str, list[dict[str, Any]]] = {}
    for table in metadata.sorted_tables:
        if table.name == "alembic_version":
            continue
        for n in range(rows_per_table):
            row = {}
            for column in table.columns:
                parent = next(iter(column.foreign_keys), None)
                if parent is not None and inserted.get(parent.column.table.name):
                    row[column.name] = inserted[parent.column.table.name][n][parent.column.name]
                else:
                    row[column.name] = sample(table, column, n + 7)
            connection.execute(table.insert().values(row))
            inserted.setdefault(table.name, []).append(row)
    return inserted


#: Derived columns a migration rebuilds from the row's own fields by design (search keys).
DERIVED = {"search_key"}
#: Tables a migration rebuilds by design, from rows filled before it: upload rows became one per
#: uploader (attach_uploaders; tests/server/test_migrations.py checks who is credited with a
#: finished file and that an unfinished one, which nobody can be credited with, goes), and failed
#: logins, which only count for 15 minutes, are counted per source since auth_sessions.
REKEYED = {"attachments", "login_failures"}


def assert_intact(connection: Connection, inserted: dict[str, list[dict[str, Any]]]) -> None:
    metadata = MetaData()
    metadata.reflect(connection)
    for name, rows in inserted.items():
        assert name in metadata.tables, f"table {name} disappeared"
        table = metadata.tables[name]
        if name in REKEYED and any(c.name not in rows[0] for c in table.columns):
            continue
        for row in rows:
            key = [table.c[c.name] == row[c.name] for c in table.primary_key.columns] or \
                  [table.c[c] == v for c, v in row.items() if c in table.c and not isinstance(v, dict)]
            found = connection.execute(select(table).where(*key)).mappings().one_or_none()
            assert found is not None, f"{name}: row {row} lost"
            for column, value in row.items():
                if column in found and column not in DERIVED:
                    assert _same(found[column], value), f"{name}.{column}: {value!r} became {found[column]!r}"


def _same(now: Any, before: Any) -> bool:
    if isinstance(before, dt.datetime) and isinstance(now, dt.datetime):
        return now.replace(tzinfo=None) == before.replace(tzinfo=None)
    if isinstance(before, float):
        return float(now) == before
    return now == before


STORE_REVISIONS = revisions(MIGRATIONS)
SERVER_REVISIONS = revisions(server_migrate.MIGRATIONS_DIR)


@pytest.mark.parametrize("revision", STORE_REVISIONS[:-1])
def test_a_device_store_at_an_earlier_revision_upgrades_with_every_row_intact(tmp_path, revision):
    path = tmp_path / "fieldbook.db"
    key = store_key(tmp_path)
    engine = create_store_engine(path, key)
    try:
        migrate_store(engine, path, key, revision)
        with engine.begin() as connection:
            inserted = fill(connection)
        migrate_store(engine, path, key, "head")
        with engine.connect() as connection:
            assert_intact(connection, inserted)
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_server_db(request, tmp_path) -> Iterator[Database]:
    with fresh_database(request.param, tmp_path) as url:
        db = Database(url)
        yield db
        db.dispose()


@pytest.mark.parametrize("revision", SERVER_REVISIONS[:-1])
def test_a_server_database_at_an_earlier_revision_upgrades_with_every_row_intact(empty_server_db, revision):
    server_migrate.upgrade(empty_server_db, revision)
    with empty_server_db.engine.begin() as connection:
        inserted = fill(connection)
    server_migrate.upgrade(empty_server_db)
    assert server_migrate.is_up_to_date(empty_server_db)
    with empty_server_db.engine.connect() as connection:
        assert_intact(connection, inserted)
