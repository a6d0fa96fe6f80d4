"""The engine pushes entries in their compact form read straight from the outbox rows: each is the
same JSON the entry's model would give, for creates, edits that clear a value, and deletes."""

from __future__ import annotations

import json
import threading

import pytest

from desktop.domain.records import Visit
from desktop.store.local_store import DesktopLocalStore
from sync.client import engine as engine_module
from sync.client.engine import SyncEngine
from sync.protocol import CompactEntry, EntryResult, EntryStatus, OutboxEntry, compact_entry, expand_entry
from tests.factories import household, visit
from tests.sync.test_sync_engine import FakeApi


@pytest.fixture
def local(profile) -> DesktopLocalStore:
    return DesktopLocalStore(profile.store)


def test_pending_push_gives_each_entry_as_its_model_would_travel(local, records):
    h, _ = records.save(household())
    v, _ = records.save(visit(household_ids=(h.id,)))
    local.record_push_results([EntryResult(seq=1, status=EntryStatus.APPLIED, revision=1)])
    records.save(h.with_changes(notes="新建了青贮窖", livestock_head=None, land_mu=8.5))
    records.delete(Visit, v.id)
    entries = local.pending_entries(10)
    pushed = local.pending_push(10)
    assert [e.kind.value for e in entries] == ["create", "update", "delete"]
    assert all(isinstance(p, CompactEntry) for p in pushed)
    assert [p.seq for p in pushed] == [e.seq for e in entries]
    assert [p.wire for p in pushed] == [compact_entry(e) for e in entries]
    # and it is JSON the server reads back as the captured entry
    for p, e in zip(pushed, entries, strict=True):
        read = OutboxEntry.model_validate(expand_entry(json.loads(json.dumps(p.wire)), local.device_id()))
        assert read.model_dump(exclude={"changes"}) == e.model_dump(exclude={"changes"})


def test_pending_push_stops_at_the_limit_and_skips_acknowledged_entries(local, records):
    for _ in range(4):
        records.save(household())
    local.record_push_results([EntryResult(seq=1, status=EntryStatus.APPLIED, revision=1)])
    assert [p.seq for p in local.pending_push(2)] == [2, 3]


def test_pending_push_reads_after_a_seq(local, records):
    for _ in range(5):
        records.save(household())
    assert [p.seq for p in local.pending_push(10, after=3)] == [4, 5]


def test_the_next_batch_is_read_while_the_one_before_is_on_its_way(local, records, monkeypatch):
    """The device's work overlaps the server's: batch 2 is read from the outbox during push 1."""
    monkeypatch.setattr(engine_module, "MAX_PUSH_ENTRIES", 2)
    for _ in range(5):
        records.save(household())
    read_ahead = threading.Event()
    original = local.pending_push

    def pending_push(limit: int, after: int = 0):
        entries = original(limit, after)
        if after:
            read_ahead.set()
        return entries

    monkeypatch.setattr(local, "pending_push", pending_push)

    class SlowApi(FakeApi):
        overlapped: list[bool] = []

        def push(self, request):
            self.overlapped.append(read_ahead.wait(timeout=5))
            read_ahead.clear()
            return super().push(request)

    api = SlowApi()
    report = SyncEngine(local, api).run()
    assert api.pushed == [[1, 2], [3, 4], [5]] and report.applied == 5 and report.still_pending == 0
    assert api.overlapped == [True, True, True]
