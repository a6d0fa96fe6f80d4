"""The push ledger: the stored result of each (device, seq) outbox entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from sync.protocol import EntryResult
from sync.server.store.models import LedgerEntry

_INSERT = insert(LedgerEntry.__table__)


def stored_result(session: Session, device_id: str, seq: int) -> EntryResult | None:
    result = session.execute(
        select(LedgerEntry.result).where(LedgerEntry.device_id == device_id, LedgerEntry.seq == seq)
    ).scalar_one_or_none()
    return None if result is None else EntryResult.model_validate(result)


def stored_results(session: Session, device_id: str, seqs: Sequence[int]) -> dict[int, EntryResult]:
    rows = session.execute(
        select(LedgerEntry.seq, LedgerEntry.result).where(LedgerEntry.device_id == device_id,
                                                          LedgerEntry.seq.in_(list(seqs))))
    return {seq: EntryResult.model_validate(result) for seq, result in rows}


def record(session: Session, device_id: str, result: EntryResult, now: dt.datetime,
           record: tuple[str, str] | None = None, wrote_revision: int | None = None) -> None:
    """Store the result; a concurrent resend of the same entry fails here with IntegrityError."""
    session.execute(_INSERT, {"device_id": device_id, "seq": result.seq, "result": result.model_dump(mode="json"),
                              "recorded_at": now, "record_type": record[0] if record else None,
                              "record_id": record[1] if record else None, "wrote_revision": wrote_revision})


def own_revisions_since(session: Session, device_id: str, record_type: str, record_id: str, revision: int) -> int:
    """How many revisions after ``revision`` of a record this device's own entries produced."""
    return session.execute(
        select(func.count()).select_from(LedgerEntry).where(
            LedgerEntry.record_type == record_type, LedgerEntry.record_id == record_id,
            LedgerEntry.device_id == device_id, LedgerEntry.wrote_revision > revision)
    ).scalar_one()


def acked_seq(session: Session, device_id: str) -> int:
    """The highest seq of this device the server holds a result for (0 if none)."""
    return session.execute(
        select(func.coalesce(func.max(LedgerEntry.seq), 0)).where(LedgerEntry.device_id == device_id)
    ).scalar_one()
