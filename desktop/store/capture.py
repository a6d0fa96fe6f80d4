"""Change capture: every local insert, update and soft delete of a synced row writes its outbox
entry in the same transaction, whichever code path made the change.

It hooks the ORM session's flush, so a change cannot reach the database without its entry; changes
applied from a pull set ``session.info["applying_remote"]`` and are not captured again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from desktop.store.models import OutboxRow, SyncedRow, SyncState
from desktop.store.wire import UNCAPTURED_FIELDS, record_type_of, synced_fields, to_wire
from sync.domain.vocabulary import ChangeKind

APPLYING_REMOTE = "applying_remote"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _state(session: Session, key: str) -> SyncState:
    row = session.get(SyncState, key)
    if row is None:
        raise RuntimeError(f"store has no {key!r}; was it initialised?")
    return row


def _next_seq(session: Session) -> int:
    row = _state(session, "next_seq")
    seq = int(row.value)
    row.value = str(seq + 1)
    return seq


def _apply_column_defaults(row: SyncedRow) -> None:
    # Column defaults would only be filled in by the INSERT; the outbox must see the same values.
    for column in inspect(row).mapper.columns:
        default = column.default
        if default is None or getattr(row, column.key) is not None:
            continue
        if default.is_scalar:
            setattr(row, column.key, default.arg)
        elif default.is_callable:
            setattr(row, column.key, default.arg(None))


def _created_changes(row: SyncedRow) -> dict[str, Any]:
    _apply_column_defaults(row)
    return {f: {"old": None, "new": to_wire(getattr(row, f))} for f in synced_fields(record_type_of(row))}


def _updated_changes(row: SyncedRow) -> dict[str, Any]:
    changes = {}
    state = inspect(row)
    for f in synced_fields(record_type_of(row)):
        if f in UNCAPTURED_FIELDS:
            continue
        history = state.attrs[f].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if to_wire(old) != to_wire(new):
            changes[f] = {"old": to_wire(old), "new": to_wire(new)}
    return changes


def _base_revision(row: SyncedRow) -> int:
    history = inspect(row).attrs["revision"].history
    return int(history.deleted[0] if history.deleted else row.revision or 0)


def register(sessions: sessionmaker[Session]) -> None:
    """Capture the changes of every session ``sessions`` makes (the store's writer sessions)."""
    event.listen(sessions, "before_flush", _capture)


def _capture(session: Session, _flush_context: object, _instances: object) -> None:
    if session.info.get(APPLYING_REMOTE):
        return
    entries: list[tuple[SyncedRow, ChangeKind, int, dict[str, Any]]] = []
    for row in session.new:
        if isinstance(row, SyncedRow):
            entries.append((row, ChangeKind.CREATE, 0, _created_changes(row)))
    for row in session.dirty:
        if isinstance(row, SyncedRow) and session.is_modified(row):
            changes = _updated_changes(row)
            if not changes:
                continue
            kind = ChangeKind.DELETE if changes.get("deleted", {}).get("new") is True else ChangeKind.UPDATE
            entries.append((row, kind, _base_revision(row), changes))
    for row in session.deleted:
        if isinstance(row, SyncedRow):
            raise RuntimeError("synced records are never hard-deleted; set deleted=True")
    if not entries:
        return
    device_id = _state(session, "device_id").value
    now = utcnow()
    for row, kind, base, changes in entries:
        session.add(OutboxRow(
            seq=_next_seq(session), device_id=device_id, record_type=record_type_of(row).value,
            record_id=row.id, kind=kind.value, base_revision=base, changes=changes, created_at=now,
        ))

