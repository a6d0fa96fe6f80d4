"""A pulled page's records that are new on this device, written without the ORM.

A fresh device pulls every record of its scope, all of them new here: building an ORM object per
record and flushing it costs several times what the insert costs, so new records go in as one
executemany per table (and per set of fields present), with the derived columns (search keys,
visit-household links) filled as the flush hook fills them for ORM rows (store.derived). Records
already here go through the ORM as before (local_store), which merges them field by field.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from desktop.store import derived
from desktop.store.models import VisitHousehold
from desktop.store.wire import from_wire, row_class
from sync.domain.vocabulary import RecordType
from sync.protocol import RecordChange

_LINK_BATCH = 500


def insert_new(s: Session, record_type: RecordType, changes: Iterable[RecordChange], skip: dict[str, set[str]],
               known: set[str], not_fields: frozenset[str]) -> None:
    """Insert ``changes`` (records not stored here, one change each) as rows; a field named in
    ``skip[record_id]`` (a local change not acknowledged yet) is left out, a field this version
    does not know (not in ``known``) is kept in ``extra``."""
    table = row_class(record_type).__table__
    rows: list[dict[str, Any]] = []
    for change in changes:
        row: dict[str, Any] = {"id": change.record_id, "revision": change.revision}
        extra: dict[str, Any] = {}
        left_out = skip.get(change.record_id, set())
        for name, value in change.fields.items():
            if name in left_out or name in not_fields:
                continue
            if name in known:
                row[name] = from_wire(name, value)
            else:
                extra[name] = value  # from a newer peer: kept, not dropped
        row["extra"] = extra
        rows.append(row)
    links = derived.fill_new_rows(s, table.name, rows)
    # Rows with the same fields share a statement; a field a record lacks gets the column's default.
    by_fields: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_fields[tuple(sorted(row))].append(row)
    connection = s.connection()  # Core executemany: no ORM bulk-insert machinery per row
    for group in by_fields.values():
        connection.execute(insert(table), group)
    if links:
        visit_ids = list(dict.fromkeys(link["visit_id"] for link in links))
        for start in range(0, len(visit_ids), _LINK_BATCH):
            s.execute(delete(VisitHousehold).where(VisitHousehold.visit_id.in_(visit_ids[start:start + _LINK_BATCH])))
        connection.execute(insert(VisitHousehold), links)
