"""A line cut at any byte of a push, a pull or an upload loses nothing and duplicates nothing: the
next sync finishes the job and every laptop ends up holding exactly what the server holds."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from PIL import Image

from desktop.domain.records import Attachment, Household
from desktop.services.photos import PhotoService
from desktop.store import repository
from sync.client.engine import UPLOAD_CHUNK_BYTES
from sync.client.errors import SyncErrorKind
from sync.domain.vocabulary import RecordType, Role
from tests.factories import household, visit
from tests.sync.harness import (
    assert_converged,
    ledger_size,
    outbox_size,
    server_records,
)
from tests.sync.netsim import NetSim

#: Byte offsets (counted from the start of the sync, in one direction) at which the line is cut.
#: A round's push request is about 1.6 KB, its answers (push results, then the pulled page) about 2 KB.
UP_CUTS = [1, 60, 190, 450, 800, 1100, 1500]
DOWN_CUTS = [1, 120, 260, 400, 700, 1000, 1500]
#: Pulling 1,200 records takes three pages, about 50 KB gzipped.
PULL_CUTS = [1, 150, 700, 5000, 12_000, 25_000, 40_000]


@pytest.fixture
def proxy(sync_server):
    p = NetSim(sync_server.port)
    yield p
    p.close()


def add_work(device, round_no: int, households: list[str]) -> None:
    """A morning's work: new households and visits, and an edit of an earlier household."""
    for i in range(4):
        h, _ = device.records.save(household(name=f"第{round_no}轮{i}户", phone=f"139{round_no:06d}{i:02d}"))
        households.append(h.id)
        device.records.save(visit(household_ids=(h.id,), problem=f"第{round_no}轮问题{i}" * 5,
                                  visit_date=dt.date(2026, 6, 1 + i)))
    if len(households) > 4:
        earlier = device.records.get(Household, households[-5])
        device.records.save(earlier.with_changes(notes=f"第{round_no}轮回访"))


def assert_nothing_lost_or_doubled(server_db, author, *others) -> None:
    assert_converged(server_db, author, *others)
    assert ledger_size(server_db, author.service.local.device_id()) == outbox_size(author)
    records = server_records(server_db)
    assert not [k for k in records if k[0] == "conflict"], "a resent entry was applied twice"


@pytest.mark.parametrize("direction, cuts", [("up", UP_CUTS), ("down", DOWN_CUTS)])
def test_a_push_cut_at_any_byte_is_finished_by_the_next_sync(make_device, station, server_db, proxy,
                                                            direction, cuts):
    wang = make_device("wang", station, server_url=proxy.url)
    li = make_device("li", station, Role.STATION_MANAGER)
    households: list[str] = []
    rounds_cut = 0
    for round_no, n in enumerate(cuts):
        add_work(wang, round_no, households)
        cuts_before = proxy.cuts
        proxy.cut(direction, n, times=3)  # one more cut than the transport has tries
        report = wang.sync()
        proxy.disarm()
        assert report.error is None or report.error.kind == SyncErrorKind.OFFLINE, (n, report.error.detail)
        rounds_cut += proxy.cuts > cuts_before
        wang.sync_ok()
        li.sync_ok()
        assert_nothing_lost_or_doubled(server_db, wang, li)
    assert rounds_cut == len(cuts)


def test_a_pull_cut_at_any_byte_is_finished_by_the_next_sync(make_device, station, server_db, proxy):
    wang = make_device("wang", station)
    households: list[str] = []
    for round_no in range(150):  # 1,200 records: a first pull takes three pages
        add_work(wang, round_no, households)
    wang.sync_ok()
    for n in PULL_CUTS:  # each time a new laptop of the station pulls everything
        manager = make_device(f"li-{n}", station, Role.STATION_MANAGER, server_url=proxy.url)
        cuts_before = proxy.cuts
        proxy.cut("down", n, times=3)
        report = manager.sync()
        proxy.disarm()
        assert report.error is None or report.error.kind == SyncErrorKind.OFFLINE
        assert proxy.cuts > cuts_before
        manager.sync_ok()
        assert_nothing_lost_or_doubled(server_db, wang, manager)
        assert len(manager.service.local.pending_entries(10)) == 0


def noisy_photo(tmp_path, seed: int):
    rng = random.Random(seed)
    image = Image.frombytes("RGB", (1600, 1200), bytes(rng.getrandbits(8) for _ in range(1600 * 1200 * 3)))
    path = tmp_path / f"noise-{seed}.png"
    image.save(path)
    return path


def test_an_upload_cut_mid_file_resumes_where_the_server_stopped(make_device, station, server_db, proxy, tmp_path):
    wang = make_device("wang", station, server_url=proxy.url)
    li = make_device("li", station, Role.STATION_MANAGER)
    v, _ = wang.records.save(visit(household_ids=("h-1",)))
    photo = PhotoService(wang.store).import_photo(noisy_photo(tmp_path, 1))
    assert photo.size > 3 * UPLOAD_CHUNK_BYTES
    wang.sync_ok()  # the visit; the photo waits for its attachment record
    with wang.store.unit_of_work() as s:
        repository.put(s, Attachment(sha256=photo.sha256, mime_type="image/jpeg", size=photo.size,
                                     owner_type=RecordType.VISIT, owner_id=v.id, filename="noise.jpg"))
    proxy.reset_traffic()
    proxy.cut("up", 400_000, times=3)
    report = wang.sync()
    proxy.disarm()
    assert proxy.cuts == 3
    assert report.uploaded == 1 or report.error.kind == SyncErrorKind.OFFLINE  # it resumes within the run
    wang.sync_ok()
    assert wang.service.local.pending_uploads() == []
    # Each cut wastes at most the chunk in flight: the file was not sent again from its start.
    assert proxy.reset_traffic().up < photo.size + 3 * UPLOAD_CHUNK_BYTES + 50_000
    li.sync_ok()
    assert PhotoService(li.store).read(photo.sha256) == PhotoService(wang.store).read(photo.sha256)
