"""A device's pull, the call a sync makes most, checks its token and reads its page in one
transaction of four statements, and writes the device's last-seen time only every few minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, select, update

from sync.protocol import LoginRequest
from sync.server.errors import ApiError
from sync.server.services import auth
from sync.server.services import pull as pull_service
from sync.server.store.database import Database
from sync.server.store.models import Device
from tests.server.conftest import BACKENDS, one_specialist
from tests.server.support import PASSWORD


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    with one_specialist(request.param, tmp_path) as database:
        yield database


def _token(db: Database) -> str:
    return auth.login(db, LoginRequest(username="wang", password=PASSWORD, device_id="d1", device_name="laptop")).token


class _Counted:
    """Transactions begun and statements run on the engine while the block runs."""

    def __init__(self, db: Database):
        self.db, self.transactions, self.statements = db, 0, []

    def __enter__(self) -> _Counted:
        event.listen(self.db.engine, "begin", self._begin)
        event.listen(self.db.engine, "before_cursor_execute", self._statement)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.db.engine, "begin", self._begin)
        event.remove(self.db.engine, "before_cursor_execute", self._statement)

    def _begin(self, _connection: object) -> None:
        self.transactions += 1

    def _statement(self, _conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):  # SQLite's own, sent by the begin hook
            self.statements.append(statement)


def _last_seen(db: Database) -> dt.datetime | None:
    with db.read() as session:
        return session.execute(select(Device.last_seen_at).where(Device.id == "d1")).scalar_one()


def test_a_no_op_pull_is_one_transaction_of_four_statements(db: Database):
    token = _token(db)
    first = pull_service.pull_with_token(db, token, 0)
    with _Counted(db) as counted:
        page = pull_service.pull_with_token(db, token, first.next_cursor)
    assert page.changes == [] and not page.has_more
    # the caller by its token, the watermark, the page, the acked seq: one transaction, nothing written
    assert counted.transactions == 1 and len(counted.statements) == 4, counted.statements


def test_the_device_is_marked_seen_once_every_few_minutes(db: Database):
    token = _token(db)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    with db.write() as session:
        session.execute(update(Device).where(Device.id == "d1").values(last_seen_at=long_ago))
    with _Counted(db) as counted:
        pull_service.pull_with_token(db, token, 0)
    seen = _last_seen(db)
    assert seen is not None and seen.replace(tzinfo=seen.tzinfo or dt.UTC) > long_ago + dt.timedelta(minutes=59)
    assert counted.transactions == 2, "the page's transaction, then the write of the last-seen time"
    with _Counted(db) as counted:
        pull_service.pull_with_token(db, token, 0)
    assert counted.transactions == 1 and _last_seen(db) == seen, "seen a moment ago: not written again"


@pytest.mark.parametrize("token", [None, "", "not-a-token"])
def test_a_pull_without_a_valid_token_is_refused_before_any_page_is_read(db: Database, token: str | None):
    _token(db)
    with _Counted(db) as counted, pytest.raises(ApiError) as refused:
        pull_service.pull_with_token(db, token, 0)
    assert refused.value.status == 401
    assert not any("records" in statement for statement in counted.statements)
