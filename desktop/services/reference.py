"""Look-ups of reference data for pickers: divisions, stations, industries and targets."""

from __future__ import annotations

from desktop.domain.industries import IndustryCatalogue
from desktop.domain.search_text import normalise_query
from desktop.domain.summaries import DivisionItem, StationItem, TargetItem
from desktop.store import queries, reference_queries
from desktop.store.store import Store


__all__ = ["ReferenceService", "StationItem", "TargetItem"]


class ReferenceService:
    def __init__(self, store: Store):
        self.store = store

    def children(self, parent_code: str | None) -> list[DivisionItem]:
        """Leagues when ``parent_code`` is None, else the divisions directly under it."""
        with self.store.reader() as s:
            return queries.division_children(s, parent_code)

    def division(self, code: str) -> DivisionItem | None:
        with self.store.reader() as s:
            return queries.division(s, code)

    def search_divisions(self, text: str, level: str | None = None, within: str | None = None,
                         limit: int = 50) -> list[DivisionItem]:
        with self.store.reader() as s:
            return queries.search_divisions(s, text, level, within, limit)

    def stations(self, text: str = "") -> list[StationItem]:
        query = normalise_query(text)
        with self.store.reader() as s:
            items = reference_queries.stations(s)
        return [i for i in items if not query or query in i.name.lower() or query in i.code.lower()]

    def industries(self) -> list[str]:
        with self.store.reader() as s:
            return reference_queries.industries(s)

    def industry_catalogue(self) -> IndustryCatalogue:
        with self.store.reader() as s:
            return IndustryCatalogue(reference_queries.industry_items(s))

    def targets(self) -> list[TargetItem]:
        with self.store.reader() as s:
            return reference_queries.targets(s)
