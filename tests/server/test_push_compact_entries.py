"""The server reads compact push entries (protocol 2) as the full entries they stand for, and every
row a push writes gets its own change number above every cursor served before."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sync.protocol import CREATE_UNSENT_FIELDS, LoginRequest, OutboxEntry
from sync import protocol
from sync.server.errors import ApiError
from sync.server.services import auth
from sync.server.services import push as push_service
from sync.server.store import changes, ledger, records
from sync.server.store.database import Database
from sync.server.store.models import Record
from tests.server.conftest import BACKENDS, one_specialist
from tests.server.support import PASSWORD, visit_fields


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    with one_specialist(request.param, tmp_path) as database:
        yield database


@pytest.fixture
def caller(db: Database) -> auth.Caller:
    login = auth.login(db, LoginRequest(username="wang", password=PASSWORD, device_id="d1", device_name="laptop"))
    return auth.authenticate(db, login.token)


def full_create(seq: int, record_id: str, **overrides: Any) -> dict[str, Any]:
    """A create as a protocol-1 device captures it: every field, old values null."""
    return {"device_id": "d1", "seq": seq, "record_type": "visit", "record_id": record_id, "kind": "create",
            "base_revision": 0, "time": dt.datetime.now(dt.UTC).isoformat(),
            "changes": {name: {"old": None, "new": value} for name, value in visit_fields(**overrides).items()}}


def compact_entry(entry: dict[str, Any]) -> dict[str, Any]:
    return protocol.compact_entry(OutboxEntry.model_validate(entry))


def push(db: Database, caller: auth.Caller, entries: list[dict[str, Any]]) -> list[tuple[str, int | None]]:
    response = push_service.push(db, caller, push_service.PushEnvelope.model_validate({"entries": entries}))
    return [(r.status.value, r.revision) for r in response.results]


def stored_fields(db: Database, record_id: str) -> dict[str, Any]:
    with db.read() as session:
        stored = records.load(session, "visit", record_id)
    assert stored is not None
    return {name: value for name, value in stored.fields.items() if name != "updated_at"}


def test_a_compact_create_stores_what_the_full_create_stores(db: Database, caller: auth.Caller):
    full_id, compact_id = str(uuid.uuid4()), str(uuid.uuid4())
    compact = compact_entry(full_create(2, compact_id, author_id=caller.viewer.user_id))
    assert "changes" not in compact and "device_id" not in compact
    assert CREATE_UNSENT_FIELDS.isdisjoint(compact["values"]) and None not in compact["values"].values()
    assert push(db, caller, [full_create(1, full_id), compact]) == [("applied", 1), ("applied", 1)]
    assert stored_fields(db, compact_id) == stored_fields(db, full_id)
    assert stored_fields(db, compact_id)["follow_up_date"] is None and stored_fields(db, compact_id)["deleted"] is False


def test_an_entry_without_a_device_is_the_pushing_devices_and_a_resend_changes_nothing(db: Database,
                                                                                       caller: auth.Caller):
    visit = str(uuid.uuid4())
    compact = compact_entry(full_create(1, visit))
    update = compact_entry({"device_id": "d1", "seq": 2, "record_type": "visit", "record_id": visit,
                            "kind": "update", "base_revision": 1, "time": "2026-06-10T09:00:00Z",
                            "changes": {"problem": {"old": "aphids on leaves", "new": "hail"}}})
    assert push(db, caller, [compact, update]) == [("applied", 1), ("applied", 2)]
    assert push(db, caller, [compact, update]) == [("applied", 1), ("applied", 2)]
    with db.read() as session:
        assert ledger.acked_seq(session, "d1") == 2
    assert stored_fields(db, visit)["problem"] == "hail"


def test_an_entry_naming_another_device_is_still_refused(db: Database, caller: auth.Caller):
    stranger = {**compact_entry(full_create(1, str(uuid.uuid4()))), "device_id": "someone-else"}
    with pytest.raises(ApiError) as refused:
        push(db, caller, [stranger])
    assert refused.value.status == 403


def test_every_row_a_push_writes_gets_its_own_number_after_the_last_one(db: Database, caller: auth.Caller):
    first = [str(uuid.uuid4()) for _ in range(3)]
    push(db, caller, [full_create(i + 1, record_id) for i, record_id in enumerate(first)])
    with db.read() as session:
        before = changes.current(session)
    second = [str(uuid.uuid4()) for _ in range(4)]
    entries = [compact_entry(full_create(4 + i, record_id)) for i, record_id in enumerate(second)]
    entries.append({"seq": 8, "record_type": "visit", "record_id": first[0], "kind": "update", "base_revision": 1,
                    "time": dt.datetime.now(dt.UTC).isoformat(), "changes": {"advice": {"old": "spray neem oil",
                                                                                       "new": "replant"}}})
    push(db, caller, entries)
    with db.read() as session:
        after = changes.current(session)
        numbers = {record_id: seq for record_id, seq in session.execute(
            select(Record.record_id, Record.change_seq).where(Record.record_type == "visit"))}
    # one run of numbers above the first push's (dense on SQLite; from the transaction id on PostgreSQL)
    got = sorted(numbers[r] for r in [*second, first[0]])
    assert got == list(range(got[0], got[0] + len(got))) and before < got[0] and got[-1] <= after
    assert all(numbers[r] <= before for r in first[1:])


def test_a_compact_entry_whose_record_type_is_no_name_is_rejected_on_its_own(db: Database, caller: auth.Caller):
    shapes = [[1], {"visit": 1}, None, 5]
    entries = [{"seq": i + 1, "record_type": shape, "record_id": "r", "kind": "create", "values": {"problem": "x"},
                "time": "2026-06-10T08:00:00Z"} for i, shape in enumerate(shapes)]
    assert push(db, caller, entries) == [("rejected", None)] * len(shapes)
    with db.read() as session:
        assert ledger.acked_seq(session, "d1") == len(shapes)
