"""The plan's targets on the server: shipped values imported, changed by a region admin from the
command line or the API, refused to everyone else, and offered to devices on pull only when they differ."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.domain.vocabulary import Role
from sync.protocol import TARGETS_PATH
from sync.server.services import admin, reference_import
from sync.server.services import targets as target_service
from sync.server.store import migrate
from sync.server.store.database import Database

from .conftest import fresh_database
from .support import RunningServer, World, run_in_process

SHIPPED = reference_import.default_reference_dir()


def shipped_value(key: str) -> float:
    return next(t["value"] for t in json.loads((SHIPPED / "targets.json").read_text(encoding="utf-8"))
                if t["key"] == key)


@pytest.fixture(scope="module")
def reference_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped stations and targets (the divisions are left out: they take long and do not matter here)."""
    directory = tmp_path_factory.mktemp("reference")
    for name in ("stations.json", "targets.json"):
        shutil.copy(SHIPPED / name, directory / name)
    return directory


@pytest.fixture(scope="module")
def imported(server: RunningServer, server_db: Database, reference_dir: Path) -> RunningServer:
    reference_import.import_reference(server_db, reference_dir)
    return server


def listed(out: str) -> dict[str, list[str]]:
    return {line.split("\t")[0]: line.split("\t") for line in out.splitlines() if "\t" in line}


def api_targets(server: RunningServer, headers: dict[str, str]) -> dict[str, Any]:
    response = requests.get(server.url(TARGETS_PATH), headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def patch(server: RunningServer, headers: dict[str, str], body: Any) -> requests.Response:
    return requests.patch(server.url(TARGETS_PATH), json=body, headers=headers, timeout=30)


# --- command line -----------------------------------------------------------------------------

def test_target_set_changes_the_value_and_reimporting_keeps_it(imported: RunningServer, reference_dir: Path,
                                                               capsys, monkeypatch):
    db = ("--db", imported.database_url)
    status, out, _ = run_in_process(capsys, monkeypatch, "target", "list", *db)
    assert status == 0
    before = listed(out)
    assert float(before["workstations"][1]) == shipped_value("workstations")
    assert before["workstations"][5] == "as shipped"
    version_before = int(out.strip().splitlines()[-1].split()[-1])

    status, out, err = run_in_process(capsys, monkeypatch, "target", "set", "workstations", "150", *db)
    assert status == 0, err
    assert "workstations = 150" in out

    status, out, _ = run_in_process(capsys, monkeypatch, "import-reference", "--dir", str(reference_dir), *db)
    assert status == 0 and "0 targets added or changed" in out
    status, out, _ = run_in_process(capsys, monkeypatch, "target", "list", *db)
    after = listed(out)
    assert after["workstations"][1] == "150"
    assert after["workstations"][5].startswith("set by console:")
    assert int(out.strip().splitlines()[-1].split()[-1]) == version_before + 1
    assert after["demonstration_bases"][1:4] == before["demonstration_bases"][1:4]


@pytest.mark.parametrize(("key", "value", "message"), [
    ("no_such_target", "10", "no target 'no_such_target'"),
    ("workstations", "-5", "from 0 to"),
    ("workstations", "many", "should be a number, not 'many'"),
    ("workstations", "nan", "from 0 to"),
])
def test_target_set_refuses_an_unknown_key_or_a_bad_value_and_changes_nothing(
        imported: RunningServer, capsys, monkeypatch, key: str, value: str, message: str):
    db = ("--db", imported.database_url)
    before = run_in_process(capsys, monkeypatch, "target", "list", *db)[1]
    status, out, err = run_in_process(capsys, monkeypatch, "target", "set", key, value, *db)
    assert status == 1 and out == ""
    assert err.startswith("fieldbook-server: error: ") and message in err
    assert run_in_process(capsys, monkeypatch, "target", "list", *db)[1] == before


# --- API --------------------------------------------------------------------------------------

def test_any_signed_in_user_reads_the_targets(imported: RunningServer, world: World):
    specialist = world.device(Role.SPECIALIST, world.station())
    body = api_targets(imported, specialist.headers)
    by_key = {t["key"]: t for t in body["targets"]}
    assert body["version"] >= 1 and len(by_key) == 19
    assert by_key["households_served"]["unit"] == "户" and by_key["households_served"]["scope"] == "region"
    assert by_key["onsite_days_per_specialist"]["value"] == shipped_value("onsite_days_per_specialist")
    assert max(t["revision"] for t in body["targets"]) == body["version"]
    assert requests.get(imported.url(TARGETS_PATH), headers={"X-Fieldbook-Protocol": "1"},
                        timeout=30).json()["code"] == "unauthorized"


def test_a_region_admin_changes_several_values_at_once_and_who_and_when_are_kept(imported: RunningServer,
                                                                                  world: World):
    account = world.user(Role.REGION_ADMIN)
    admin = world.login(account)
    before = api_targets(imported, admin.headers)
    response = patch(imported, admin.headers, {"values": {"households_served": 120000, "people_trained": 6000.5}})
    assert response.status_code == 200, response.text
    body = response.json()
    by_key = {t["key"]: t for t in body["targets"]}
    assert body["version"] == before["version"] + 1
    assert by_key["households_served"]["value"] == 120000 and by_key["people_trained"]["value"] == 6000.5
    assert by_key["households_served"]["updated_by"] == account.username
    assert by_key["households_served"]["revision"] == body["version"] and by_key["households_served"]["updated_at"]
    assert api_targets(imported, admin.headers) == body
    again = patch(imported, admin.headers, {"values": {"households_served": 120000}})
    assert again.json()["version"] == body["version"], "setting the same value is not a change"


@pytest.mark.parametrize("role", [Role.SPECIALIST, Role.STATION_MANAGER, Role.COUNTY_ADMIN, Role.LEAGUE_ADMIN])
def test_only_a_region_admin_may_change_a_target(imported: RunningServer, world: World, role: Role):
    station = world.station() if role in (Role.SPECIALIST, Role.STATION_MANAGER) else None
    device = world.login(world.user(role, station, county="150125" if role is Role.COUNTY_ADMIN else None,
                                    league="1501" if role is Role.LEAGUE_ADMIN else None))
    before = api_targets(imported, device.headers)
    response = patch(imported, device.headers, {"values": {"households_served": 1}})
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    assert api_targets(imported, device.headers) == before


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"values": {"households_served": -1}}, 422, "invalid_request"),
    ({"values": {"households_served": "120000"}}, 422, "invalid_request"),
    ({"values": {"households_served": True}}, 422, "invalid_request"),
    ({"values": {"households_served": 1e12}}, 422, "invalid_request"),
    ({"values": {}}, 422, "invalid_request"),
    ({"value": 3}, 422, "invalid_request"),
    ({"values": {"households_served": 7, "no_such_target": 1}}, 404, "not_found"),
])
def test_a_bad_value_or_an_unknown_key_is_refused_with_a_code_and_nothing_changes(
        imported: RunningServer, world: World, body: Any, status: int, code: str):
    admin = world.device(Role.REGION_ADMIN)
    before = api_targets(imported, admin.headers)
    response = patch(imported, admin.headers, body)
    assert (response.status_code, response.json()["code"]) == (status, code), response.text
    assert response.json()["detail"]
    assert api_targets(imported, admin.headers) == before


