"""The sync engine's order of work over a real device store and a small fake of the server API."""

from __future__ import annotations

import hashlib
from collections import deque

import pytest

from desktop.domain.records import Attachment, Household
from desktop.store import repository
from desktop.store.local_store import DesktopLocalStore
from desktop.store.models import LocalFile
from sync.client import engine as engine_module
from sync.client.engine import SyncEngine, SyncPhase
from sync.client.errors import SyncError, SyncErrorKind
from sync.client.transport import WireStats
from sync.protocol import (
    EntryResult,
    EntryStatus,
    PullResponse,
    PushRequest,
    PushResponse,
)
from tests.factories import household


class FakeApi:
    """Applies every pushed entry; pull pages and upload behaviour are set by each test."""

    def __init__(self, epoch: str = "e1", held: set[int] | None = None):
        self.epoch = epoch
        self.held = set(held or ())  # seqs in the server's ledger (a restored one may lack some)
        self.stats = WireStats()
        self.calls: list[str] = []
        self.pushed: list[list[int]] = []
        self.pages: deque[PullResponse] = deque()
        self.files: dict[str, bytearray] = {}
        self.cut_upload_at: int | None = None
        self.refuse_batches_over: int | None = None

    def push(self, request: PushRequest) -> PushResponse:
        self.calls.append("push")
        if self.refuse_batches_over and len(request.entries) > self.refuse_batches_over:
            raise SyncError(SyncErrorKind.PROTOCOL, status=413)
        seqs = [e.seq for e in request.entries]
        self.pushed.append(seqs)
        self.held.update(seqs)
        return PushResponse(results=[EntryResult(seq=s, status=EntryStatus.APPLIED, revision=1) for s in seqs],
                            server_epoch=self.epoch, acked_seq=self.contiguous())

    def contiguous(self) -> int:
        """The server's acked_seq: the highest seq with every one below it held."""
        n = 0
        while n + 1 in self.held:
            n += 1
        return n

    def pull(self, cursor: int, targets_version: int | None = None) -> PullResponse:
        self.calls.append(f"pull {cursor}")
        if self.pages:
            return self.pages.popleft()
        return PullResponse(changes=[], next_cursor=cursor, has_more=False, server_epoch=self.epoch, acked_seq=0)

    def upload_offset(self, sha256: str) -> int:
        self.calls.append("head")
        return len(self.files.get(sha256, b""))

    def upload_chunk(self, sha256: str, offset: int, total: int, chunk: bytes) -> int | None:
        self.calls.append(f"put {offset}")
        held = self.files.setdefault(sha256, bytearray())
        if offset != len(held):
            return None
        if self.cut_upload_at is not None and offset + len(chunk) > self.cut_upload_at:
            held.extend(chunk[: self.cut_upload_at - offset])  # part of the chunk arrived, then the line dropped
            self.cut_upload_at = None
            raise SyncError(SyncErrorKind.OFFLINE)
        held.extend(chunk)
        return len(held)

    def download(self, sha256: str) -> bytes | None:
        self.calls.append("get file")
        return None


@pytest.fixture
def local(profile) -> DesktopLocalStore:
    return DesktopLocalStore(profile.store)


def test_a_sync_with_nothing_to_do_is_one_pull(local):
    api = FakeApi()
    report = SyncEngine(local, api).run()
    assert api.calls == ["pull 0"]
    assert report.finished and report.pushed == 0


def test_the_outbox_is_pushed_in_batches_until_empty_then_pulled(local, records, monkeypatch):
    monkeypatch.setattr(engine_module, "MAX_PUSH_ENTRIES", 2)
    for i in range(5):
        records.save(household(name=f"户{i}"))
    api = FakeApi()
    progress = []
    report = SyncEngine(local, api).run(progress.append)
    assert api.pushed == [[1, 2], [3, 4], [5]]
    assert api.calls[-1] == "pull 0"
    assert (report.applied, report.still_pending, report.finished) == (5, 0, True)
    assert [p.done for p in progress if p.phase == SyncPhase.PUSH] == [2, 4, 5]


