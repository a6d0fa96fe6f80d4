"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from sync.server.store import meta, migrate
from sync.server.store.database import Database
from sync.server.store.models import Attachment, Base, ChangeCounter, LedgerEntry, Record, Station, User

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


def test_upgrading_attachments_credits_each_finished_file_to_the_authors_whose_records_came_first(
        empty_db: Database):
    """A server of revision 0003 holds one upload row per file; the upgrade credits the file to the
    author of a record pushed before the file was finished, not to one who named it afterwards."""
    migrate.upgrade(empty_db, "0003")
    at = lambda minute: dt.datetime(2026, 5, 1, 8, minute, tzinfo=dt.UTC)  # noqa: E731
    # records and ledger have not changed since 0003; users has, later (the columns of 0003 are named)
    old_users = sa.table("users", *(sa.column(name) for name in (
        "id", "username", "display_name", "password_hash", "role", "station_id", "scope_version", "active")),
        sa.column("created_at", User.__table__.c.created_at.type))
    with empty_db.engine.begin() as connection:
        connection.execute(sa.insert(Station), [{"code": "S1", "name": "Station", "county_code": "150125",
                                                 "league_code": "1501", "industries": []}])
        connection.execute(sa.insert(old_users), [{"id": name, "username": name, "display_name": name,
                                                   "password_hash": "x", "role": "specialist", "station_id": "S1",
                                                   "scope_version": 1, "active": True, "created_at": at(0)}
                                                  for name in ("alice", "mallory", "carol")])
        old_uploads = sa.table("attachments", *(sa.column(name) for name in ("sha256", "length", "received",
                                                                              "complete")),
                               sa.column("created_at", sa.DateTime(True)), sa.column("completed_at", sa.DateTime(True)))
        connection.execute(sa.insert(old_uploads), [
            {"sha256": sha256, "length": 10, "received": received, "complete": received == 10, "created_at": at(1),
             "completed_at": at(2) if received == 10 else None}
            for sha256, received in (("a" * 64, 10), ("b" * 64, 4), ("c" * 64, 10))])
        named = [("alice", "a" * 64, at(1)), ("mallory", "a" * 64, at(30)), ("carol", "c" * 64, at(40))]
        connection.execute(sa.insert(Record), [
            {"record_type": "attachment", "record_id": f"r-{author}", "revision": 1, "change_seq": seq,
             "author_id": author, "owner_id": author, "audience": "author", "station_id": "S1",
             "attachment_sha256": sha256, "fields": {}, "server_updated_at": at(50)}
            for seq, (author, sha256, _) in enumerate(named, start=1)])
        connection.execute(sa.insert(LedgerEntry), [
            {"device_id": f"dev-{author}", "seq": 1, "result": {}, "record_type": "attachment",
             "record_id": f"r-{author}", "recorded_at": pushed} for author, _, pushed in named])

    migrate.upgrade(empty_db)

    with empty_db.read() as session:
        uploads = {(row.sha256[0], row.uploader_id, row.complete)
                   for row in session.execute(sa.select(Attachment)).scalars()}
    assert uploads == {("a", "alice", True), ("c", "carol", True)}
    migrate.upgrade(empty_db, "0003")
    with empty_db.engine.connect() as connection:
        assert connection.execute(text("SELECT sha256, received FROM attachments ORDER BY sha256")).all() == [
            ("a" * 64, 10), ("c" * 64, 10)]
