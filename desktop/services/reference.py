"""Look-ups of reference data for pickers: divisions, stations, industries and targets."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.domain.industries import IndustryCatalogue, IndustryItem
from desktop.domain.search_text import normalise_query
from desktop.domain.summaries import DivisionItem
from desktop.store import queries
from desktop.store.models import Industry, Station, Target
from desktop.store.store import Store


@dataclass(frozen=True)
class StationItem:
    code: str
    name: str
    county_code: str
    league_code: str
    industries: tuple[str, ...]


@dataclass(frozen=True)
class TargetItem:
    key: str
    name_zh: str
    name_en: str
    value: float
    unit: str
    scope: str


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
            rows = s.scalars(select(Station).order_by(Station.code))
            items = [StationItem(r.code, r.name, r.county_code, r.league_code, tuple(r.industries)) for r in rows]
        return [i for i in items if not query or query in i.name.lower() or query in i.code.lower()]

    def industries(self) -> list[str]:
        with self.store.reader() as s:
            return list(s.scalars(select(Industry.name).order_by(Industry.code)))

    def industry_catalogue(self) -> IndustryCatalogue:
        with self.store.reader() as s:
            return IndustryCatalogue([IndustryItem(r.code, r.name, r.name_en, tuple(r.aliases or ()))
                                      for r in s.scalars(select(Industry).order_by(Industry.code))])

    def targets(self) -> list[TargetItem]:
        with self.store.reader() as s:
            return [TargetItem(t.key, t.name_zh, t.name_en, t.value, t.unit, t.scope)
                    for t in s.scalars(select(Target).order_by(Target.key))]
