"""After a restore from backup the server's ledger lacks the entries pushed since the backup; a push
made before the device saw the new epoch lands above that gap. The acknowledged seq the server
reports must stop below the gap, so the device resends exactly what the server lost."""

from __future__ import annotations

import subprocess

import pytest

from desktop.domain.records import Household
from sync.client.transport import Transport
from sync.domain.vocabulary import RecordType, Role
from sync.server.services import admin
from tests.factories import household
from tests.faults.checks import assert_identical
from tests.server.conftest import REPO, server_command
from tests.server.support import household_fields
from tests.sync.harness import server_records
from tests.sync.test_sync_epochs import (
    _copy_database,  # backup / restore of a stopped server's database
)


def test_acked_seq_is_the_highest_seq_with_none_missing_below(world):
    device = world.device(Role.SPECIALIST, world.station())
    entries = [device.create(RecordType.HOUSEHOLD, household_fields()) for _ in range(7)]
    assert device.push_response(entries[:3]).json()["acked_seq"] == 3
    held = device.push_response(entries[6:]).json()  # 4..6 lost with the restore
    # 7 is held back, not applied above the gap, and the answer says so and from where to resend
    assert held["acked_seq"] == 3 and [(r["seq"], r["status"]) for r in held["results"]] == [(7, "held")]
    assert "send again from seq 4" in held["results"][0]["reason"]
    assert device.pull()["acked_seq"] == 3
    assert device.push_response(entries[3:6]).json()["acked_seq"] == 6
    assert [r["status"] for r in device.push_response(entries[6:]).json()["results"]] == ["applied"]
    assert device.pull()["acked_seq"] == 7


def test_acked_seq_is_0_when_the_first_entry_is_missing(world):
    device = world.device(Role.SPECIALIST, world.station())
    entries = [device.create(RecordType.HOUSEHOLD, household_fields()) for _ in range(3)]
    assert device.push_response(entries[1:]).json()["acked_seq"] == 0


def test_after_a_restore_and_new_epoch_a_push_resends_only_what_the_server_lost(make_device, station, server_db,
                                                                               sync_server, monkeypatch):
    wang = make_device("wang", station)
    kept = [wang.records.save(_household(i))[0] for i in range(3)]  # seqs 1..3
    wang.sync_ok()
    sync_server.stop()
    _copy_database(sync_server, server_db, "", "_backup")  # the night's backup
    sync_server.start()
    lost = [wang.records.save(_household(10 + i))[0] for i in range(2)]  # seqs 4, 5
    wang.sync_ok()

    sync_server.stop()  # the disk fails; the backup is restored, the operator renews the epoch
    _copy_database(sync_server, server_db, "_backup", "")
    renewed = subprocess.run(server_command("db", "new-epoch", "--db", sync_server.database_url),
                             cwd=REPO, capture_output=True, text=True, timeout=60, check=False)
    assert renewed.returncode == 0, renewed.stderr
    sync_server.start()
    assert not {("household", h.id) for h in lost} & set(server_records(server_db))

    pushed: list[list[int]] = []
    later, _ = wang.records.save(_household(20))  # seq 6: its push is the first to see the new epoch
    original = Transport.push
    monkeypatch.setattr(Transport, "push", lambda self, request: (
        pushed.append([e.seq for e in request.entries]), original(self, request))[1])
    report = wang.sync_ok()
    assert report.epoch_changed
    assert pushed == [[6], [4, 5, 6]]  # 6 held back above the gap, then sent after 4, 5; never 1..3 again
    assert {("household", h.id) for h in [*kept, *lost, later]} <= set(server_records(server_db))
    assert_identical(server_db, wang)
    assert wang.records.get(Household, lost[0].id) is not None


def _household(i: int):
    return household(name=f"恢复测试{i}户", phone=f"1390000{i:04d}")


@pytest.mark.parametrize("new_epoch", [True, False], ids=["new epoch", "operator forgot the new epoch"])
def test_an_edit_pushed_before_the_device_saw_a_restore_is_not_applied_before_what_the_server_lost(
        make_device, station, server_db, sync_server, new_epoch):
    wang = make_device("wang", station)
    h, _ = wang.records.save(_household(1))
    wang.sync_ok()
    sync_server.stop()
    _copy_database(sync_server, server_db, "", "_backup")
    sync_server.start()
    wang.records.save(wang.records.get(Household, h.id).with_changes(notes="备份之后"))
    wang.sync_ok()
    sync_server.stop()
    _copy_database(sync_server, server_db, "_backup", "")
    if new_epoch:
        admin.renew_epoch(server_db)
    sync_server.start()

    wang.records.save(wang.records.get(Household, h.id).with_changes(notes="恢复之后"))
    report = wang.sync_ok()
    assert report.epoch_changed and report.conflicts == 0
    assert server_records(server_db)[("household", h.id)]["notes"] == "恢复之后"
    assert not [k for k in server_records(server_db) if k[0] == "conflict"]
    assert_identical(server_db, wang)
