"""JSON text as the device's store keeps it (its JSON columns) and as a push body goes: orjson,
several times faster than the standard library both ways, with the standard library's behaviour
wherever orjson would differ. (The server's PostgreSQL columns keep psycopg's own JSON adapters,
measured faster there; its bulk writes use store.bulk_insert.json_text.)

Writing: what orjson cannot write as the standard library does (an integer beyond 64 bits, a
datetime, a dataclass) goes through ``json.dumps``, so it is written or refused exactly as before.
Keys that are not text are written as text, as ``json.dumps`` writes them. One difference is
kept: a float that is not a finite number, which the shared rules let into no record, is written
as ``null`` (``json.dumps`` wrote ``NaN``, which is not JSON). Reading: text orjson refuses (such a
``NaN``) is read by ``json.loads``, so nothing stored before is unreadable. orjson reads an
integer beyond 64 bits as a float, losing digits: text holding a run of 19 or more digits (such an
integer, or a long digit run inside a string) is read by ``json.loads``, which reads it exactly.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

#: 19 digits or more may be an integer outside 64 bits (the widest in range has 20).
_LONG_DIGITS = re.compile(r"[0-9]{19}")
_LONG_DIGITS_BYTES = re.compile(rb"[0-9]{19}")
_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


def dumps(value: Any) -> str:
    """``value`` as compact JSON text (non-ASCII characters as they are)."""
    try:
        return orjson.dumps(value, option=_OPTIONS).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    if (_LONG_DIGITS if isinstance(text, str) else _LONG_DIGITS_BYTES).search(text):
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)
