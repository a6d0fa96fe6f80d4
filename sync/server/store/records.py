"""The records table: load a record for a merge, stage and number planned rows, page through changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import and_, bindparam, insert, select, tuple_, update
from sqlalchemy.orm import Session

from sync.protocol import RecordChange, RecordType
from sync.server.entry_planner import RowWrite, StoredRecord
from sync.server.scope import Audience, RowScope, Viewer
from sync.server.store import changes
from sync.server.store.models import Record
from sync.server.store.visibility import visible_to

#: change_seq of a row staged in an open transaction; ``number`` replaces it just before commit.
PENDING_SEQ = 0

RecordKey = tuple[str, str]

# Built once: a push runs these for every entry, and a fresh statement costs more than the query.
_table = Record.__table__
_by_key = and_(_table.c.record_type == bindparam("k_type"), _table.c.record_id == bindparam("k_id"))
_LOAD = select(_table.c.revision, _table.c.fields, _table.c.audience, _table.c.owner_id, _table.c.station_id,
               _table.c.county_code, _table.c.league_code).where(_by_key)
_LOAD_LOCKED = _LOAD.with_for_update()
_INSERT = insert(_table)
_OVERWRITE = update(_table).where(_by_key)
_NUMBER = update(_table).where(_by_key).values(change_seq=bindparam("k_seq"))


def load(session: Session, record_type: str, record_id: str, *, lock: bool = False) -> StoredRecord | None:
    """The stored record; with ``lock`` its row stays locked until the transaction ends."""
    row = session.execute(_LOAD_LOCKED if lock else _LOAD, {"k_type": record_type, "k_id": record_id}).one_or_none()
    if row is None:
        return None
    scope = RowScope(Audience(row.audience), row.owner_id, row.station_id, row.county_code, row.league_code)
    return StoredRecord(RecordType(record_type), record_id, row.revision, dict(row.fields), scope)


#: Keys per bulk SELECT: well below SQLite's bound-parameter limit, one round trip for a push chunk.
_LOAD_BATCH = 400


def load_many(session: Session, keys: Sequence[RecordKey], *, lock: bool = False) -> dict[RecordKey, StoredRecord]:
    """The stored records among ``keys`` in as few queries as possible; with ``lock`` their rows stay
    locked until the transaction ends (taken in key order, so two pushes lock in the same order)."""
    found: dict[RecordKey, StoredRecord] = {}
    unique = sorted(set(keys))
    for start in range(0, len(unique), _LOAD_BATCH):
        batch = unique[start:start + _LOAD_BATCH]
        query = (select(_table.c.record_type, _table.c.record_id, _table.c.revision, _table.c.fields,
                        _table.c.audience, _table.c.owner_id, _table.c.station_id, _table.c.county_code,
                        _table.c.league_code)
                 .where(tuple_(_table.c.record_type, _table.c.record_id).in_(batch)).order_by(_table.c.record_type, _table.c.record_id))
        for row in session.execute(query.with_for_update() if lock else query):
            scope = RowScope(Audience(row.audience), row.owner_id, row.station_id, row.county_code, row.league_code)
            found[(row.record_type, row.record_id)] = StoredRecord(RecordType(row.record_type), row.record_id,
                                                                   row.revision, dict(row.fields), scope)
    return found


def stage(session: Session, writes: Sequence[RowWrite], now: dt.datetime) -> list[RecordKey]:
    """Insert or overwrite the rows with a pending change number; returns their keys for ``number``.

    Several writes of one key (a create and its edits pushed together) become one row write of
    the last state: an insert if the first was new, else an overwrite. Inserts go out as one
    multi-row statement and overwrites as one executemany, whatever the number of rows.
    """
    last: dict[RecordKey, RowWrite] = {}
    for row in writes:
        key = (row.record_type, row.record_id)
        first = last.get(key)
        last[key] = row if first is None else replace(row, is_new=first.is_new)
    new = [{"record_type": row.record_type, "record_id": row.record_id, **_column_values(row, now)}
           for row in last.values() if row.is_new]
    if new:
        session.execute(_INSERT, new)
    overwrites = [{"k_type": row.record_type, "k_id": row.record_id, **_column_values(row, now)}
                  for row in last.values() if not row.is_new]
    if overwrites:
        session.execute(_OVERWRITE, overwrites)
    return list(last)


def number(session: Session, keys: Sequence[RecordKey]) -> None:
    """Give each staged row its change number: the last step of a write transaction (store.changes).

    Only rows this transaction already holds are touched, so nothing here waits on another
    transaction while the change counter is locked.
    """
    unique = list(dict.fromkeys(keys))
    if not unique:
        return
    first = changes.allocate(session, len(unique))
    session.execute(_NUMBER, [{"k_type": record_type, "k_id": record_id, "k_seq": first + i}
                              for i, (record_type, record_id) in enumerate(unique)])


def write(session: Session, writes: Sequence[RowWrite], now: dt.datetime) -> None:
    """Stage and number in one go, for transactions that write nothing after these rows."""
    number(session, stage(session, writes, now))


def _column_values(row: RowWrite, now: dt.datetime) -> dict[str, Any]:
    sha256 = row.fields.get("sha256") if row.record_type == RecordType.ATTACHMENT.value else None
    return {
        "revision": row.revision, "change_seq": PENDING_SEQ, "author_id": row.fields.get("author_id") or None,
        "owner_id": row.scope.owner_id, "audience": row.scope.audience.value, "station_id": row.scope.station_id,
        "county_code": row.scope.county_code, "league_code": row.scope.league_code,
        "attachment_sha256": sha256 if isinstance(sha256, str) else None,
        "deleted": row.fields.get("deleted") is True, "fields": row.fields, "server_updated_at": now,
    }


def changes_after(session: Session, viewer: Viewer, cursor: int, limit: int) -> list[tuple[int, RecordChange]]:
    """Up to ``limit`` records the viewer may see changed after ``cursor``, in change order."""
    rows = session.execute(
        select(Record.change_seq, Record.record_type, Record.record_id, Record.revision, Record.fields)
        .where(Record.change_seq > cursor, visible_to(viewer))
        .order_by(Record.change_seq).limit(limit)
    )
    return [(seq, RecordChange(record_type=RecordType(record_type), record_id=record_id, revision=revision,
                               fields=fields))
            for seq, record_type, record_id, revision, fields in rows]


def attachment_visible(session: Session, viewer: Viewer, sha256: str) -> str | None:
    """The mime type of an attachment record for ``sha256`` the viewer may see, or None if none."""
    fields = session.execute(
        select(Record.fields).where(Record.attachment_sha256 == sha256,
                                    Record.record_type == RecordType.ATTACHMENT.value,
                                    Record.deleted.is_(False), visible_to(viewer)).limit(1)
    ).scalar_one_or_none()
    if fields is None:
        return None
    mime = fields.get("mime_type")
    return mime if isinstance(mime, str) and mime else "application/octet-stream"
