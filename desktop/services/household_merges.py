"""A station manager merges two household records of one family: the calls the merge dialog makes.

The merge is an ordinary local change, so it works offline and syncs like any other: the household
that goes away gets ``merged_into`` (the one kept), captured in the outbox. When the server applies
it, it repoints every visit and training naming the merged-away household (also those of
colleagues this laptop never saw) and devices pull those changes; an edit a colleague made offline
to the merged-away household lands on the one kept, or in a conflict (sync.server.household_merge).
Until then this laptop already lists and counts the family once: lists hide merged-away
households and the indicators count their visits under the household kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.domain.records import Household
from desktop.services.changes import Changes
from desktop.services.identity import Identity
from desktop.store import queries, repository
from desktop.store.store import Store
from sync.domain.vocabulary import Role


class MergeRefused(Exception):
    """A merge that cannot be made; ``str()`` is the English source text (translated in context
    "HouseholdMerges") and ``name`` the household it names, if any."""

    def __init__(self, message: str, name: str = ""):
        super().__init__(message)
        self.name = name


@dataclass(frozen=True)
class MergePreview:
    """What merging ``merged`` into ``kept`` moves: the visits and trainings naming ``merged``."""

    kept: Household
    merged: Household
    visits: int
    trainings: int


class HouseholdMergeService:
    """Merges for the station manager of the households' station; everyone else gets MergeRefused."""

    def __init__(self, store: Store, identity: Identity):
        self.store = store
        self.identity = identity

    @property
    def may_merge(self) -> bool:
        return self.identity.role is Role.STATION_MANAGER

    def candidates(self, household_id: str) -> tuple[Household, list[Household]]:
        """The household and the ones that look like the same family (the duplicate check's)."""
        with self.store.reader() as s:
            household = self._live(s, household_id)
            return household, repository.likely_duplicates(s, household)

    def preview(self, merged_id: str, kept_id: str) -> MergePreview:
        with self.store.reader() as s:
            merged, kept = self._pair(s, merged_id, kept_id)
            return MergePreview(kept, merged, len(queries.household_visit_ids(s, merged_id)),
                                len(queries.household_training_ids(s, merged_id)))

    def merge(self, merged_id: str, kept_id: str) -> Changes:
        """Merge household ``merged_id`` into ``kept_id``; raises MergeRefused, writing nothing."""
        with self.store.unit_of_work() as s:
            merged, _kept = self._pair(s, merged_id, kept_id)
            repository.put(s, merged.with_changes(merged_into=kept_id))
        return Changes(households=True, visits=True, trainings=True)

    def _pair(self, session, merged_id: str, kept_id: str) -> tuple[Household, Household]:
        if not self.may_merge:
            raise MergeRefused(QT_TRANSLATE_NOOP("HouseholdMerges", "Only a station manager may merge households."))
        if merged_id == kept_id:
            raise MergeRefused(QT_TRANSLATE_NOOP("HouseholdMerges", "Choose two different households."))
        merged, kept = self._live(session, merged_id), self._live(session, kept_id)
        for household in (merged, kept):
            if household.station_id != self.identity.station_code:
                raise MergeRefused(QT_TRANSLATE_NOOP("HouseholdMerges", "%1 belongs to another station."), household.name)
        return merged, kept

    @staticmethod
    def _live(session, household_id: str) -> Household:
        household = repository.get(session, Household, household_id)
        if household is None or household.deleted:
            raise MergeRefused(QT_TRANSLATE_NOOP("HouseholdMerges", "The household is no longer on this laptop."))
        if household.merged_into:
            raise MergeRefused(QT_TRANSLATE_NOOP("HouseholdMerges", "%1 was already merged into another household."), household.name)
        return household
