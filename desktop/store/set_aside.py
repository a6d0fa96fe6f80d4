"""Pulled records this device cannot store: set aside with the reason, so the rest of a page still applies.

A page is applied one record type at a time inside a savepoint; when that fails (a household
without a name that an older server accepted, a date that is no date, anything a local constraint
refuses), each half is applied again in its own savepoint, and so on down to single records; the
ones that fail alone are kept in ``set_aside_rows`` exactly as the server sent them. Nothing is
lost: every sync tries them again (a newer revision from the server, or a newer app, may store
them), and a stored record removes its set-aside row. A new epoch clears the list: its re-pull
sends again whatever is still in the user's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from desktop.store.capture import utcnow
from desktop.store.models import SetAsideRow
from sync.domain.vocabulary import RecordType
from sync.protocol import RecordChange

#: What a failed write of one pulled record raises: the database refusing it, or a value that is
#: not of the column's kind (a date that does not parse, a number where text belongs).
_STORE_ERRORS = (SQLAlchemyError, ValueError, TypeError, AttributeError)

ApplyChanges = Callable[[Session, RecordType, list[RecordChange]], None]


@dataclass(frozen=True)
class SetAsideChange:
    """A record the server sent that this device could not store, and why."""

    record_type: str
    record_id: str
    revision: int
    reason: str
    time: dt.datetime  # when it was last set aside (naive UTC)


def apply_or_set_aside(s: Session, record_type: RecordType, changes: list[RecordChange],
                       apply: ApplyChanges) -> int:
    """Apply ``changes`` with ``apply``; those it cannot store are set aside. Returns how many were."""
    failed = {c.record_id for c in _apply_part(s, record_type, changes, apply)}
    stored = [c.record_id for c in changes if c.record_id not in failed]
    for start in range(0, len(stored), 500):
        s.execute(delete(SetAsideRow).where(SetAsideRow.record_type == record_type.value,
                                            SetAsideRow.record_id.in_(stored[start:start + 500])))
    return len(failed)


def retry_all(s: Session, apply: ApplyChanges) -> None:
    """Try every set-aside record again; the ones that now store leave the list."""
    for row in s.scalars(select(SetAsideRow)).all():
        change = RecordChange(record_type=row.record_type, record_id=row.record_id, revision=row.revision,
                              fields=row.fields)
        apply_or_set_aside(s, RecordType(row.record_type), [change], apply)


def held(s: Session) -> list[SetAsideChange]:
    rows = s.scalars(select(SetAsideRow).order_by(SetAsideRow.set_aside_at.desc(), SetAsideRow.record_id))
    return [SetAsideChange(r.record_type, r.record_id, r.revision, r.reason, r.set_aside_at) for r in rows]


def count(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(SetAsideRow)) or 0


def _apply_part(s: Session, record_type: RecordType, changes: list[RecordChange],
                apply: ApplyChanges) -> list[RecordChange]:
    """Apply ``changes`` in a savepoint; if that fails, each half again (one bad record in a page
    of 500 costs about 18 savepoints, not 500). Returns the changes set aside."""
    try:
        with s.begin_nested():
            apply(s, record_type, changes)
            s.flush()
        return []
    except _STORE_ERRORS as exc:
        if len(changes) == 1:
            _keep(s, changes[0], _reason(exc))
            return changes
    middle = len(changes) // 2
    return (_apply_part(s, record_type, changes[:middle], apply)
            + _apply_part(s, record_type, changes[middle:], apply))


def _keep(s: Session, change: RecordChange, reason: str) -> None:
    row = s.get(SetAsideRow, (change.record_type.value, change.record_id))
    if row is None:
        row = SetAsideRow(record_type=change.record_type.value, record_id=change.record_id)
        s.add(row)
    row.revision = change.revision
    row.fields = dict(change.fields)
    row.reason = reason
    row.set_aside_at = utcnow()
    s.flush()


def _reason(exc: BaseException) -> str:
    """The database's own words (e.g. "NOT NULL constraint failed: households.name"), without the SQL."""
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).splitlines()[0][:500] or type(exc).__name__
