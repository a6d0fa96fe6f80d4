"""Ledger rows written in bulk: a push chunk's results go out as one INSERT (store.bulk_insert).

Kept beside store.ledger (same table, same row shape as ``ledger.record``) until that module,
which is being reworked, takes ``record_many`` over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sync.protocol import EntryResult
from sync.server.store import bulk_insert
from sync.server.store.models import LedgerEntry


@dataclass(frozen=True)
class LedgerRow:
    result: EntryResult
    record: tuple[str, str] | None = None
    wrote_revision: int | None = None


def record_many(session: Session, device_id: str, rows: Sequence[LedgerRow], now: dt.datetime) -> None:
    """Store the results; a concurrent resend of one of the entries fails here with IntegrityError."""
    values = [{"device_id": device_id, "seq": row.result.seq, "result": row.result.model_dump(mode="json"),
               "recorded_at": now, "record_type": row.record[0] if row.record else None,
               "record_id": row.record[1] if row.record else None, "wrote_revision": row.wrote_revision}
              for row in rows]
    bulk_insert.insert_rows(session, LedgerEntry.__table__, values)
