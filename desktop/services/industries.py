"""Industries typed as free text that are not on the reference list: listing them and mapping them."""

from __future__ import annotations

from desktop.domain.industries import IndustryCatalogue
from desktop.services.changes import Changes
from desktop.store import industry_mapping
from desktop.store.industry_mapping import UnlistedIndustry
from desktop.store.store import Store


class IndustryService:
    """``unlisted()`` for the manager's list; ``rename(text, name)`` maps one free text to a reference
    industry on every record that uses it (each change syncs like any edit)."""

    def __init__(self, store: Store, catalogue: IndustryCatalogue):
        self.store = store
        self.catalogue = catalogue

    def unlisted(self) -> list[UnlistedIndustry]:
        with self.store.reader() as s:
            return industry_mapping.unlisted_industries(s, set(self.catalogue.names()))

    def rename(self, text: str, name: str) -> Changes:
        if not self.catalogue.is_listed(name):
            raise ValueError(f"{name!r} is not a reference industry")
        with self.store.unit_of_work() as s:
            visits, trainings, households = industry_mapping.rename_industry(s, text, name)
        return Changes(visits=bool(visits), trainings=bool(trainings), households=bool(households))
