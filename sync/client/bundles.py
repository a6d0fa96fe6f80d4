"""Sync by USB stick on the device: write what the server has not acknowledged into a push
bundle, and apply a pull bundle from the server exactly as pulled pages.

A push bundle holds every outbox entry not yet acknowledged and every photo not yet uploaded,
so a later bundle contains an earlier one's work too; nothing is marked sent when it is written,
because only the server's answers (in the pull bundle back, or an online push) acknowledge.
A pull bundle is applied page by page with the same store call as a network pull, so bundles and
online syncs mix: pages the device already has (its cursor is past them) are skipped, and a bundle
that starts after the device's cursor is refused, since applying it would skip what lies between.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sync.bundle_file import BundleError, BundleHeader, BundleProblem, read_bundle, signing_key, write_bundle
from sync.client.local_store import LocalStore
from sync.protocol import EntryResult, EntryStatus, PlanTarget, PullResponse, compact_entry

#: Every pending entry goes in one bundle: a season is a few thousand.
_ALL = 10**9

NOT_SIGNED_IN = ("This laptop has not signed in to the server with this version of Fieldbook yet: sign in "
                 "once, online, so that the server knows this laptop's bundle key.")


@dataclass(frozen=True)
class ExportReport:
    entries: int
    photos: int
    size: int


@dataclass
class ImportReport:
    pulled: int = 0
    removed: int = 0
    skipped_pages: int = 0
    acknowledged: int = 0
    rejected: int = 0
    conflicts: int = 0
    photos: int = 0
    epoch_changed: bool = False
    targets_changed: bool = False
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"pulled {self.pulled} changes ({self.skipped_pages} pages already here), removed {self.removed}; "
                f"{self.acknowledged} of this laptop's changes acknowledged ({self.rejected} rejected, "
                f"{self.conflicts} conflicts); {self.photos} photos")


def export_push_bundle(store: LocalStore, target: Path) -> ExportReport:
    """Write the bundle; raises BundleError when the laptop has no server key yet."""
    server_key = store.server_bundle_key()
    if server_key is None:
        raise BundleError(NOT_SIGNED_IN, BundleProblem.NOT_SIGNED_IN)
    entries = store.pending_entries(_ALL)
    uploads = store.pending_uploads(records_sent=False)
    position = store.position()
    manifest = {"entries": [compact_entry(e) for e in entries],
                "photos": [{"sha256": u.sha256, "size": u.size, "mime_type": u.mime_type} for u in uploads],
                "position": {"epoch": position.epoch, "cursor": position.cursor}}
    size = write_bundle(target, "push", store.device_id(), signing_key(store.bundle_key()), server_key,
                        manifest, [(u.sha256, u.read_bytes) for u in uploads])
    return ExportReport(len(entries), len(uploads), size)


def import_pull_bundle(store: LocalStore, source: Path) -> ImportReport:
    """Check the whole bundle, then apply it; raises BundleError with the reason it was refused."""
    server_key = store.server_bundle_key()
    if server_key is None:
        raise BundleError(NOT_SIGNED_IN, BundleProblem.NOT_SIGNED_IN)
    device_id = store.device_id()

    def sender_key(header: BundleHeader) -> str:
        if header.device_id != device_id:
            raise BundleError("this bundle was written for another laptop", BundleProblem.ANOTHER_RECIPIENT)
        return server_key

    with tempfile.TemporaryDirectory(prefix="fieldbook-bundle-") as folder:
        bundle = read_bundle(source, signing_key(store.bundle_key()), Path(folder), sender_key, "pull")
        manifest = bundle.manifest
        try:
            pages = [PullResponse.model_validate(page) for page in manifest["pages"]]
            results = [EntryResult.model_validate(result) for result in manifest["results"]]
            targets = [PlanTarget.model_validate(target) for target in manifest["targets"]]
            epoch, first = str(manifest["epoch"]), int(manifest["from_cursor"])
        except (KeyError, TypeError, ValueError) as exc:
            raise BundleError(f"the bundle's manifest is damaged ({exc})") from None
        report = ImportReport()
        _adopt_epoch(store, epoch, first, pages, report)
        _acknowledge(store, results, report)
        _apply_pages(store, first, pages, report)
        version = manifest.get("targets_version")
        if isinstance(version, int) and targets and version != store.targets_version():
            store.apply_targets(version, targets)
            report.targets_changed = True
        _note_uploaded(store, manifest.get("stored_photos"))
        for sha256 in store.missing_downloads():
            path = bundle.file(sha256)
            if path is None:
                continue
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() != sha256:
                report.problems.append(f"photo {sha256[:12]} does not match its sha256")
                continue
            store.save_download(sha256, data)
            report.photos += 1
    store.record_sync_finished(True, f"bundle imported: {report.summary()}")
    return report


def _note_uploaded(store: LocalStore, stored: object) -> None:
    """Photos the server holds whole need not travel in the next bundle, nor be uploaded online."""
    if not isinstance(stored, list):
        return
    held = set(stored)
    for upload in store.pending_uploads(records_sent=False):
        if upload.sha256 in held:
            store.mark_uploaded(upload.sha256)


def _adopt_epoch(store: LocalStore, epoch: str, first: int, pages: list[PullResponse], report: ImportReport) -> None:
    known = store.position().epoch
    if known is None or known == epoch:
        return
    if first != 0:
        raise BundleError("the server's history changed since this laptop last synced (a restore or a new area): "
                          "ask the office for a full bundle (`bundle export --from-start`)", BundleProblem.HISTORY_CHANGED)
    acked = pages[-1].acked_seq if pages else 0
    store.start_epoch(epoch, acked)
    report.epoch_changed = True


def _acknowledge(store: LocalStore, results: list[EntryResult], report: ImportReport) -> None:
    pending = {entry.seq for entry in store.pending_entries(_ALL)}
    answered = [r for r in results if r.seq in pending]
    store.record_push_results(answered)
    report.acknowledged = len(answered)
    report.rejected = sum(r.status == EntryStatus.REJECTED for r in answered)
    report.conflicts = sum(r.status == EntryStatus.CONFLICT for r in answered)


def _apply_pages(store: LocalStore, first: int, pages: list[PullResponse], report: ImportReport) -> None:
    cursor = store.position().cursor
    if first > cursor:
        raise BundleError(f"this bundle continues from change {first}, but this laptop has only reached "
                          f"{cursor}: import the earlier bundle first, or sync online", BundleProblem.OUT_OF_ORDER)
    for page in pages:
        if page.next_cursor <= cursor and page.has_more:
            report.skipped_pages += 1
            continue
        if page.next_cursor < cursor:
            report.skipped_pages += 1  # the last page, older than what an online sync brought since
            continue
        store.apply_pull_page(page)
        cursor = page.next_cursor
        report.pulled += len(page.changes)
        report.removed += len(page.removed)

