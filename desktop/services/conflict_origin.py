"""Who made the other change of each open conflict, and when, for the conflicts window."""

from __future__ import annotations

from desktop.domain.summaries import ConflictOrigin
from desktop.store.conflict_origins import conflict_origins
from desktop.store.store import Store


class ConflictOriginService:
    def __init__(self, store: Store):
        self.store = store

    def origins(self, conflict_ids: list[str]) -> dict[str, ConflictOrigin]:
        with self.store.reader() as s:
            return conflict_origins(s, conflict_ids)
