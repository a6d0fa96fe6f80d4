"""Records as JSON-safe dicts for drafts, and back: what an autosaved form keeps of itself."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Any

from desktop.domain import kinds
from desktop.domain.records import Record

#: Draft keys start with the record type ("visit:<id>"); the key names the form to reopen.
FORM_KINDS: dict[str, type[Record]] = {k.record_type.value: k.record_class for k in kinds.editable()}
_DATES = {"visit_date", "end_date", "follow_up_date", "training_date"}
_TIMES = {"created_at", "updated_at"}


def draft_key(record: Record) -> str:
    return f"{kinds.of_class(type(record)).record_type.value}:{record.id}"


def to_payload(record: Record) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif isinstance(value, Enum):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def from_payload(cls: type[Record], payload: dict[str, Any]) -> Record:
    """Rebuild a record from ``to_payload``'s output; unknown keys (from another version) are dropped."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in payload:
            continue
        value = payload[f.name]
        if value is not None and f.name in _DATES:
            value = dt.date.fromisoformat(value)
        elif value is not None and f.name in _TIMES:
            value = dt.datetime.fromisoformat(value)
        elif isinstance(value, list):
            value = tuple(value)
        values[f.name] = value
    return cls(**values)


def record_from_draft(form_key: str, payload: dict[str, Any]) -> Record | None:
    kind = form_key.split(":", 1)[0]
    cls = FORM_KINDS.get(kind)
    return from_payload(cls, payload.get("record", payload)) if cls else None


def base_from_draft(form_key: str, payload: dict[str, Any]) -> Record | None:
    """The record as stored when the draft's input began (None for a new record or an older draft)."""
    cls = FORM_KINDS.get(form_key.split(":", 1)[0])
    base = payload.get("base")
    return from_payload(cls, base) if cls and isinstance(base, dict) else None
