"""Conversion between mapped rows, domain records and the JSON values that travel in sync."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Any

from desktop.domain.kinds import RECORD_CLASSES
from desktop.domain.records import Record
from desktop.store.models import SYNCED_ROWS, SyncedRow
from sync.domain.fields import RECORD_FIELDS
from sync.domain.vocabulary import RecordType

#: Set by whoever applies the change (the server on push); never captured as a field edit.
UNCAPTURED_FIELDS = frozenset({"updated_at"})
_DATE_FIELDS = {"visit_date", "end_date", "follow_up_date", "training_date", "consent_date"}
_DATETIME_FIELDS = {"created_at", "updated_at"}


def to_wire(value: Any) -> Any:
    """A column or record value as plain JSON (dates ISO, enums by value, tuples as lists)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_wire(v) for v in value]
    if isinstance(value, dict):
        return {k: to_wire(v) for k, v in value.items()}
    return value


def from_wire(field: str, value: Any) -> Any:
    """A JSON value as the column wants it."""
    if value is None:
        return None
    if field in _DATE_FIELDS:
        return dt.date.fromisoformat(value)
    if field in _DATETIME_FIELDS:
        parsed = dt.datetime.fromisoformat(value)
        return parsed.astimezone(dt.UTC).replace(tzinfo=None) if parsed.tzinfo else parsed
    return value


def synced_fields(record_type: RecordType | str) -> tuple[str, ...]:
    return RECORD_FIELDS[RecordType(record_type)]


def row_class(record_type: RecordType | str) -> type[SyncedRow]:
    return SYNCED_ROWS[RecordType(record_type).value]


def record_type_of(row: SyncedRow) -> RecordType:
    return RecordType(next(k for k, cls in SYNCED_ROWS.items() if isinstance(row, cls)))


def row_to_record(row: SyncedRow) -> Record:
    cls = RECORD_CLASSES[record_type_of(row)]
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        value = getattr(row, f.name)
        if isinstance(value, list):
            value = tuple(value)
        values[f.name] = value
    return cls(**values)


def record_values(record: Record) -> dict[str, Any]:
    """The columns a record sets on its row (tuples become lists for JSON columns)."""
    values = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, Enum):
            value = value.value
        elif isinstance(value, dict):
            value = dict(value)
        values[f.name] = value
    return values
