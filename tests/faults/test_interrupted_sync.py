"""A sync interrupted anywhere — the line cut at a random byte of a push, a pull or an upload, the
server killed, the laptop's sync process killed — loses nothing and duplicates nothing: the next
sync finishes the job and the laptop, the server and a freshly pulled laptop hold the same records.

Runs per test: ``FIELDBOOK_FAULT_RUNS`` on PostgreSQL (default 6), a third of it on SQLite; the
full run is ``FIELDBOOK_FAULT_RUNS=200``. Each run is seeded by its number and can be replayed.
"""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import subprocess
import sys
import threading
import time

from desktop.services.photos import PhotoService
from desktop.services.sync_service import SyncService
from sync.client.credentials import CredentialStore
from sync.client.errors import SyncErrorKind
from sync.domain.vocabulary import Role
from tests.faults.checks import assert_identical
from tests.faults.conftest import runs_for
from tests.faults.workload import Workload
from tests.server.conftest import REPO
from tests.server.support import PASSWORD
from tests.sync.conftest import quick_transport
from tests.sync.memory_keyring import FileKeyring
from tests.sync.netsim import Link


def cut_at_random(netsim, rng: random.Random, direction: str, size: int) -> tuple[str, int, int, bool]:
    n = rng.randint(0, max(1, size))
    times = rng.randint(1, 4)  # up to one more cut than the transport has tries
    reset = rng.random() < 0.5
    netsim.cut(direction, n, times=times, reset=reset)
    return direction, n, times, reset


def assert_offline_at_worst(report, fault) -> None:
    assert report.error is None or report.error.kind == SyncErrorKind.OFFLINE, (fault, report.summary())


def test_a_push_cut_at_a_random_byte_is_finished_by_the_next_sync(make_device, world, server_db, netsim, backend):
    cut_runs = 0
    for run in range(runs_for(backend)):
        rng = random.Random(f"push-{run}")
        station = world.station(county="150422")
        wang = make_device(f"wang-{run}", station, server_url=netsim.url)
        work = Workload(wang, rng)
        work.add()
        netsim.reset_traffic()
        wang.sync_ok()
        measured = netsim.reset_traffic()  # a comparable sync's size, so the cuts land inside one
        work.add()
        direction = rng.choice(["up", "down"])
        cuts_before = netsim.cuts
        fault = cut_at_random(netsim, rng, direction, measured.up if direction == "up" else measured.down)
        report = wang.sync()
        netsim.disarm()
        assert_offline_at_worst(report, (run, fault))
        cut_runs += netsim.cuts > cuts_before
        wang.sync_ok()
        fresh = make_device(f"li-{run}", station, Role.STATION_MANAGER)
        fresh.sync_ok()
        assert_identical(server_db, wang, fresh)
    assert cut_runs >= runs_for(backend) // 2, "most cuts should land inside the sync"


def test_a_pull_cut_at_a_random_byte_is_finished_by_the_next_sync(make_device, world, server_db, netsim, backend):
    station = world.station(county="150422")
    wang = make_device("wang", station)
    work = Workload(wang, random.Random("pull"))
    work.add(records=120)
    wang.sync_ok()
    probe = make_device("probe", station, Role.STATION_MANAGER, server_url=netsim.url)
    netsim.reset_traffic()
    probe.sync_ok()
    size = netsim.reset_traffic().down
    for run in range(runs_for(backend)):
        rng = random.Random(f"pull-{run}")
        work.add()
        wang.sync_ok()
        manager = make_device(f"li-{run}", station, Role.STATION_MANAGER, server_url=netsim.url)
        fault = cut_at_random(netsim, rng, rng.choice(["up", "down", "down"]), size)
        report = manager.sync()
        netsim.disarm()
        assert_offline_at_worst(report, (run, fault))
        manager.sync_ok()
        assert_identical(server_db, wang, manager)
        assert_identical(server_db, manager)


def test_an_upload_cut_at_a_random_byte_is_finished_by_the_next_sync(make_device, world, server_db, netsim,
                                                                    backend, tmp_path):
    station = world.station(county="150422")
    wang = make_device("wang", station, server_url=netsim.url)
    li = make_device("li", station, Role.STATION_MANAGER)
    work = Workload(wang, random.Random("upload"))
    for run in range(runs_for(backend)):
        rng = random.Random(f"upload-{run}")
        work.add(records=1)
        wang.sync_ok()  # the visit first; the photo then waits for its attachment record
        photo = work.attach_photo(tmp_path)
        fault = cut_at_random(netsim, rng, rng.choice(["up", "up", "down"]), photo.size + 4000)
        report = wang.sync()
        netsim.disarm()
        assert_offline_at_worst(report, (run, fault))
        wang.sync_ok()
        assert wang.service.local.pending_uploads() == []
        li.sync_ok()
        assert PhotoService(li.store).read(photo.sha256) == PhotoService(wang.store).read(photo.sha256)
        assert_identical(server_db, wang, li)


