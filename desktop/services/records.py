"""The calls the UI makes on visits, trainings and households: save, delete, get, list, search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from desktop.domain import kinds
from desktop.domain.concurrent_edit import merge_edit
from desktop.domain.filters import RecordFilter, SortKey
from desktop.domain.records import Household, Record, Training, Visit
from desktop.domain.summaries import DemonstrationSummary, HouseholdSummary, TrainingSummary, VisitSummary
from desktop.domain.validation import Context, validate
from desktop.services.changes import Changes
from desktop.services.identity import Identity
from desktop.services.review import take_step
from desktop.store import demonstration_queries, queries, repository
from desktop.store.store import Store
from desktop.store.wire import record_values
from sync.domain.fields import is_content_field
from sync.domain.vocabulary import ReviewAction, ReviewState

R = TypeVar("R", bound=Record)



def _content_changed(before: Record, after: Record) -> bool:
    old, new = record_values(before), record_values(after)
    return any(old[k] != new[k] for k in old if is_content_field(k) and k not in ("revision", "id"))


@dataclass(frozen=True)
class HouseholdHistory:
    household: Household
    visits: list[Visit]
    trainings: list[Training]


class RecordService:
    """Every write validates first (bad input never reaches the store) and returns what changed."""

    def __init__(self, store: Store, identity: Identity, today: Callable[[], dt.date] = dt.date.today):
        self.store = store
        self.identity = identity
        self.today = today

    # --- writes ---------------------------------------------------------------------------

    def save(self, record: R, county_code: str | None = None, *, base: R | None = None) -> tuple[R, Changes]:
        """Create or update ``record``; raises ValidationError naming the first bad field.

        ``base`` is the record as the editor loaded it. If the stored record changed since (a pull,
        a review, another window), the edit is merged field by field into the stored one, and
        EditConflict is raised, with nothing written, where both changed the same field.
        """
        with self.store.unit_of_work() as s:
            existing = repository.get(s, type(record), record.id)
            if base is not None and base.created_at is not None:
                record = merge_edit(base, record, existing)
            if existing is None:
                record = record.with_changes(author_id=self.identity.user_id,
                                             station_id=record.station_id or self.identity.station_code)
            else:
                record = record.with_changes(author_id=existing.author_id, station_id=existing.station_id)
            validate(record, self._context(s, county_code))
            if hasattr(record, "review_state"):  # visits, trainings, bases and projects
                record = self._review_state_after_edit(s, existing, record)
            saved = repository.put(s, record)
            if isinstance(saved, (Visit, Training)):
                before = existing.photo_ids if isinstance(existing, (Visit, Training)) else ()
                repository.keep_photo_attachments(s, saved, self.identity.user_id, before)
        return saved, Changes.of(kinds.of_class(type(record)).change_flag, [saved.id])

    def check(self, record: Record, county_code: str | None = None) -> None:
        """Raise ValidationError naming every bad field of ``record``, as ``save`` would; writes nothing."""
        with self.store.reader() as s:
            validate(record, self._context(s, county_code))

    def _context(self, session, county_code: str | None) -> Context:
        return Context(today=self.today(), village_exists=lambda code: repository.village_exists(session, code),
                       county_code=county_code,
                       division_exists=lambda code: repository.division_exists(session, code),
                       household_consented=lambda household_id: repository.household_consented(session, household_id))

    def _review_state_after_edit(self, session, existing: R | None, record: R) -> R:
        """A form may ask to submit (with its review event); any other change of state goes
        through the ReviewService. Editing what was approved sends it back for review."""
        before = ReviewState(existing.review_state) if existing else ReviewState.DRAFT
        wanted = ReviewState(record.review_state)
        record = record.with_changes(review_state=before)
        if wanted is ReviewState.SUBMITTED and before is not ReviewState.SUBMITTED:
            return take_step(session, self.identity, record, ReviewAction.SUBMIT)
        if before is ReviewState.APPROVED and existing is not None and _content_changed(existing, record):
            return record.with_changes(review_state=ReviewState.SUBMITTED)
        return record

    def delete(self, cls: type[Record], record_id: str) -> Changes:
        with self.store.unit_of_work() as s:
            deleted = repository.soft_delete(s, cls, record_id)
            if deleted and cls in (Visit, Training):
                repository.keep_photo_attachments(s, repository.get(s, cls, record_id), self.identity.user_id)
        return Changes.of(kinds.of_class(cls).change_flag, [record_id]) if deleted else Changes()

    # --- reads ----------------------------------------------------------------------------

    def get(self, cls: type[R], record_id: str) -> R | None:
        with self.store.reader() as s:
            return repository.get(s, cls, record_id)

    def count_visits(self, f: RecordFilter) -> int:
        with self.store.reader() as s:
            return queries.count_visits(s, self._own_drafts(f))

    def list_visits(self, f: RecordFilter, offset: int = 0, limit: int = 200) -> list[VisitSummary]:
        with self.store.reader() as s:
            return queries.list_visits(s, self._own_drafts(f), offset, limit)

    def count_trainings(self, f: RecordFilter) -> int:
        with self.store.reader() as s:
            return queries.count_trainings(s, self._own_drafts(f))

    def list_trainings(self, f: RecordFilter, offset: int = 0, limit: int = 200) -> list[TrainingSummary]:
        with self.store.reader() as s:
            return queries.list_trainings(s, self._own_drafts(f), offset, limit)

    def list_demonstrations(self, text: str = "", county_code: str | None = None) -> list[DemonstrationSummary]:
        """The demonstration bases and projects this device holds (the station's), bases first."""
        with self.store.reader() as s:
            return demonstration_queries.list_demonstrations(s, text, county_code)

    def demonstration_name(self, record_id: str | None) -> str | None:
        with self.store.reader() as s:
            return demonstration_queries.demonstration_name(s, record_id)

    def _own_drafts(self, f: RecordFilter) -> RecordFilter:
        """``f`` narrowed so that another member's drafts never show (they are theirs until submitted)."""
        return replace(f, drafts_of=self.identity.user_id)

    def count_households(self, text: str = "", division_code: str | None = None) -> int:
        with self.store.reader() as s:
            return queries.count_households(s, text, division_code)

    def list_households(self, text: str = "", division_code: str | None = None, offset: int = 0,
                        limit: int = 200, sort: SortKey = SortKey.NAME,
                        descending: bool = False) -> list[HouseholdSummary]:
        """Households matching ``text`` within a division, by default in pinyin order of their names."""
        with self.store.reader() as s:
            return queries.list_households(s, text, division_code, offset, limit, sort, descending)

    def likely_duplicates(self, household: Household) -> list[Household]:
        """Households that look like the same people: same normalised phone, or same name and village."""
        with self.store.reader() as s:
            return repository.likely_duplicates(s, household)

    def household_history(self, household_id: str) -> HouseholdHistory | None:
        with self.store.reader() as s:
            household = repository.get(s, Household, household_id)
            if household is None:
                return None
            visits = [repository.get(s, Visit, i) for i in queries.household_visit_ids(s, household_id)]
            trainings = [repository.get(s, Training, i) for i in queries.household_training_ids(s, household_id)]
            return HouseholdHistory(household, [v for v in visits if v], [t for t in trainings if t])
