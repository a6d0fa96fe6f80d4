"""One sync run: push the outbox, pull the server's changes, then move attachment files.

Order and bookkeeping are what make a run safe to interrupt anywhere: an entry is marked
acknowledged only after the server's answer arrived (a resent entry gets the same answer from the
server's ledger), a pulled page and its cursor are stored in one local transaction, an upload
resumes at the offset the server reports, and a download is recorded only once its file is whole.
A run with nothing to do is one GET.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from sync.client.errors import SyncError, SyncErrorKind
from sync.client.local_store import LocalStore, PendingUpload
from sync.client.report import SyncPhase, SyncProgress, SyncReport
from sync.client.transport import WireStats
from sync.protocol import (
    MAX_PUSH_ENTRIES,
    CompactEntry,
    EntryResult,
    EntryStatus,
    PullResponse,
    PushRequest,
    PushResponse,
)

log = logging.getLogger(__name__)

UPLOAD_CHUNK_BYTES = 256 * 1024
#: A run restarts from zero at most this often when the server's epoch changes under it.
MAX_EPOCH_RESTARTS = 2
#: Times an upload asks for the server's offset again after a cut before giving up for this run.
MAX_UPLOAD_RESUMES = 3


class ServerApi(Protocol):
    """The calls the engine makes (``sync.client.transport.Transport`` in the app, fakes in tests)."""

    stats: WireStats

    def push(self, request: PushRequest) -> PushResponse: ...
    def pull(self, cursor: int, targets_version: int | None = None) -> PullResponse: ...
    def upload_offset(self, sha256: str) -> int: ...
    def upload_chunk(self, sha256: str, offset: int, total: int, chunk: bytes) -> int | None: ...
    def download(self, sha256: str) -> bytes | None: ...


class _Cancelled(Exception):
    pass


class _EpochChanged(Exception):
    pass


def _never() -> bool:
    return False


class SyncEngine:
    """Runs syncs of one local store against one server; not thread-safe, one run at a time."""

    def __init__(self, store: LocalStore, transport: ServerApi):
        self.store = store
        self.transport = transport

    def run(self, progress: Callable[[SyncProgress], None] | None = None,
            cancelled: Callable[[], bool] = _never) -> SyncReport:
        """Push, pull, then move files. ``cancelled`` is asked before every request; a failure comes
        back as ``report.error`` (a SyncError), never raised. How it ended is stored for the status bar."""
        report = SyncReport()
        report_progress = progress or (lambda _p: None)
        stats_before = (self.transport.stats.requests, self.transport.stats.bytes_sent,
                        self.transport.stats.bytes_received)

        def check() -> None:
            if cancelled():
                raise _Cancelled

        try:
            self._sync_records(report, report_progress, check)
            self._upload(report, report_progress, check)
            self._download(report, report_progress, check)
            report.finished = True
        except _Cancelled:
            report.cancelled = True
        except SyncError as exc:
            log.warning("sync failed: %r %s", exc, exc.detail)
            report.error = exc
        except BaseException:
            self.store.record_sync_finished(False, "failed: internal error")
            raise
        finally:
            stats = self.transport.stats
            report.requests = stats.requests - stats_before[0]
            report.bytes_sent = stats.bytes_sent - stats_before[1]
            report.bytes_received = stats.bytes_received - stats_before[2]
        report.still_pending = self.store.pending_count()
        report.uploads_pending = len(self.store.pending_uploads())
        report.downloads_pending = len(self.store.missing_downloads())
        self.store.record_sync_finished(report.finished, report.summary())
        log.info("sync %s", report.summary())
        return report

    # --- records ----------------------------------------------------------------------------

    def _sync_records(self, report: SyncReport, progress: Callable[[SyncProgress], None],
                      check: Callable[[], None]) -> None:
        for _ in range(MAX_EPOCH_RESTARTS + 1):
            try:
                self._push(report, progress, check)
                self._pull(report, progress, check)
                return
            except _EpochChanged:
                report.epoch_changed = True
                log.info("server epoch changed: pulling again from the start and resending unknown entries")
        raise SyncError(SyncErrorKind.SERVER, "The server keeps restarting its history; try again later.")

    def _push(self, report: SyncReport, progress: Callable[[SyncProgress], None],
              check: Callable[[], None]) -> None:
        """Batches go one at a time, each after the answer to the one before; while a batch is on
        its way the answer to the previous one is stored and the next batch read from the outbox,
        so the device's work overlaps the server's instead of adding to it."""
        total = self.store.pending_count()
        batch = MAX_PUSH_ENTRIES
        answered: list[EntryResult] = []  # results received, not yet stored
        check()  # asked before every batch, and once more before finding the outbox empty
        entries = self.store.pending_push(batch)
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-push") as sending:
                while entries:
                    in_flight = sending.submit(self.transport.push, PushRequest(entries=entries))
                    if answered:
                        self._record_results(answered, report, progress, total)
                        answered = []
                    following = self.store.pending_push(batch, after=entries[-1].seq)
                    try:
                        response = in_flight.result()
                    except SyncError as exc:
                        if exc.status != 413 or batch == 1:
                            raise
                        batch = max(1, batch // 2)  # entries with long texts: send fewer at a time
                        check()
                        entries = self.store.pending_push(batch)
                        continue
                    answered, epoch_changed = self._answer(entries, response)
                    if epoch_changed:
                        raise _EpochChanged
                    check()
                    # read again when the outbox looked empty: a change saved meanwhile goes now too
                    entries = following or self.store.pending_push(batch, after=entries[-1].seq)
        finally:
            if answered:
                self._record_results(answered, report, progress, total)

    def _answer(self, entries: list[CompactEntry], response: PushResponse) -> tuple[list[EntryResult], bool]:
        """The results to store for a sent batch, and whether the run must start over."""
        sent = {e.seq for e in entries}
        results = [r for r in response.results if r.seq in sent and r.status is not EntryStatus.HELD]
        # acked_seq is the server's highest contiguous seq: after a restore it stops below the
        # entries the backup lacks, and entries above that gap come back ``held`` (unanswered
        # from a protocol-2 server): not acknowledged, they go again after the missing ones.
        epoch_changed = self._adopt_epoch(response.server_epoch, response.acked_seq)
        held = sent - {r.seq for r in results}
        if held and not epoch_changed:
            if response.acked_seq >= min(held):
                raise SyncError(SyncErrorKind.PROTOCOL, detail="push left entries unanswered")
            # The server lost entries it had acknowledged, with no new epoch: send again from
            # there, in order, and pull afresh, as after an epoch change.
            self.store.start_epoch(response.server_epoch, response.acked_seq)
            epoch_changed = True
        return results, epoch_changed

    def _record_results(self, results: list[EntryResult], report: SyncReport,
                        progress: Callable[[SyncProgress], None], total: int) -> None:
        self.store.record_push_results(results)
        for r in results:
            if r.status == EntryStatus.APPLIED:
                report.applied += 1
            elif r.status == EntryStatus.MERGED:
                report.merged += 1
            elif r.status == EntryStatus.CONFLICT:
                report.conflicts += 1
            else:
                report.rejected += 1
        progress(SyncProgress(SyncPhase.PUSH, report.pushed, max(total, report.pushed)))

    def _pull(self, report: SyncReport, progress: Callable[[SyncProgress], None],
              check: Callable[[], None]) -> None:
        """Pages come in order; while one is stored the next is already asked for (its cursor is
        the page's own next_cursor), so the server's and the device's work overlap. A page is
        stored only after the one before it, and the cursor saved with it."""
        cursor = self.store.position().cursor
        # The first page asks whether the targets changed: no extra request for them.
        targets_version: int | None = self.store.targets_version()
        check()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as fetching:
            page = self.transport.pull(cursor, targets_version)
            while True:
                if self._adopt_epoch(page.server_epoch, page.acked_seq):
                    raise _EpochChanged
                if page.has_more and page.next_cursor <= cursor:
                    raise SyncError(SyncErrorKind.PROTOCOL, detail=f"pull cursor did not advance past {cursor}")
                following = None
                if page.has_more:
                    check()  # asked before every request
                    following = fetching.submit(self.transport.pull, page.next_cursor)
                report.set_aside += self.store.apply_pull_page(page)
                if page.targets is not None and page.targets_version is not None:
                    self.store.apply_targets(page.targets_version, page.targets)
                    report.targets_changed = True
                report.pulled += len(page.changes)
                report.removed += len(page.removed)
                progress(SyncProgress(SyncPhase.PULL, report.pulled, None))
                if following is None:
                    return
                cursor = page.next_cursor
                page = following.result()

    def _adopt_epoch(self, server_epoch: str, acked_seq: int) -> bool:
        """Start over in the server's new epoch if it changed; the first epoch seen is just kept
        (it is stored with the first pulled page)."""
        known = self.store.position().epoch
        if known is None or known == server_epoch:
            return False
        self.store.start_epoch(server_epoch, acked_seq)
        return True

    # --- attachments ------------------------------------------------------------------------

    def _upload(self, report: SyncReport, progress: Callable[[SyncProgress], None],
                check: Callable[[], None]) -> None:
        uploads = self.store.pending_uploads()
        for i, upload in enumerate(uploads):
            check()
            try:
                self._upload_one(upload, check)
            except SyncError as exc:
                if exc.kind != SyncErrorKind.PROTOCOL:
                    raise
                report.problems.append(f"upload {upload.sha256[:12]}: {exc.detail or exc.message}")
                continue  # the server refused this file; the others may still go
            self.store.mark_uploaded(upload.sha256)
            report.uploaded += 1
            progress(SyncProgress(SyncPhase.UPLOAD, i + 1, len(uploads)))

    def _upload_one(self, upload: PendingUpload, check: Callable[[], None]) -> None:
        offset = self.transport.upload_offset(upload.sha256)
        resumes = 0
        with io.BytesIO(upload.read_bytes()) as f:
            while offset < upload.size:
                check()
                f.seek(offset)
                chunk = f.read(UPLOAD_CHUNK_BYTES)
                try:
                    new_offset = self.transport.upload_chunk(upload.sha256, offset, upload.size, chunk)
                except SyncError as exc:
                    if exc.kind != SyncErrorKind.OFFLINE or resumes >= MAX_UPLOAD_RESUMES:
                        raise
                    new_offset = None
                if new_offset is None or new_offset <= offset:
                    resumes += 1
                    if resumes > MAX_UPLOAD_RESUMES:
                        raise SyncError(SyncErrorKind.PROTOCOL, detail="upload offset does not advance")
                    new_offset = self.transport.upload_offset(upload.sha256)
                offset = new_offset

    def _download(self, report: SyncReport, progress: Callable[[SyncProgress], None],
                  check: Callable[[], None]) -> None:
        missing = self.store.missing_downloads()
        for i, sha256 in enumerate(missing):
            check()
            data = self.transport.download(sha256)
            if data is None:
                continue  # the author has not uploaded it yet
            if hashlib.sha256(data).hexdigest() != sha256:
                report.problems.append(f"download {sha256[:12]}: content does not match its sha256")
                continue
            self.store.save_download(sha256, data)
            report.downloaded += 1
            progress(SyncProgress(SyncPhase.DOWNLOAD, i + 1, len(missing)))
