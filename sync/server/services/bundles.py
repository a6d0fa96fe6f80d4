"""Sync bundles on the server: a device's push bundle applied through the push ledger, and a pull
bundle written for a device from where its last bundle left off.

A push bundle is applied exactly as a push from its device would be (same scope checks, same
ledger), so importing it twice, or after the device has synced online, changes nothing. It is
refused whole, before anything is applied, if its device is unknown, revoked or of a deactivated
account, if it was not signed by the key that device registered at sign-in, or if the file is
damaged, cut short or made for another server.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sync.bundle_file import Bundle, BundleError, BundleHeader, BundleProblem, read_bundle, signing_key, write_bundle
from sync.protocol import MAX_PUSH_ENTRIES, PULL_PAGE_SIZE, EntryStatus
from sync.server.errors import ApiError
from sync.server.services import attachments, auth
from sync.server.services import pull as pull_service
from sync.server.services import push as push_service
from sync.server.services import targets as target_service
from sync.server.services.attachment_files import AttachmentFiles
from sync.server.store import attachments as attachment_rows
from sync.server.store import devices, ledger, meta
from sync.server.store.database import Database


@dataclass
class PushBundleReport:
    device_id: str
    entries: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # status → entries
    held: int = 0  # above a gap in the ledger: an earlier bundle of the device is still to come
    photos_stored: int = 0
    photos_known: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = ", ".join(f"{status} {n}" for status, n in sorted(self.counts.items())) or "none"
        text = (f"bundle of device {self.device_id}: {self.entries} changes ({counts}); photos stored "
                f"{self.photos_stored}, already here {self.photos_known}")
        if self.held:
            text += f"; {self.held} changes held back until the device's earlier changes arrive"
        return text


@dataclass(frozen=True)
class PullBundleReport:
    device_id: str
    changes: int
    photos: int
    results: int
    size: int


def _server_key(db: Database):
    with db.write() as session:
        return signing_key(meta.bundle_key_seed(session))


def _registered_key(db: Database):
    def key_for(header: BundleHeader) -> str:
        caller_or_refuse(db, header.device_id)
        with db.read() as session:
            device = devices.get(session, header.device_id)
            if device.bundle_key is None:
                raise BundleError("this device has not registered a bundle key: sign in to the server once "
                                  "with this version of Fieldbook, online", BundleProblem.NOT_SIGNED_IN)
            return device.bundle_key
    return key_for


def caller_or_refuse(db: Database, device_id: str) -> auth.Caller:
    try:
        return auth.device_caller(db, device_id)
    except ApiError as exc:
        raise BundleError(exc.detail, BundleProblem.REFUSED_BY_SERVER) from exc


def import_push_bundle(db: Database, files: AttachmentFiles, source: Path) -> PushBundleReport:
    """Check the whole bundle, then apply its entries and store its photos; raises BundleError."""
    with tempfile.TemporaryDirectory(prefix="fieldbook-bundle-") as folder:
        bundle = read_bundle(source, _server_key(db), Path(folder), _registered_key(db), "push")
        caller = caller_or_refuse(db, bundle.header.device_id)
        entries = _list(bundle.manifest, "entries")
        report = PushBundleReport(caller.device_id, entries=len(entries))
        for start in range(0, len(entries), MAX_PUSH_ENTRIES):
            try:
                envelope = push_service.PushEnvelope(entries=entries[start:start + MAX_PUSH_ENTRIES])
                response = push_service.push(db, caller, envelope)
            except (ApiError, ValueError) as exc:
                raise BundleError(f"the bundle's changes cannot be applied: {exc}") from exc
            answered = [result for result in response.results if result.status is not EntryStatus.HELD]
            for result in answered:
                report.counts[result.status.value] = report.counts.get(result.status.value, 0) + 1
            report.held += len(envelope.entries) - len(answered)
        _store_photos(db, files, caller, bundle, report)
        position = bundle.manifest.get("position") or {}
        if position.get("epoch") == caller.epoch and isinstance(position.get("cursor"), int):
            with db.write() as session:
                devices.set_bundle_cursor(session, caller.device_id, position["cursor"])
    return report


def _store_photos(db: Database, files: AttachmentFiles, caller: auth.Caller, bundle: Bundle,
                  report: PushBundleReport) -> None:
    with db.read() as session:  # one query for the usual case: a bundle imported again
        whole = set(attachment_rows.complete_of_uploader(session, caller.viewer.user_id))
    for photo in _list(bundle.manifest, "photos"):
        sha256 = str(photo.get("sha256", "")) if isinstance(photo, dict) else ""
        if sha256 in whole:
            report.photos_known += 1
            continue
        path = bundle.file(sha256)
        if path is None:
            report.problems.append(f"photo {sha256[:12]} is listed but not in the bundle")
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            report.problems.append(f"photo {sha256[:12]} does not match its sha256")
            continue
        status = attachments.status(db, caller, sha256)
        if status is not None and status.complete:
            report.photos_known += 1
            continue
        offset = status.offset if status is not None and status.length == len(data) else 0
        try:
            attachments.put_chunk(db, files, caller, sha256, offset, len(data), data[offset:])
        except ApiError as exc:
            report.problems.append(f"photo {sha256[:12]}: {exc.detail}")
            continue
        report.photos_stored += 1


def export_pull_bundle(db: Database, files: AttachmentFiles, device_id: str, target: Path, *,
                       from_start: bool = False) -> PullBundleReport:
    """Write what ``device_id`` would pull, from the cursor its latest bundle stated (or from zero)."""
    caller = caller_or_refuse(db, device_id)
    with db.read() as session:
        device = devices.get(session, device_id)
        recipient, cursor = device.bundle_key, (0 if from_start else device.bundle_cursor or 0)
    if recipient is None:
        raise BundleError("this device has not registered a bundle key: it must sign in to the server once "
                          "with this version of Fieldbook, online", BundleProblem.NOT_SIGNED_IN)
    server_key = _server_key(db)
    first, pages, photos = cursor, [], {}
    while True:
        page = pull_service.pull_response(db, caller, cursor, PULL_PAGE_SIZE)
        pages.append(page.model_dump(mode="json"))
        for change in page.changes:
            sha256 = change.fields.get("sha256") if change.record_type.value == "attachment" else None
            if isinstance(sha256, str) and not change.fields.get("deleted") and sha256 not in photos:
                photos[sha256] = _readable(db, files, caller, sha256)
        if not page.has_more:
            break
        cursor = page.next_cursor
    version, plan_targets = target_service.for_pull(db, -1)  # -1: no device version, so all targets
    with db.read() as session:
        results = ledger.results_above(session, device_id, 0)
        stored = attachment_rows.complete_of_uploader(session, caller.viewer.user_id)
    shipped = {sha: path for sha, path in photos.items() if path is not None}
    manifest = {"epoch": caller.epoch, "from_cursor": first, "pages": pages,
                "results": [r.model_dump(mode="json") for r in results],
                "targets_version": version, "targets": [t.model_dump(mode="json") for t in plan_targets or []],
                "photos": sorted(shipped), "stored_photos": stored}
    size = write_bundle(target, "pull", device_id, server_key, recipient, manifest, sorted(shipped.items()))
    return PullBundleReport(device_id, sum(len(p["changes"]) for p in pages), len(shipped), len(results), size)


def _readable(db: Database, files: AttachmentFiles, caller: auth.Caller, sha256: str) -> Path | None:
    try:
        return attachments.download(db, files, caller, sha256).path
    except ApiError:
        return None  # not uploaded yet, or not the device's to read


def _list(manifest: dict[str, Any], key: str) -> list[Any]:
    value = manifest.get(key, [])
    if not isinstance(value, list):
        raise BundleError(f"the bundle's manifest is damaged ({key})")
    return value

