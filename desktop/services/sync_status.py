"""What the status bar tells about sync: changes waiting to be pushed and when the last sync was."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.store import outbox
from desktop.store.store import Store


@dataclass(frozen=True)
class SyncStatus:
    pending_changes: int
    last_sync_at: dt.datetime | None  # UTC, naive like every time in the store

    @classmethod
    def of(cls, pending_changes: int, last_sync_at: str | None) -> SyncStatus:
        """From the figures as the store keeps them (the last sync as ISO 8601 text)."""
        return cls(pending_changes, _parse_time(last_sync_at))


class SyncStatusService:
    def __init__(self, store: Store):
        self.store = store

    def status(self) -> SyncStatus:
        with self.store.reader() as s:
            pending = outbox.pending_count(s)
        return SyncStatus.of(pending, self.store.state("last_sync_at"))


def _parse_time(raw: str | None) -> dt.datetime | None:
    if not raw:
        return None
    try:
        parsed = dt.datetime.fromisoformat(raw)
    except ValueError:
        return None
    return parsed.astimezone(dt.UTC).replace(tzinfo=None) if parsed.tzinfo else parsed
