"""Reference look-ups the UI repeats (leagues, a county's townships, industries), remembered per session."""

from __future__ import annotations

from functools import lru_cache

from desktop.domain.industries import IndustryCatalogue
from desktop.domain.summaries import DivisionItem
from desktop.services.reference import ReferenceService, StationItem


class CachedReference:
    """Same calls as ReferenceService; children, divisions and industries are read once.

    Reference data changes only when a sync brings new stations or divisions: call ``clear()``
    when ``Changes.reference`` arrives. Searches always go to the store.
    """

    def __init__(self, service: ReferenceService):
        self.service = service
        self._children = lru_cache(maxsize=2048)(service.children)
        self._division = lru_cache(maxsize=4096)(service.division)
        self._industries: list[str] | None = None
        self._catalogue: IndustryCatalogue | None = None

    def children(self, parent_code: str | None) -> list[DivisionItem]:
        return list(self._children(parent_code))

    def division(self, code: str) -> DivisionItem | None:
        return self._division(code)

    def industries(self) -> list[str]:
        if self._industries is None:
            self._industries = self.service.industries()
        return list(self._industries)

    def industry_catalogue(self) -> IndustryCatalogue:
        if self._catalogue is None:
            self._catalogue = self.service.industry_catalogue()
        return self._catalogue

    def search_divisions(self, text: str, level: str | None = None, within: str | None = None,
                         limit: int = 50) -> list[DivisionItem]:
        return self.service.search_divisions(text, level, within, limit)

    def stations(self, text: str = "") -> list[StationItem]:
        return self.service.stations(text)

    def clear(self) -> None:
        self._children.cache_clear()
        self._division.cache_clear()
        self._industries = None
        self._catalogue = None
