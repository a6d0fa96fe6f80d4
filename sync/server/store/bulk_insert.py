"""Many rows into one table with one statement, whatever their number.

PostgreSQL reads the rows from one JSON array parameter (``jsonb_to_recordset``), so neither the
driver nor the server parses or plans a statement per row, and the statement text stays the same
for any number of rows. SQLite runs in process, where a plain executemany is already cheap.
A duplicate key fails the whole statement with IntegrityError on both.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import orjson
from sqlalchemy import Table, TextClause, insert, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

_POSTGRES = postgresql.dialect()


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys: column names) into ``table``."""
    if not rows:
        return
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(table), list(rows))
        return
    statement = _from_json(table, tuple(rows[0]))
    session.execute(statement, {"rows": json_text(rows)})


def json_text(value: Any) -> str:
    """``value`` as JSON text for a jsonb parameter. orjson writes it several times faster; what it
    cannot write (an integer beyond 64 bits, a key that is not text) goes through the standard
    library, so nothing it would store is refused. Datetimes must carry their zone either way."""
    try:
        return orjson.dumps(value, default=_json_value, option=orjson.OPT_PASSTHROUGH_DATETIME).decode()
    except orjson.JSONEncodeError as exc:
        if isinstance(exc.__cause__, ValueError):  # a naive datetime: refused, as below
            raise exc.__cause__ from None
        return json.dumps(value, default=_json_value)


@lru_cache(maxsize=16)
def _from_json(table: Table, columns: tuple[str, ...]) -> TextClause:
    quote = _POSTGRES.identifier_preparer.quote
    names = ", ".join(quote(name) for name in columns)
    types = ", ".join(f"{quote(name)} {table.c[name].type.compile(dialect=_POSTGRES)}" for name in columns)
    return text(f"INSERT INTO {quote(table.name)} ({names}) SELECT {names} "
                f"FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS rows({types})")


def _json_value(value: Any) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be stored through JSON")