# --- pull -------------------------------------------------------------------------------------

def test_pull_carries_the_targets_only_when_the_device_version_differs(imported: RunningServer, world: World):
    device = world.device(Role.SPECIALIST, world.station())
    version = api_targets(imported, device.headers)["version"]

    def pull(**params: Any) -> dict[str, Any]:
        response = requests.get(imported.url("/api/v1/sync/pull"), params={"cursor": 0, **params},
                                headers=device.headers, timeout=30)
        assert response.status_code == 200, response.text
        return response.json()

    fresh = pull(targets_version=0)
    assert fresh["targets_version"] == version and len(fresh["targets"]) == 19
    assert pull(targets_version=version + 5)["targets"], "a device ahead of a restored server takes its targets"
    current = pull(targets_version=version)
    assert current["targets_version"] == version and "targets" not in current
    plain = pull()
    assert "targets_version" not in plain and "targets" not in plain, "protocol 1 answers stay as they were"


# --- upgrade ----------------------------------------------------------------------------------

def test_a_server_upgraded_to_editable_targets_gets_the_shipped_ones_at_its_next_start(backend: str, tmp_path: Path):
    with fresh_database(backend, tmp_path) as url:
        db = Database(url)
        try:
            migrate.upgrade(db, "0002")
            admin.add_station(db, "WS-1", "老站", "150125")
            migrate.upgrade(db)
            assert target_service.import_if_empty(db, SHIPPED) == 19
            assert target_service.import_if_empty(db, SHIPPED) is None
            listing = target_service.current(db)
            assert listing.version == 1 and {t.updated_by for t in listing.targets} == {None}
        finally:
            db.dispose()
