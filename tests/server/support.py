"""Test helpers: a running server process, logged-in devices that build outbox entries, and a
``World`` that makes stations and users through the server's data layer."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.domain.vocabulary import RecordType, Role
from sync.protocol import HEADER_PROTOCOL, PROTOCOL_VERSION
from sync.server import cli
from sync.server.clock import utcnow
from sync.server.entry_planner import RowWrite
from sync.server.scope import Audience, RowScope
from sync.server.services import admin
from sync.server.store import records
from sync.server.store.database import Database

PASSWORD = "correct horse battery"
API_HEADERS = {HEADER_PROTOCOL: str(PROTOCOL_VERSION)}
_names = itertools.count(1)


@dataclass
class RunningServer:
    backend: str
    base_url: str
    database_url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log_path: Path

    def url(self, path: str) -> str:
        return self.base_url + path


@dataclass(frozen=True)
class Account:
    username: str
    user_id: str
    role: Role
    station: str | None


@dataclass
class DeviceClient:
    """One logged-in device: builds outbox entries with its own seq numbers and talks HTTP."""

    server: RunningServer
    account: Account
    device_id: str
    token: str
    epoch: str
    http: requests.Session = field(default_factory=requests.Session)
    seq: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def user_id(self) -> str:
        return self.account.user_id

    @property
    def headers(self) -> dict[str, str]:
        return {**API_HEADERS, "Authorization": f"Bearer {self.token}"}

    def entry(self, record_type: RecordType | str, record_id: str, kind: str, base_revision: int,
              changes: dict[str, Any]) -> dict[str, Any]:
        return {"device_id": self.device_id, "seq": next(self.seq), "record_type": str(record_type),
                "record_id": record_id, "kind": kind, "base_revision": base_revision,
                "changes": changes, "time": dt.datetime.now(dt.UTC).isoformat()}

    def create(self, record_type: RecordType | str, fields: dict[str, Any],
               record_id: str | None = None) -> dict[str, Any]:
        return self.entry(record_type, record_id or str(uuid.uuid4()), "create", 0,
                          {name: {"old": None, "new": value} for name, value in fields.items()})

    def update(self, record_type: RecordType | str, record_id: str, base_revision: int,
               changes: dict[str, tuple[Any, Any]]) -> dict[str, Any]:
        return self.entry(record_type, record_id, "update", base_revision,
                          {name: {"old": old, "new": new} for name, (old, new) in changes.items()})

    def delete(self, record_type: RecordType | str, record_id: str, base_revision: int) -> dict[str, Any]:
        return self.entry(record_type, record_id, "delete", base_revision, {"deleted": {"old": False, "new": True}})

    def push_response(self, entries: list[dict[str, Any]]) -> requests.Response:
        return self.http.post(self.server.url("/api/v1/sync/push"), json={"entries": entries},
                              headers=self.headers, timeout=60)

    def push(self, *entries: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.push_response(list(entries))
        assert response.status_code == 200, response.text
        return response.json()["results"]

    def push_one(self, entry: dict[str, Any]) -> dict[str, Any]:
        return self.push(entry)[0]

    def pull(self, cursor: int = 0, limit: int | None = None) -> dict[str, Any]:
        params = {"cursor": cursor} | ({"limit": limit} if limit else {})
        response = self.http.get(self.server.url("/api/v1/sync/pull"), params=params, headers=self.headers,
                                 timeout=60)
        assert response.status_code == 200, response.text
        return response.json()

    def pull_all(self, record_type: RecordType | None = None) -> dict[str, dict[str, Any]]:
        """Every record this device may see, as record_id -> change (optionally of one type)."""
        seen: dict[str, dict[str, Any]] = {}
        cursor = 0
        while True:
            page = self.pull(cursor)
            for change in page["changes"]:
                if record_type is None or change["record_type"] == record_type:
                    seen[change["record_id"]] = change
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return seen


class World:
    """Stations, users and devices for one test, with names no other test uses."""

    def __init__(self, server: RunningServer, db: Database):
        self.server = server
        self.db = db

    def station(self, county: str = "150125") -> str:
        code = f"T{next(_names):04d}-{uuid.uuid4().hex[:6]}"
        admin.add_station(self.db, code, f"Test station {code}", county)
        return code

    def user(self, role: Role = Role.SPECIALIST, station: str | None = None, county: str | None = None,
             league: str | None = None) -> Account:
        username = f"{role.value[:4]}{next(_names)}-{uuid.uuid4().hex[:6]}"
        user_id = admin.add_user(self.db, username, f"Name of {username}", role, PASSWORD,
                                 admin.Area(station=station, county=county, league=league))
        return Account(username, user_id, role, station)

    def login(self, account: Account, device_id: str | None = None) -> DeviceClient:
        device_id = device_id or f"dev-{uuid.uuid4()}"
        response = login(self.server, account.username, PASSWORD, device_id)
        assert response.status_code == 200, response.text
        body = response.json()
        return DeviceClient(self.server, account, device_id, body["token"], body["server_epoch"])

    def device(self, role: Role = Role.SPECIALIST, station: str | None = None, county: str | None = None,
               league: str | None = None) -> DeviceClient:
        return self.login(self.user(role, station, county, league))


def store_as_an_older_server(db: Database, record_type: RecordType, fields: dict[str, Any], station: str,
                             audience: Audience = Audience.STATION, owner_id: str = "u-older-client") -> str:
    """Write a record straight through the server's data layer, unchecked, as a server from before
    the shared rules would have stored a push; returns its id (revision 1, numbered for pull)."""
    record_id, now = str(uuid.uuid4()), utcnow()
    scope = RowScope(audience, owner_id, station)
    stamped = {"deleted": False, "created_at": now.isoformat(), "updated_at": now.isoformat(), "author_id": owner_id,
               "station_id": station, **fields}
    with db.write() as session:
        write = RowWrite(record_type.value, record_id, 1, stamped, scope, is_new=True)
        records.number(session, records.stage(session, [write], now))
    return record_id


def login(server: RunningServer, username: str, password: str, device_id: str,
          headers: dict[str, str] | None = None) -> requests.Response:
    return requests.post(server.url("/api/v1/auth/login"), headers=API_HEADERS if headers is None else headers,
                         json={"username": username, "password": password, "device_id": device_id,
                               "device_name": "test laptop"}, timeout=30)


def recent_day(days_ago: int = 30) -> str:
    """A date the rules accept today (a visit may be dated at most two years back)."""
    return (dt.date.today() - dt.timedelta(days=days_ago)).isoformat()


def visit_fields(**overrides: Any) -> dict[str, Any]:
    """A visit as a desktop client would create it (it passes the rules of sync.domain.rules)."""
    return {"visit_date": recent_day(), "mode": "onsite", "duration_hours": 2.5, "village_code": "150125100200",
            "household_ids": ["household-1"], "service_types": ["guidance"], "industry": "茶叶", "problem": "aphids on leaves",
            "advice": "spray neem oil", "follow_up_date": None, "latitude": None, "longitude": None,
            "photo_ids": [], "review_state": "draft", "end_date": None, "author_id": "", "station_id": None,
            "demonstration_id": None,
            "deleted": False,
            "created_at": "2024-05-01T08:00:00", "updated_at": "2024-05-01T08:00:00", **overrides}


def household_fields(**overrides: Any) -> dict[str, Any]:
    return {"name": "王建国", "kind": "farmer", "phone": "13800000000", "village_code": "150125100200",
            "industries": ["茶叶"], "livestock_head": 30, "land_mu": 12.5, "notes": "", "contact_consent": True,
            "deleted": False, **overrides}


def demo_base_fields(**overrides: Any) -> dict[str, Any]:
    """A demonstration base as a desktop client would create it (in 武川县, 150125)."""
    return {"name": "可可以力更镇马铃薯示范基地", "kind": "planting", "county_code": "150125", "township_code": "",
            "village_code": "150125100200", "industry": "马铃薯", "specialist_id": "someone", "area_mu": 300.0,
            "scale": "", "description": "", "latitude": None, "longitude": None, "review_state": "draft",
            "year_established": 2024, "author_id": "", "station_id": None, "deleted": False, **overrides}


def run_in_process(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str,
                   stdin: str = "") -> tuple[int, str, str]:
    """The CLI's main() as the console script runs it, without paying for a new interpreter."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        status = cli.main(list(args))
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err
