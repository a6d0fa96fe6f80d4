"""A push chunk costs a handful of database round trips, not several per entry, and batching the
reads and writes keeps every entry's answer: an entry sees what the entries before it did."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from sync.domain.vocabulary import Role
from sync.protocol import LoginRequest
from sync.server.services import admin, auth
from sync.server.services import push as push_service
from sync.server.store import migrate, records
from sync.server.store.database import Database
from tests.server.support import PASSWORD, visit_fields


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'server.db'}")
    migrate.upgrade(database)
    admin.add_station(database, "S1", "Station", "150125")
    admin.add_user(database, "wang", "Wang", Role.SPECIALIST, PASSWORD, admin.Area(station="S1"))
    yield database
    database.dispose()


def _caller(db: Database) -> auth.Caller:
    login = auth.login(db, LoginRequest(username="wang", password=PASSWORD, device_id="d1", device_name="laptop"))
    return auth.authenticate(db, login.token)


def _entry(seq: int, record_id: str, kind: str, base: int, changes: dict[str, tuple[Any, Any]]) -> dict[str, Any]:
    return {"device_id": "d1", "seq": seq, "record_type": "visit", "record_id": record_id, "kind": kind,
            "base_revision": base, "time": dt.datetime.now(dt.UTC).isoformat(),
            "changes": {name: {"old": old, "new": new} for name, (old, new) in changes.items()}}


def _push(db: Database, caller: auth.Caller, entries: list[dict[str, Any]]) -> list[tuple[str, int | None]]:
    response = push_service.push(db, caller, push_service.PushEnvelope.model_validate({"entries": entries}))
    return [(r.status.value, r.revision) for r in response.results]


def _statements_of_a_chunk(db: Database, caller: auth.Caller, first_seq: int, size: int) -> list[str]:
    statements: list[str] = []
    listen = lambda *args: statements.append(args[2])  # noqa: E731 - one listener, removed below
    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        creates = [_entry(i, str(uuid.uuid4()), "create", 0, {k: (None, v) for k, v in visit_fields().items()})
                   for i in range(first_seq, first_seq + size)]
        assert _push(db, caller, creates) == [("applied", 1)] * size
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)
    return statements


def _summary_statement(sql: str) -> bool:
    return re.search(r"\b(ev_\w+|evaluation_\w+)\b", sql) is not None


def test_a_chunk_of_a_hundred_new_visits_costs_a_few_statements(db: Database):
    caller = _caller(db)
    statements = _statements_of_a_chunk(db, caller, 1, push_service.ENTRIES_PER_COMMIT)
    others = [s for s in statements if not _summary_statement(s)]
    # ledger look-up, bulk load, division check, records insert, ledger insert, counter, numbering, acked
    # seq, and the transaction statements SQLite adds: far fewer than one per entry (it was three per entry)
    assert len(others) <= 20, others
    # The year-end summaries move by set-based deltas: the same statements for ten visits as for a hundred.
    small = _statements_of_a_chunk(db, caller, push_service.ENTRIES_PER_COMMIT + 1, 10)
    assert len([s for s in statements if _summary_statement(s)]) == len([s for s in small if _summary_statement(s)])


def test_a_create_its_edits_and_its_delete_in_one_chunk_answer_as_if_pushed_one_by_one(db: Database):
    caller = _caller(db)
    visit = str(uuid.uuid4())
    delete = _entry(4, visit, "delete", 0, {"deleted": (False, True)})  # own edits only: no conflict
    results = _push(db, caller, [
        _entry(1, visit, "create", 0, {k: (None, v) for k, v in visit_fields().items()}),
        _entry(2, visit, "update", 0, {"problem": ("aphids on leaves", "hail")}),
        _entry(3, visit, "update", 0, {"advice": ("spray neem oil", "replant")}),
        delete,
        delete,  # the same entry twice: one answer
    ])
    assert results == [("applied", 1), ("merged", 2), ("merged", 3), ("merged", 4), ("merged", 4)]
    again = _push(db, caller, [_entry(2, visit, "update", 0, {"problem": ("x", "y")})])
    assert again == [("merged", 2)], "a resent entry gets its stored answer"
    with db.read() as session:
        stored = records.load(session, "visit", visit)
    assert stored is not None and stored.revision == 4 and stored.deleted
    assert stored.fields["problem"] == "hail" and stored.fields["advice"] == "replant"
