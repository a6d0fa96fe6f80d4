"""A health check of the local store for ``fieldbook --self-test`` and support."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from desktop.store.models import HouseholdRow, TrainingRow, VisitRow
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
        try:
            with self.store.reader() as s:
                lines = [row[0] for row in s.execute(text("PRAGMA integrity_check"))]
                counts = [s.scalar(select(func.count()).select_from(t)) or 0
                          for t in (VisitRow, TrainingRow, HouseholdRow)]
        except DatabaseError as exc:  # so damaged that SQLite cannot even walk it
            return StoreReport(False, (str(exc.orig or exc),), 0, 0, 0)
        ok = lines == ["ok"]
        return StoreReport(ok, () if ok else tuple(lines), *counts)
