"""What a sync run tells as it goes and when it ends: its phase and progress, and its report.

Apart from the engine so that the app's windows can show both without loading the wire schema
and the HTTP client (pydantic, requests) at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sync.client.errors import SyncError


class SyncPhase(StrEnum):
    PUSH = "push"
    PULL = "pull"
    UPLOAD = "upload"
    DOWNLOAD = "download"


@dataclass(frozen=True)
class SyncProgress:
    phase: SyncPhase
    done: int
    total: int | None  # None while the total is unknown (pulling)


@dataclass
class SyncReport:
    """What a run did and what is left; ``finished`` only when every phase ran to its end."""

    applied: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    set_aside: int = 0  # pulled records this device could not store (kept, shown to the user)
    removed: int = 0
    uploaded: int = 0
    downloaded: int = 0
    still_pending: int = 0  # outbox entries the server has not acknowledged yet
    uploads_pending: int = 0
    downloads_pending: int = 0
    epoch_changed: bool = False
    targets_changed: bool = False  # the server's targets (reference data) arrived
    finished: bool = False
    cancelled: bool = False
    error: SyncError | None = None
    problems: list[str] = field(default_factory=list)  # files the server refused, for the log
    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0

    @property
    def pushed(self) -> int:
        return self.applied + self.merged + self.conflicts + self.rejected

    def summary(self) -> str:
        if self.error is not None:
            head = f"failed ({self.error.kind.value}: {self.error.message})"
        elif self.cancelled:
            head = "cancelled"
        else:
            head = "finished"
        return (f"{head}; pushed {self.pushed} (applied {self.applied}, merged {self.merged}, "
                f"conflicts {self.conflicts}, rejected {self.rejected}), pulled {self.pulled} "
                f"(set aside {self.set_aside}), "
                f"uploaded {self.uploaded}, downloaded {self.downloaded}; still pending: "
                f"{self.still_pending} changes, {self.uploads_pending} uploads, {self.downloads_pending} downloads")
