"""The interface the sync engine needs from a device's local store (implemented by desktop.store)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sync.protocol import CompactEntry, EntryResult, OutboxEntry, PlanTarget, PullResponse


@dataclass(frozen=True)
class SyncPosition:
    """Where the device stands with the server: the epoch it synced in and its pull cursor."""

    epoch: str | None
    cursor: int


@dataclass(frozen=True)
class PendingUpload:
    """A local attachment file the server may not have in full yet."""

    sha256: str
    path: Path
    size: int
    mime_type: str
    #: Gives the file's plain bytes when it is kept encrypted on disk.
    reader: Callable[[Path], bytes] | None = field(default=None, compare=False)

    def read_bytes(self) -> bytes:
        return self.reader(self.path) if self.reader else self.path.read_bytes()


class LocalStore(Protocol):
    """What the sync engine reads from and writes to the device. Every method is one transaction."""

    def device_id(self) -> str:
        """The stable id of this device's store (also the outbox's device id)."""
        ...

    def pending_entries(self, limit: int) -> list[OutboxEntry]:
        """Outbox entries not yet acknowledged by the server, oldest first."""
        ...

    def pending_push(self, limit: int, after: int = 0) -> list[CompactEntry]:
        """The same entries as ``pending_entries`` (those with a seq above ``after``), each already
        in its compact wire form."""
        ...

    def pending_count(self) -> int:
        """How many outbox entries still wait for the server."""
        ...

    def record_push_results(self, results: list[EntryResult]) -> None:
        """Mark these entries acknowledged and keep their status (rejections are shown to the user)."""
        ...

    def position(self) -> SyncPosition:
        ...

    def apply_pull_page(self, page: PullResponse) -> int:
        """Apply a page of server changes and store ``page.next_cursor`` in the same transaction.

        A pulled value never overwrites a field that has a local change the server has not
        acknowledged yet; such fields keep the local value and are pushed later. A record the
        device cannot store is set aside (kept, and reported to the user) while the rest of the
        page applies; returns how many of the page's records were set aside.
        """
        ...

    def start_epoch(self, epoch: str, acked_seq: int) -> None:
        """The server's epoch changed: pull again from zero, and mark every outbox entry after
        ``acked_seq`` as not yet acknowledged so it is sent again. The outbox is never discarded."""
        ...

    def targets_version(self) -> int:
        """The server's targets version the device's targets came with (0: the shipped ones)."""
        ...

    def apply_targets(self, version: int, targets: list[PlanTarget]) -> None:
        """Take the server's targets (all of them) and remember ``version``, in one transaction."""
        ...

    def pending_uploads(self, *, records_sent: bool = True) -> list[PendingUpload]:
        """Files the server may lack, of attachment records it already has (``records_sent``) or of
        every live attachment record (a bundle carries the records and their files together)."""
        ...

    def mark_uploaded(self, sha256: str) -> None:
        ...

    def missing_downloads(self) -> list[str]:
        """sha256 of attachments whose record arrived but whose file is not on this device."""
        ...

    def save_download(self, sha256: str, data: bytes) -> None:
        ...

    def bundle_key(self) -> str:
        """The hex seed of this device's bundle signing key (made on first use, kept in the store)."""
        ...

    def server_bundle_key(self) -> str | None:
        """The hex public key of the server this profile signed in to, if it gave one."""
        ...

    def set_server_bundle_key(self, key: str) -> None:
        ...

    def record_sync_finished(self, ok: bool, message: str) -> None:
        """Remember when the last sync ran and how it ended (shown in the status bar)."""
        ...
