"""One bad record never wedges a station: the server refuses it, and a device sets aside one it cannot store."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from desktop.domain.records import Household
from desktop.services.sync_service import SyncService
from sync.client.credentials import CredentialStore
from sync.domain.vocabulary import RecordType, Role
from tests.factories import VILLAGE, household
from tests.server.support import PASSWORD, household_fields, store_as_an_older_server
from tests.sync.memory_keyring import FileKeyring
from tests.sync.test_sync_cli import fieldbook_sync, keyring_file, log_lines  # noqa: F401 - fixture reused


def test_the_issues_nameless_household_is_rejected_and_the_station_keeps_syncing(make_device, station, world):
    """Device A pushes exactly the entry of the report (a crafted request); device B of the station syncs on."""
    a = world.login(world.user(Role.SPECIALIST, station))
    b = make_device("b", station)
    entry = {"seq": next(a.seq), "record_type": "household", "record_id": str(uuid.uuid4()), "kind": "create",
             "values": {"kind": "farmer"}, "time": dt.datetime.now(dt.UTC).isoformat()}
    response = a.push_response([entry])
    assert response.status_code == 200, response.text
    [result] = response.json()["results"]
    assert (result["status"], response.json()["acked_seq"]) == ("rejected", 1)
    assert "name: This field is required." in result["reason"]
    good = a.create(RecordType.HOUSEHOLD, household_fields(name="乌力吉", village_code=VILLAGE))
    assert a.push_one(good)["status"] == "applied"
    report = b.sync_ok()
    assert report.set_aside == 0 and report.pulled >= 1
    assert b.records.get(Household, good["record_id"]).name == "乌力吉"
    assert b.records.get(Household, entry["record_id"]) is None


@pytest.fixture
def older_servers_row(make_device, station, sync_server, server_db):
    """Wang's good records on the server, and between them a nameless household an older server
    stored unchecked (written straight through the server's data layer)."""
    wang = make_device("wang", station)
    first, _ = wang.records.save(household(name="张宝山"))
    wang.sync_ok()
    bad = store_as_an_older_server(server_db, RecordType.HOUSEHOLD,
                                   {**household_fields(village_code=VILLAGE), "name": None, "station_id": station}, station)
    second, _ = wang.records.save(household(name="李桂兰", phone="13947612345"))
    wang.sync_ok()
    return wang, bad, (first, second)


def test_fieldbook_sync_sets_the_bad_row_aside_receives_everything_else_and_exits_4(
        make_device, station, sync_server, keyring_file, older_servers_row):  # noqa: F811
    _wang, bad, (first, second) = older_servers_row
    zhao = make_device("zhao", station, signed_in=False)
    SyncService(zhao.store, CredentialStore(FileKeyring())).sign_in(sync_server.base_url, zhao.username, PASSWORD)
    result = fieldbook_sync(zhao)
    assert result.returncode == 4, result.stderr
    [line] = log_lines(result)
    assert "(set aside 1)" in line and "records set aside 1" in line
    assert zhao.records.get(Household, first.id).name == "张宝山"
    assert zhao.records.get(Household, second.id).name == "李桂兰"
    [kept] = zhao.service.overview().set_aside
    assert (kept.record_type, kept.record_id) == ("household", bad)
    assert "NOT NULL constraint failed: households.name" in kept.reason
    again = fieldbook_sync(zhao)  # the cursor moved on: nothing is pulled again, the row is still set aside
    assert again.returncode == 4 and "pulled 0 (set aside 0)" in log_lines(again)[0]
    assert "records set aside 1" in log_lines(again)[0]


def test_a_later_good_revision_of_the_bad_row_is_stored_and_leaves_the_list(make_device, station, world,
                                                                            older_servers_row):
    _wang, bad, _records = older_servers_row
    zhao = make_device("zhao", station)
    assert zhao.sync_ok().set_aside == 1
    manager = world.device(Role.STATION_MANAGER, station)
    fix = manager.update(RecordType.HOUSEHOLD, bad, 1, {"name": (None, "补录的名字")})
    assert manager.push_one(fix)["status"] == "applied"  # the rules hold for the record as it now is
    assert zhao.sync_ok().set_aside == 0, zhao.service.overview().set_aside
    assert zhao.service.overview().set_aside == []
    assert zhao.records.get(Household, bad).name == "补录的名字"
