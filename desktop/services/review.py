"""Review of visits, trainings, demonstration bases and projects: submit, approve, return with a comment, and the queue a manager works.

Every step changes the record's ``review_state`` and appends a ReviewEvent in the same transaction;
both sync like any edit, and the server checks the same state machine (sync.domain.review).
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from desktop.domain import kinds
from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.domain.records import Record, ReviewEvent, Training, Visit
from desktop.domain.validation import FieldError, ValidationError
from desktop.services.changes import Changes
from desktop.services.identity import Identity
from desktop.store import repository, review_queries
from desktop.store.review_queries import QueueRow as QueueItem
from desktop.store.review_queries import QueueScope
from desktop.store.store import Store, Unit
from sync.domain.review import REVIEW_TRANSITIONS
from sync.domain.typical_cases import MARKING_ROLES, standing, write_up_problem
from sync.domain.vocabulary import ReviewAction, ReviewState

R = TypeVar("R", bound=Record)
_NOT_ALLOWED = QT_TRANSLATE_NOOP("Validation", "You cannot do this to a record in this state.")
_COMMENT_NEEDED = QT_TRANSLATE_NOOP("Validation", "Say what needs fixing, so the author can correct it.")
_WRITE_UP_NEEDED = QT_TRANSLATE_NOOP("Validation", "Write up the typical case in 1 to 500 characters.")

__all__ = ["QueueItem", "ReviewService", "take_step"]


def take_step(session: Unit, identity: Identity, record: R, action: ReviewAction, comment: str = "") -> R:
    """``record`` moved by ``action``, with its ReviewEvent added to ``session``; refused with a
    ValidationError when the state machine or the user's role does not allow it. The caller puts
    the returned record in the same transaction."""
    before = ReviewState(record.review_state)
    step = REVIEW_TRANSITIONS.get((before, action))
    allowed = step is not None and identity.role in step[1]
    if action is ReviewAction.SUBMIT and record.author_id and record.author_id != identity.user_id:
        allowed = allowed and identity.can_review
    if not allowed:
        raise ValidationError([FieldError("review_state", _NOT_ALLOWED)])
    after = step[0]
    repository.put(session, ReviewEvent(
        author_id=identity.user_id, station_id=record.station_id, record_type=record.RECORD_TYPE,
        record_id=record.id, action=action, comment=comment, from_state=before, to_state=after,
    ))
    return record.with_changes(review_state=after)


class ReviewService:
    def __init__(self, store: Store, identity: Identity):
        self.store = store
        self.identity = identity

    def submit(self, record_type: str, record_id: str) -> Changes:
        return self._step(record_type, record_id, ReviewAction.SUBMIT, "")

    def approve(self, record_type: str, record_id: str) -> Changes:
        return self._step(record_type, record_id, ReviewAction.APPROVE, "")

    def return_for_fixes(self, record_type: str, record_id: str, comment: str) -> Changes:
        if not comment.strip():
            raise ValidationError([FieldError("comment", _COMMENT_NEEDED)])
        return self._step(record_type, record_id, ReviewAction.RETURN, comment.strip())

    def mark_typical(self, record_type: str, record_id: str, write_up: str) -> Changes:
        """Mark the record a typical case (典型案例) with ``write_up``; a review event that changes no
        state, checked by the rules the server applies (sync.domain.typical_cases)."""
        if write_up_problem(write_up):
            raise ValidationError([FieldError("write_up", _WRITE_UP_NEEDED)])
        return self._mark(record_type, record_id, ReviewAction.MARK_TYPICAL, write_up.strip())

    def unmark_typical(self, record_type: str, record_id: str) -> Changes:
        return self._mark(record_type, record_id, ReviewAction.UNMARK_TYPICAL, "")

    @staticmethod
    def typical_write_up(trail: list[ReviewEvent]) -> str | None:
        """The write-up of the mark that stands in a record's ``trail`` (None: not a typical case)."""
        found = standing({"id": e.id, "record_type": str(e.record_type), "record_id": e.record_id,
                          "action": str(e.action), "comment": e.comment,
                          "created_at": e.created_at.isoformat() if e.created_at else ""} for e in trail)
        return next((str(e["comment"]) for e in found.values()), None)

    def _mark(self, record_type: str, record_id: str, action: ReviewAction, comment: str) -> Changes:
        cls = kinds.record_class(record_type)
        if cls not in (Visit, Training) or self.identity.role not in MARKING_ROLES:
            raise ValidationError([FieldError("record", _NOT_ALLOWED)])
        with self.store.unit_of_work() as s:
            record = repository.get(s, cls, record_id)
            if record is None or record.deleted:
                raise ValidationError([FieldError("record", _NOT_ALLOWED)])
            state = ReviewState(record.review_state)
            repository.put(s, ReviewEvent(author_id=self.identity.user_id, station_id=record.station_id,
                                          record_type=record.RECORD_TYPE, record_id=record.id, action=action,
                                          comment=comment, from_state=state, to_state=state))
        return Changes(reviews=True) | Changes.of(kinds.of_class(cls).change_flag, [record_id])

    def _step(self, record_type: str, record_id: str, action: ReviewAction, comment: str) -> Changes:
        cls = kinds.record_class(record_type)
        if cls not in {k.record_class for k in kinds.reviewed()}:
            raise ValueError(f"only visits, trainings, bases and projects are reviewed, not {record_type}")
        with self.store.unit_of_work() as s:
            record = repository.get(s, cls, record_id)
            if record is None or record.deleted:
                raise ValidationError([FieldError("record", _NOT_ALLOWED)])
            repository.put(s, take_step(s, self.identity, record, action, comment))
        return Changes(reviews=True) | Changes.of(kinds.of_class(cls).change_flag, [record_id])

    def trail(self, record_id: str) -> list[ReviewEvent]:
        """Every review step of a record, oldest first."""
        with self.store.reader() as s:
            return review_queries.trail(s, record_id)

    def queue(self, state: str | None = ReviewState.SUBMITTED, author_id: str | None = None,
              date_from: dt.date | None = None, date_to: dt.date | None = None) -> list[QueueItem]:
        """The station's visits, trainings, bases and projects in ``state`` (None: any state), newest first.

        A specialist's queue is their own records, so they see what was returned to them.
        """
        scope = QueueScope(self.identity.user_id, self.identity.station_code, self.identity.can_review)
        with self.store.reader() as s:
            return review_queries.queue(s, scope, state, author_id, date_from, date_to)
