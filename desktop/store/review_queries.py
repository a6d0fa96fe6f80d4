"""Queries of the review workflow: a record's trail and the review queue, with each row's last comment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.records import ReviewEvent
from desktop.store.models import DemonstrationColumns, ReviewEventRow, TrainingRow, User, VisitRow
from desktop.store.wire import row_class, row_to_record
from sync.domain.vocabulary import RecordType, ReviewState

#: The kinds a station manager reviews.
REVIEWED_TYPES = (RecordType.VISIT.value, RecordType.TRAINING.value, RecordType.DEMO_BASE.value,
                  RecordType.DEMO_PROJECT.value)
#: At most this many rows of each kind come back, newest first.
QUEUE_LIMIT = 2000


@dataclass(frozen=True)
class QueueScope:
    """Whose records a queue holds: a reviewer sees the station's (not others' drafts), anyone else their own."""

    user_id: str
    station_code: str | None
    reviewer: bool


@dataclass(frozen=True)
class QueueRow:
    record_type: str
    record_id: str
    record_date: dt.date
    author_id: str
    author_name: str
    title: str  # the visit's problem, the training's topic, the base's or project's name
    village_code: str
    review_state: str
    last_comment: str


def trail(session: Session, record_id: str) -> list[ReviewEvent]:
    """Every review step of a record, oldest first."""
    rows = session.scalars(select(ReviewEventRow).where(ReviewEventRow.record_id == record_id)
                           .order_by(ReviewEventRow.created_at, ReviewEventRow.id))
    return [row_to_record(r) for r in rows]  # type: ignore[misc]


def queue(session: Session, scope: QueueScope, state: str | None, author_id: str | None,
          date_from: dt.date | None, date_to: dt.date | None) -> list[QueueRow]:
    """The visits, trainings, bases and projects in ``state`` (None: any state) in ``scope``: one
    statement per kind, each carrying every row's last review comment and its author's name."""
    items: list[QueueRow] = []
    for record_type in REVIEWED_TYPES:
        row_cls = row_class(record_type)
        items.extend(_queue_rows(session, record_type, row_cls, scope, state, author_id, date_from, date_to))
    return sorted(items, key=lambda i: (i.record_date, i.record_id), reverse=True)


def _queue_rows(session: Session, record_type: str, row_cls, scope: QueueScope, state: str | None,
                author_id: str | None, date_from: dt.date | None, date_to: dt.date | None) -> Iterator[QueueRow]:
    place_col = row_cls.village_code
    if issubclass(row_cls, DemonstrationColumns):  # dated by when it was recorded; placed in its county at least
        date_col, title_col = row_cls.created_at, row_cls.name
        place_col = func.coalesce(func.nullif(row_cls.village_code, ""), row_cls.county_code)
    elif row_cls is TrainingRow:
        date_col, title_col = row_cls.training_date, row_cls.topic
    else:
        date_col, title_col = VisitRow.visit_date, VisitRow.problem
    # The newest comment of each record, numbered within the record: one pass over the events.
    ranked = select(ReviewEventRow.record_id, ReviewEventRow.comment,
                    func.row_number().over(partition_by=ReviewEventRow.record_id,
                                           order_by=ReviewEventRow.created_at.desc()).label("n")).subquery()
    stmt = (select(row_cls.id, date_col, row_cls.author_id, User.display_name, title_col, place_col,
                   row_cls.review_state, ranked.c.comment)
            .outerjoin(User, User.id == row_cls.author_id)
            .outerjoin(ranked, (ranked.c.record_id == row_cls.id) & (ranked.c.n == 1))
            .where(row_cls.deleted.is_(False)))
    if state:
        stmt = stmt.where(row_cls.review_state == state)
    if scope.reviewer:
        # A member's draft is not theirs to review until it is submitted.
        stmt = stmt.where(row_cls.station_id == scope.station_code,
                          or_(row_cls.review_state != ReviewState.DRAFT.value, row_cls.author_id == scope.user_id))
    else:
        stmt = stmt.where(row_cls.author_id == scope.user_id)
    if author_id:
        stmt = stmt.where(row_cls.author_id == author_id)
    if date_from:
        stmt = stmt.where(date_col >= date_from)
    if date_to:
        stmt = stmt.where(date_col <= date_to)
    for record_id, day, author, name, title, village, review_state, comment in session.execute(
            stmt.order_by(date_col.desc()).limit(QUEUE_LIMIT)):
        day = day.date() if isinstance(day, dt.datetime) else day
        yield QueueRow(record_type, record_id, day, author, name or "", title, village, review_state, comment or "")