def test_the_server_killed_mid_sync_loses_nothing(make_device, world, server_db, netsim, sync_server, backend):
    netsim.link = Link(latency_up=0.02, latency_down=0.02, bandwidth_up=2_000_000, bandwidth_down=2_000_000)
    for run in range(max(1, runs_for(backend) // 3)):
        rng = random.Random(f"server-kill-{run}")
        station = world.station(county="150422")
        wang = make_device(f"wang-{run}", station, server_url=netsim.url)
        work = Workload(wang, rng)
        work.add(records=rng.randint(40, 200))
        outcome: list = []
        syncing = threading.Thread(target=lambda out=outcome, device=wang: out.append(device.sync()), daemon=True)
        syncing.start()
        time.sleep(rng.uniform(0.0, 0.8))
        sync_server.stop(kill=True)
        syncing.join(timeout=120)
        assert not syncing.is_alive(), "a sync against a dead server must give up"
        sync_server.start()
        assert_offline_at_worst(outcome[0], run)
        wang.sync_ok()
        fresh = make_device(f"li-{run}", station, Role.STATION_MANAGER)
        fresh.sync_ok()
        server_db.dispose()  # its pooled connections died with the server
        assert_identical(server_db, wang, fresh)


def test_the_sync_process_killed_at_a_random_moment_loses_nothing(make_device, world, server_db, netsim, backend,
                                                                  tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDBOOK_TEST_KEYRING", str(tmp_path / "os-keyring.json"))
    slow = Link(latency_up=0.05, latency_down=0.05, bandwidth_up=1_000_000, bandwidth_down=1_000_000)
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.sync.memory_keyring.FileKeyring", "PYTHONPATH": str(REPO)}
    killed_mid_run = 0
    for run in range(max(1, runs_for(backend) // 3)):
        rng = random.Random(f"client-kill-{run}")
        netsim.link = slow
        station = world.station(county="150422")
        device = make_device(f"wang-{run}", station, signed_in=False)
        wang = dataclasses.replace(device, service=SyncService(device.store, CredentialStore(FileKeyring()),
                                                               transport_factory=quick_transport))
        wang.service.sign_in(netsim.url, wang.username, PASSWORD)
        work = Workload(wang, rng)
        work.add(records=rng.randint(60, 160))
        work.attach_photo(tmp_path)
        process = subprocess.Popen([sys.executable, "-m", "desktop.sync_cli", "--profile", str(wang.profile.folder)],
                                   cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 4.0))
        killed_mid_run += process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        netsim.link = Link()  # the next sync need not be slow to prove the point
        wang.sync_ok()
        fresh = make_device(f"li-{run}", station, Role.STATION_MANAGER)
        fresh.sync_ok()
        assert wang.service.local.pending_uploads() == []
        assert_identical(server_db, wang, fresh)
    assert killed_mid_run >= 1, "no kill landed while the sync was running"


def test_a_sync_over_a_slow_line_that_stalls_and_resets_finishes(make_device, world, server_db, netsim):
    """A township office's line: 256 kbit/s, 400 ms round trip, a 1 s stall and every connection reset."""
    rng = random.Random("slow-line")
    station = world.station(county="150422")
    wang = make_device("wang", station, server_url=netsim.url)
    Workload(wang, rng).add(records=80)  # about 2 s on this line, so both faults land mid-sync
    netsim.link = Link(latency_up=0.2, latency_down=0.2, bandwidth_up=256_000, bandwidth_down=256_000)
    faults = [threading.Timer(0.5, netsim.stall, args=(1.0,)), threading.Timer(1.5, netsim.reset_connections)]
    for fault in faults:
        fault.start()
    report = wang.sync()
    for fault in faults:
        fault.join(timeout=10)
    assert_offline_at_worst(report, "stall and reset")
    wang.sync_ok()
    fresh = make_device("li", station, Role.STATION_MANAGER)
    fresh.sync_ok()
    assert_identical(server_db, wang, fresh)
