"""Scope rules as pure functions, and the SQL the pull runs agreeing with them on every combination."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import insert, select

from sync.domain.vocabulary import Role
from sync.server.scope import Audience, RowScope, Viewer, can_read, write_denial
from sync.server.store import migrate, records
from sync.server.store.database import Database
from sync.server.store.models import Record
from sync.server.store.visibility import visible_to

from .conftest import BACKENDS, fresh_database

ALICE = Viewer("alice", Role.SPECIALIST, "WS-1", "150125", "1501")
#: Every role with and without a station, county and league of its own.
VIEWERS = [Viewer(*combo) for combo in itertools.product(
    ["alice", "bob"], list(Role), ["WS-1", "WS-2", None], ["150125", None], ["1501", None])]


def row(audience: Audience = Audience.AUTHOR, owner: str | None = "alice", station: str | None = "WS-1",
        county: str | None = "150125", league: str | None = "1501") -> RowScope:
    return RowScope(audience, owner, station, county, league)


def test_a_specialist_reads_own_records_and_station_households_only():
    assert can_read(ALICE, row())
    assert not can_read(ALICE, row(owner="bob"))
    assert can_read(ALICE, row(Audience.STATION, owner="bob"))
    assert not can_read(ALICE, row(Audience.STATION, owner="bob", station="WS-2"))
    assert can_read(ALICE, row(Audience.PUBLIC, owner=None, station="WS-9"))


def test_conflicts_are_for_their_author_and_the_station_managers_only():
    conflict = row(Audience.PRIVATE, owner="bob")
    assert can_read(Viewer("bob", Role.SPECIALIST, "WS-1"), conflict)
    assert can_read(Viewer("boss", Role.STATION_MANAGER, "WS-1"), conflict)
    assert not can_read(ALICE, conflict)
    assert not can_read(Viewer("c", Role.COUNTY_ADMIN, county_code="150125"), conflict)
    assert not can_read(Viewer("r", Role.REGION_ADMIN), conflict)


def test_offices_read_within_their_area_and_write_nothing():
    county = Viewer("c", Role.COUNTY_ADMIN, county_code="150125", league_code="1501")
    league = Viewer("l", Role.LEAGUE_ADMIN, league_code="1502")
    assert can_read(county, row(owner="bob")) and not can_read(county, row(owner="bob", county="150105"))
    assert not can_read(league, row(owner="bob"))
    for office in (county, league, Viewer("r", Role.REGION_ADMIN)):
        assert write_denial(office, row(owner=office.user_id)) == f"the {office.role.value} role is read-only"


def test_writes_stay_inside_the_station_and_a_specialists_own_work():
    manager = Viewer("boss", Role.STATION_MANAGER, "WS-1")
    assert write_denial(ALICE, row()) is None
    assert write_denial(ALICE, row(Audience.STATION, owner="bob")) is None
    assert write_denial(ALICE, row(owner="bob")) == "the record belongs to another specialist"
    assert write_denial(ALICE, row(station="WS-2")).startswith("the record belongs to station WS-2")
    assert write_denial(manager, row(owner="bob")) is None
    assert write_denial(manager, row(Audience.PUBLIC, owner=None)) == "reference data is read-only"
    assert write_denial(Viewer("x", Role.SPECIALIST), row()) == "your account belongs to no station"


@pytest.fixture(scope="module", params=BACKENDS)
def scoped_rows(request: pytest.FixtureRequest,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, list[RowScope]]]:
    with fresh_database(request.param, tmp_path_factory.mktemp("scope")) as url:
        db = Database(url)
        migrate.upgrade(db)
        yield from _with_every_scope(db)


def _with_every_scope(db: Database) -> Iterator[tuple[Database, list[RowScope]]]:
    scopes = [RowScope(*combo) for combo in itertools.product(
        list(Audience), ["alice", "bob", None], ["WS-1", "WS-2", None], ["150125", "150105", None],
        ["1501", "1502", None])]
    now = dt.datetime.now(dt.UTC)
    with db.write() as session:
        session.execute(insert(Record), [
            {"record_type": "visit", "record_id": str(i), "revision": 1, "change_seq": i, "author_id": scope.owner_id,
             "owner_id": scope.owner_id, "audience": scope.audience.value, "station_id": scope.station_id,
             "county_code": scope.county_code, "league_code": scope.league_code, "deleted": False, "fields": {},
             "server_updated_at": now} for i, scope in enumerate(scopes)])
    yield db, scopes
    db.dispose()


def test_the_pull_query_selects_exactly_the_rows_scope_allows(scoped_rows: tuple[Database, list[RowScope]]):
    db, scopes = scoped_rows
    with db.read() as session:
        for viewer in VIEWERS:
            selected = {int(i) for i in session.execute(select(Record.record_id).where(visible_to(viewer))).scalars()}
            expected = {i for i, scope in enumerate(scopes) if can_read(viewer, scope)}
            assert selected == expected, viewer


def test_a_pull_page_holds_exactly_the_rows_scope_allows(scoped_rows: tuple[Database, list[RowScope]]):
    """The pull's own statement, built once per role and reused with each viewer's values bound."""
    db, scopes = scoped_rows
    with db.read() as session:
        for viewer in VIEWERS:
            page = records.change_texts_after(session, viewer, -1, len(scopes) + 1, len(scopes) + 1)
            selected = {json.loads(change)["record_id"] for _seq, change in page}
            expected = {str(i) for i, scope in enumerate(scopes) if can_read(viewer, scope)}
            assert selected == expected, viewer
            assert [seq for seq, _change in page] == sorted(int(i) for i in expected), "in change order"
