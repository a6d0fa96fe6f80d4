"""A pulled page's records that are new on this device, written without the ORM.

A fresh device pulls every record of its scope, all of them new here: building an ORM object per
record and flushing it costs several times what the insert costs, so new records go in as one
executemany per table (and per set of fields present), with the derived columns (search keys,
visit-household links) filled as the flush hook fills them for ORM rows (store.derived). Records
already here go through the ORM as before (local_store), which merges them field by field.

The executemany is the driver's own: SQLAlchemy's Core executemany builds a parameter dict per
row through its compiler (about 30% of a fresh pull's time), so the statement is compiled once
per set of columns and each row goes as a tuple, through the columns' own bind processors (JSON,
dates) and with their Python defaults, as a Core insert would write it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, delete, insert
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
    connection = s.connection()
    for fields, group in by_fields.items():
        _insert_many(connection, table, fields, group)
    if links:
        visit_ids = list(dict.fromkeys(link["visit_id"] for link in links))
        for start in range(0, len(visit_ids), _LINK_BATCH):
            s.execute(delete(VisitHousehold).where(VisitHousehold.visit_id.in_(visit_ids[start:start + _LINK_BATCH])))
        connection.execute(insert(VisitHousehold), links)


def _insert_many(connection: Connection, table: Table, fields: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    """``rows`` (each with exactly ``fields``) into ``table`` by one driver executemany."""
    sql, names, defaults, processors = _statement(connection, table, fields)
    for row in rows:
        row.update(defaults)
    values = list(map(itemgetter(*names), rows))  # tuples: every row has at least its id and revision
    if processors:  # column by column: one map per processed column instead of a call per cell
        columns = list(zip(*values))
        for index, process in processors:
            columns[index] = tuple(map(process, columns[index]))
        values = list(zip(*columns))
    connection.exec_driver_sql(sql, values)


_Statement = tuple[str, tuple[str, ...], dict[str, Any], list[tuple[int, Callable[[Any], Any]]]]
_STATEMENTS: dict[tuple[str, tuple[str, ...]], _Statement] = {}


def _statement(connection: Connection, table: Table, fields: tuple[str, ...]) -> _Statement:
    """The INSERT for these fields as the dialect writes it: its SQL, the columns of its parameters
    in order, the Python defaults of the columns the rows lack, and the bind processors by position."""
    key = (table.name, fields)
    if key not in _STATEMENTS:
        dialect = connection.dialect
        compiled = insert(table).compile(dialect=dialect, column_keys=list(fields))
        names = tuple(compiled.positiontup or ())
        defaults: dict[str, Any] = {}
        processors = []
        for index, name in enumerate(names):
            column = table.c[name]
            if name not in fields:
                default = column.default
                if default is None or not (default.is_scalar or default.is_callable):
                    raise ValueError(f"{table.name}.{name} has a default a plain insert cannot write")
                defaults[name] = default.arg(None) if default.is_callable else default.arg
            process = column.type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                processors.append((index, process))
        _STATEMENTS[key] = (compiled.string, names, defaults, processors)
    return _STATEMENTS[key]
