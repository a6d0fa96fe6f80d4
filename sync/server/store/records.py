"""The records table: load a record for a merge, stage and number planned rows, page through changes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from sqlalchemy import (BigInteger, Integer, Select, Text, and_, bindparam, cast, column, exists, func,
                        select, text, tuple_, update)
from sqlalchemy.orm import Session

from sync.domain.vocabulary import RecordType, Role
from sync.server.entry_planner import RowWrite, StoredRecord
from sync.server.scope import Audience, RowScope, Viewer
from sync.server.store import bulk_insert, changes, evaluation_summary, visibility
from sync.server.store.models import Attachment, Record

#: On SQLite, rows staged in an open transaction carry ``-position`` (1, 2, … in staging order) as
#: their change_seq until ``number`` gives them their number just before commit (the counter's lock
#: is then held for the commit only). Only the staging transaction sees them: pulls ask for numbers
#: above a cursor, which is never negative. PostgreSQL numbers from the transaction's own id
#: (store.changes), which locks nothing, so its rows are written with their numbers at once and
#: no second write of every row is needed.

RecordKey = tuple[str, str]

# Built once: a push runs these for every entry, and a fresh statement costs more than the query.
_table = Record.__table__
_by_key = and_(_table.c.record_type == bindparam("k_type"), _table.c.record_id == bindparam("k_id"))
_LOAD = select(_table.c.revision, _table.c.fields, _table.c.audience, _table.c.owner_id, _table.c.station_id,
               _table.c.county_code, _table.c.league_code).where(_by_key)
_LOAD_LOCKED = _LOAD.with_for_update()
_OVERWRITE = update(_table).where(_by_key)
_NUMBER = update(_table).where(_table.c.change_seq < 0).values(
    change_seq=bindparam("k_base", type_=BigInteger) - _table.c.change_seq)


def load(session: Session, record_type: str, record_id: str, *, lock: bool = False) -> StoredRecord | None:
    """The stored record; with ``lock`` its row stays locked until the transaction ends."""
    row = session.execute(_LOAD_LOCKED if lock else _LOAD, {"k_type": record_type, "k_id": record_id}).one_or_none()
    if row is None:
        return None
    scope = RowScope(Audience(row.audience), row.owner_id, row.station_id, row.county_code, row.league_code)
    return StoredRecord(RecordType(record_type), record_id, row.revision, dict(row.fields), scope)


#: Keys per bulk SELECT: well below SQLite's bound-parameter limit, one round trip for a push chunk.
_LOAD_BATCH = 500


def load_many(session: Session, keys: Sequence[RecordKey], *, lock: bool = False,
              share: bool = False) -> dict[RecordKey, StoredRecord]:
    """The stored records among ``keys`` in as few queries as possible; with ``lock`` their rows stay
    locked until the transaction ends (taken in key order, so two pushes lock in the same order);
    ``share`` locks them against writers only (PostgreSQL's FOR SHARE)."""
    found: dict[RecordKey, StoredRecord] = {}
    unique = sorted(set(keys))
    if not unique:
        return found
    postgres = session.get_bind().dialect.name == "postgresql"
    query = _load_among(postgres, "update" if lock else "share" if share else None)
    for start in range(0, len(unique), _LOAD_BATCH):
        batch = unique[start:start + _LOAD_BATCH]
        given = json.dumps([{"record_type": t, "record_id": i} for t, i in batch]) if postgres else batch
        for row in session.execute(query, {"keys": given}):
            scope = RowScope(Audience(row.audience), row.owner_id, row.station_id, row.county_code, row.league_code)
            found[(row.record_type, row.record_id)] = StoredRecord(RecordType(row.record_type), row.record_id,
                                                                   row.revision, dict(row.fields), scope)
    return found


@cache
def _load_among(postgres: bool, lock: str | None) -> Select[Any]:
    """load_many's statement, built once per dialect and lock: the keys are one parameter, ``keys``.
    PostgreSQL gets them as one JSON array, so the statement text stays the same whatever their
    number (see store.bulk_insert); SQLite as an expanding list of pairs."""
    key = tuple_(_table.c.record_type, _table.c.record_id)
    if postgres:
        given = text("SELECT k.record_type, k.record_id "
                     "FROM jsonb_to_recordset(CAST(:keys AS jsonb)) AS k(record_type text, record_id text)")
        among = key.in_(given.columns(column("record_type"), column("record_id")))
    else:
        among = key.in_(bindparam("keys", expanding=True))
    query = (select(_table.c.record_type, _table.c.record_id, _table.c.revision, _table.c.fields,
                    _table.c.audience, _table.c.owner_id, _table.c.station_id, _table.c.county_code,
                    _table.c.league_code)
             .where(among).order_by(_table.c.record_type, _table.c.record_id))
    return query if lock is None else query.with_for_update(read=lock == "share")


def stage(session: Session, writes: Sequence[RowWrite], now: dt.datetime) -> list[RecordKey]:
    """Insert or overwrite the rows (numbered, or pending their numbers); returns their keys, in the order
    ``number`` numbers them.

    Several writes of one key (a create and its edits pushed together) become one row write of
    the last state: an insert if the first was new, else an overwrite. Inserts go out as one
    statement (store.bulk_insert) and overwrites as one executemany. A transaction stages once,
    then numbers. The evaluation's summaries are brought up to date in the same transaction.
    """
    last: dict[RecordKey, RowWrite] = {}
    for row in writes:
        key = (row.record_type, row.record_id)
        first = last.get(key)
        last[key] = row if first is None else replace(row, is_new=first.is_new)
    pending = evaluation_summary.before_write(session, last)
    first = changes.allocate(session, len(last)) if last and changes.numbered_on_write(session) else None
    new: list[dict[str, Any]] = []
    overwrites: list[dict[str, Any]] = []
    for position, row in enumerate(last.values(), start=1):
        change_seq = -position if first is None else first + position - 1
        if row.is_new:
            new.append({"record_type": row.record_type, "record_id": row.record_id,
                        **_column_values(row, now, change_seq)})
        else:
            overwrites.append({"k_type": row.record_type, "k_id": row.record_id,
                               **_column_values(row, now, change_seq)})
    bulk_insert.insert_rows(session, _table, new)
    if overwrites:
        session.execute(_OVERWRITE, overwrites)
    evaluation_summary.after_write(session, pending)
    return list(last)


def number(session: Session, keys: Sequence[RecordKey]) -> None:
    """Give the rows ``stage`` returned their change numbers: the last step of a write transaction
    (store.changes), one statement whatever their number.

    Only rows this transaction staged carry a pending number, so nothing here waits on another
    transaction (on SQLite while the change counter is locked). PostgreSQL's rows got their
    numbers as they were staged: nothing is left to do.
    """
    if not keys or changes.numbered_on_write(session):
        return
    first = changes.allocate(session, len(keys))
    session.execute(_NUMBER, {"k_base": first - 1})


def write(session: Session, writes: Sequence[RowWrite], now: dt.datetime) -> None:
    """Stage and number in one go, for transactions that write nothing after these rows."""
    number(session, stage(session, writes, now))


def _column_values(row: RowWrite, now: dt.datetime, change_seq: int) -> dict[str, Any]:
    sha256 = row.fields.get("sha256") if row.record_type == RecordType.ATTACHMENT.value else None
    return {
        "revision": row.revision, "change_seq": change_seq, "author_id": row.fields.get("author_id") or None,
        "owner_id": row.scope.owner_id, "audience": row.scope.audience.value, "station_id": row.scope.station_id,
        "county_code": row.scope.county_code, "league_code": row.scope.league_code,
        "attachment_sha256": sha256 if isinstance(sha256, str) else None,
        "deleted": row.fields.get("deleted") is True, "fields": row.fields, "server_updated_at": now,
    }


def change_texts_after(session: Session, viewer: Viewer, cursor: int, limit: int,
                       below: int) -> list[tuple[int, str]]:
    """Up to ``limit`` records the viewer may see changed after ``cursor`` and numbered below
    ``below`` (store.changes.watermark), in change order: each the JSON text of a
    protocol.RecordChange, built by the database, so a pull page is sent without the server
    parsing and re-encoding every record's fields.

    The page is chosen first and its JSON built after, for its rows only: a plan that sorts the
    viewer's changes (a table whose statistics are not gathered yet) then sorts keys, not JSON.
    """
    statement = _change_page(session.get_bind().dialect.name, visibility.shape_of(viewer))
    rows = session.execute(statement, {"p_cursor": cursor, "p_below": below, "p_limit": limit,
                                       **visibility.viewer_params(viewer)})
    return [(seq, text_) for seq, text_ in rows]


@cache
def _change_page(dialect: str, shape: Role | None) -> Select[tuple[int, str]]:
    """change_texts_after's statement for one dialect and viewer shape, built once (a pull runs it every call)."""
    page = (select(Record.change_seq, Record.record_type, Record.record_id, Record.revision, Record.fields)
            .where(Record.change_seq > bindparam("p_cursor", type_=BigInteger),
                   Record.change_seq < bindparam("p_below", type_=BigInteger), visibility.rule_for(shape))
            .order_by(Record.change_seq).limit(bindparam("p_limit", type_=Integer)).subquery())
    if dialect == "postgresql":
        change = func.json_build_object("record_type", page.c.record_type, "record_id", page.c.record_id,
                                        "revision", page.c.revision, "fields", page.c.fields)
    else:
        change = func.json_object("record_type", page.c.record_type, "record_id", page.c.record_id,
                                  "revision", page.c.revision, "fields", func.json(page.c.fields))
    return select(page.c.change_seq, cast(change, Text)).order_by(page.c.change_seq)


def attachment_visible(session: Session, viewer: Viewer, sha256: str) -> str | None:
    """The mime type of an attachment record for ``sha256`` that the viewer may see and whose author
    finished uploading the file, or None if there is none. A record whose author never sent the bytes
    opens nothing: anyone may name a sha256 they learnt somewhere."""
    author_uploaded = exists().where(Attachment.sha256 == Record.attachment_sha256,
                                     Attachment.uploader_id == Record.author_id, Attachment.complete.is_(True))
    fields = session.execute(
        select(Record.fields).where(Record.attachment_sha256 == sha256,
                                    Record.record_type == RecordType.ATTACHMENT.value,
                                    Record.deleted.is_(False), visibility.visible_to(viewer), author_uploaded).limit(1)
    ).scalar_one_or_none()
    if fields is None:
        return None
    mime = fields.get("mime_type")
    return mime if isinstance(mime, str) and mime else "application/octet-stream"


def naming_household(session: Session, household_id: str) -> list[RecordKey]:
    """The visits and trainings whose household links (household_merge.HOUSEHOLD_LINKS) name
    ``household_id``, deleted ones included: what a merge repoints."""
    links = {"visit": "household_ids", "training": "attendee_household_ids"}
    if session.get_bind().dialect.name == "postgresql":
        names = " OR ".join(f"(record_type = '{kind}' AND fields->'{link}' @> CAST(:one AS jsonb))"
                            for kind, link in links.items())
        query = text(f"SELECT record_type, record_id FROM records WHERE {names}")
        rows = session.execute(query, {"one": json.dumps([household_id])})
    else:
        names = " OR ".join(f"(record_type = '{kind}' AND EXISTS (SELECT 1 FROM json_each(records.fields, "
                            f"'$.{link}') WHERE json_each.value = :one))" for kind, link in links.items())
        rows = session.execute(text(f"SELECT record_type, record_id FROM records WHERE {names}"),
                               {"one": household_id})
    return sorted((record_type, record_id) for record_type, record_id in rows)
