"""A server restarted mid-sync, a sync process killed mid-way, a revoked device, an outdated client:
nothing is lost or doubled, and the user is told what to do."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from desktop.domain.records import Visit
from desktop.services.sync_service import SyncService
from sync.client.credentials import CredentialStore
from sync.client.errors import SyncErrorKind
from sync.client.transport import Transport
from sync.domain.vocabulary import Role
from sync.protocol import HEADER_PROTOCOL
from sync.server.services import admin
from tests.factories import household, visit
from tests.server.conftest import REPO
from tests.sync.harness import (
    assert_converged,
    ledger_size,
    outbox_size,
    server_records,
)
from tests.sync.memory_keyring import FileKeyring


def a_week_of_work(device, visits: int) -> None:
    h, _ = device.records.save(household())
    for i in range(visits):
        device.records.save(visit(household_ids=(h.id,), problem=f"问题{i}", advice=f"建议{i}" * 10))


def test_a_server_killed_and_restarted_mid_push_loses_and_doubles_nothing(make_device, station, server_db,
                                                                          sync_server):
    wang = make_device("wang", station)
    a_week_of_work(wang, 1500)  # three push batches

    def crash_and_restart():  # once the server is part-way through the pushed entries
        deadline = time.monotonic() + 60
        while ledger_size(server_db, wang.service.local.device_id()) == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        sync_server.stop(kill=True)
        time.sleep(0.5)
        sync_server.start()

    crash = threading.Thread(target=crash_and_restart)
    crash.start()
    report = wang.sync()
    crash.join()
    print("server killed mid-push:", report.summary())
    assert report.error.kind == SyncErrorKind.OFFLINE  # three quick retries do not outlast a restart
    assert 0 < ledger_size(server_db, wang.service.local.device_id()) < 1501
    wang.sync_ok()
    assert ledger_size(server_db, wang.service.local.device_id()) == outbox_size(wang) == 1501
    assert_converged(server_db, wang)


def test_a_server_killed_mid_pull_is_caught_up_by_the_next_sync(make_device, station, server_db, sync_server):
    wang = make_device("wang", station)
    a_week_of_work(wang, 1200)
    wang.sync_ok()
    li = make_device("li", station, Role.STATION_MANAGER)
    pages = []

    def kill_after_first_page(progress):
        pages.append(progress)
        if len(pages) == 1:
            sync_server.stop(kill=True)

    report = li.sync(progress=kill_after_first_page)
    assert report.error.kind == SyncErrorKind.OFFLINE
    assert 0 < report.pulled < 1201
    sync_server.start()
    li.sync_ok()
    assert_converged(server_db, wang, li)


def test_a_sync_process_killed_mid_way_is_finished_by_the_next_sync(make_device, station, server_db, sync_server,
                                                                     tmp_path, monkeypatch):
    keyring_file = tmp_path / "keyring.json"
    monkeypatch.setenv("FIELDBOOK_TEST_KEYRING", str(keyring_file))
    wang = make_device("wang", station, signed_in=False)
    wang.service = SyncService(wang.store, CredentialStore(FileKeyring()))
    wang.service.sign_in(sync_server.base_url, wang.username, "correct horse battery")
    a_week_of_work(wang, 2500)
    held = []
    for _ in range(2):  # killed twice, each time while a push is under way
        env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.sync.memory_keyring.FileKeyring",
               "PYTHONPATH": str(REPO)}
        process = subprocess.Popen([sys.executable, "-m", "desktop.sync_cli", "--profile", str(wang.profile.folder)],
                                   cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        before = held[-1] if held else 0
        deadline = time.monotonic() + 60
        while ledger_size(server_db, wang.service.local.device_id()) == before and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        held.append(ledger_size(server_db, wang.service.local.device_id()))
    print("entries on the server after each kill:", held)
    assert 0 < held[0] < held[1] < 2501, "the kills did not land mid-push"
    wang.sync_ok()
    assert ledger_size(server_db, wang.service.local.device_id()) == outbox_size(wang) == 2501
    assert_converged(server_db, wang)


def test_a_revoked_device_is_refused_with_a_clear_message_and_keeps_its_work(make_device, station, server_db):
    wang = make_device("wang", station)
    wang.records.save(household())
    wang.sync_ok()
    v, _ = wang.records.save(visit(household_ids=("h-1",)))
    admin.revoke_device(server_db, wang.service.local.device_id())
    report = wang.sync()
    assert report.error.kind == SyncErrorKind.REVOKED
    assert "revoked by an administrator" in report.error.message
    assert not wang.service.signed_in()  # asked to sign in again, which the server refuses too
    assert wang.service.local.pending_count() == 1
    assert wang.records.get(Visit, v.id) is not None
    assert ("visit", v.id) not in server_records(server_db)


def test_an_outdated_client_is_told_to_upgrade(make_device, station):
    wang = make_device("wang", station)

    def old_client(config, token):
        transport = Transport(config, token)
        transport._session.headers[HEADER_PROTOCOL] = "0"
        return transport

    wang.service._transport_factory = old_client
    report = wang.sync()
    assert report.error.kind == SyncErrorKind.UPGRADE_REQUIRED
    assert report.error.message == "This version of Fieldbook is too old for the server; please upgrade."


@pytest.mark.parametrize("records", [0, 30])
def test_a_sync_with_nothing_to_do_is_one_round_trip_under_2_kb(make_device, station, sync_server, records):
    from tests.sync.netsim import NetSim

    proxy = NetSim(sync_server.port)
    try:
        wang = make_device("wang", station, server_url=proxy.url)
        for i in range(records):
            wang.records.save(household(name=f"户{i}"))
        wang.sync_ok()
        proxy.reset_traffic()
        report = wang.sync_ok()
        traffic = proxy.reset_traffic()
        print(f"no-op sync: {traffic}")
        assert (traffic.requests, traffic.connections, report.requests) == (1, 1, 1)
        assert traffic.total <= 2048
    finally:
        proxy.close()