def test_a_batch_too_large_for_the_server_is_split(local, records):
    for i in range(4):
        records.save(household(name=f"户{i}"))
    api = FakeApi()
    api.refuse_batches_over = 1
    report = SyncEngine(local, api).run()
    assert api.pushed == [[1], [2], [3], [4]]
    assert report.finished


def test_a_new_epoch_seen_on_pull_restarts_from_zero_and_resends_what_the_server_lacks(local, records):
    for i in range(3):
        records.save(household(name=f"户{i}"))
    SyncEngine(local, FakeApi("e1")).run()
    local.apply_pull_page(PullResponse(changes=[], next_cursor=70, has_more=False, server_epoch="e1", acked_seq=3))
    api = FakeApi("e2")
    api.pages.append(PullResponse(changes=[], next_cursor=70, has_more=False, server_epoch="e2", acked_seq=1))
    report = SyncEngine(local, api).run()
    assert api.calls == ["pull 70", "push", "pull 0"]
    assert api.pushed == [[2, 3]]
    assert report.epoch_changed and report.finished
    assert local.position().epoch == "e2"


def test_a_new_epoch_seen_on_push_resends_the_whole_outbox(local, records):
    h, _ = records.save(household())
    SyncEngine(local, FakeApi("e1")).run()
    records.save(h.with_changes(notes="新的备注"))
    api = FakeApi("e2")
    SyncEngine(local, api).run()
    assert api.pushed == [[2], [1]]
    assert api.calls[-1] == "pull 0"


def test_a_new_epoch_seen_on_push_resends_only_what_the_restored_server_lacks(local, records):
    h, _ = records.save(household())
    for i in range(3):
        h, _ = records.save(h.with_changes(notes=f"第{i}次"))
    SyncEngine(local, FakeApi("e1")).run()
    records.save(h.with_changes(notes="恢复之后"))
    api = FakeApi("e2", held={1, 2})  # the backup was taken after entry 2
    SyncEngine(local, api).run()
    assert api.pushed == [[5], [3, 4]]
    assert local.pending_count() == 0


def test_cancelling_between_requests_leaves_the_outbox_to_the_next_sync(local, records):
    records.save(household())
    api = FakeApi()
    report = SyncEngine(local, api).run(cancelled=lambda: "push" in api.calls)
    assert report.cancelled and not report.finished
    assert api.calls == ["push"]
    assert local.position().cursor == 0
    assert SyncEngine(local, FakeApi()).run().finished


def test_an_upload_cut_mid_chunk_resumes_where_the_server_stopped(local, profile, monkeypatch):
    monkeypatch.setattr(engine_module, "UPLOAD_CHUNK_BYTES", 1000)
    data = bytes(range(256)) * 20
    sha = hashlib.sha256(data).hexdigest()
    with profile.store.unit_of_work() as s:
        s.add(LocalFile(sha256=sha, path=local.add_file_bytes(sha, data), size=len(data), mime_type="image/jpeg"))
        repository.put(s, Attachment(sha256=sha, mime_type="image/jpeg", size=len(data), owner_id="v-1",
                                     author_id="u", station_id="WS-045"))
    api = FakeApi()
    api.cut_upload_at = 2500
    report = SyncEngine(local, api).run()
    assert bytes(api.files[sha]) == data
    assert report.uploaded == 1 and report.uploads_pending == 0
    assert api.calls.count("head") == 2
    assert local.pending_uploads() == []


def test_a_failed_sync_is_remembered_for_the_status_bar(local, records):
    records.save(household())

    class Offline(FakeApi):
        def push(self, request):
            raise SyncError(SyncErrorKind.OFFLINE)

    report = SyncEngine(local, Offline()).run()
    assert report.error.kind == SyncErrorKind.OFFLINE and report.still_pending == 1
    at, ok, summary = local.last_sync()
    assert at and not ok and "offline" in summary
    assert records.get(Household, local.pending_entries(1)[0].record_id) is not None
