"""A health check of the local store for ``fieldbook --self-test`` and support."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.store import health
from desktop.store.store import Store


@dataclass(frozen=True)
class StoreReport:
    ok: bool
    problems: tuple[str, ...]
    visits: int
    trainings: int
    households: int


class StoreCheckService:
    def __init__(self, store: Store):
        self.store = store

    def check(self) -> StoreReport:
        """SQLite's ``PRAGMA integrity_check`` plus the record counts; ``ok`` only if SQLite says "ok"."""
        with self.store.reader() as s:
            lines, counts = health.integrity(s)
        ok = lines == ["ok"]
        return StoreReport(ok, () if ok else tuple(lines), *counts)
