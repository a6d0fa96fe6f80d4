"""The push ledger: the stored result of each (device, seq) outbox entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import bindparam, exists, func, insert, select
from sqlalchemy.orm import Session, aliased

from sync.protocol import EntryResult
from sync.server.store.models import Device, LedgerEntry

_INSERT = insert(LedgerEntry.__table__)
# Built once: every pull and push asks these.
_RESULTS = select(LedgerEntry.seq, LedgerEntry.result).where(LedgerEntry.device_id == bindparam("device_id"))
_RESULTS_BETWEEN = _RESULTS.where(LedgerEntry.seq >= bindparam("low"), LedgerEntry.seq <= bindparam("high"))
_RESULTS_AMONG = _RESULTS.where(LedgerEntry.seq.in_(bindparam("seqs", expanding=True)))
_TOP_AND_COUNT = select(func.coalesce(func.max(LedgerEntry.seq), 0), func.count()).where(
    LedgerEntry.device_id == bindparam("device_id"))


def stored_results(session: Session, device_id: str, seqs: Sequence[int]) -> dict[int, EntryResult]:
    """The stored results among ``seqs``. A batch's seqs are mostly consecutive, so they are read as
    one index range (a statement that stays the same whatever their number); scattered ones by value."""
    wanted = set(seqs)
    if not wanted:
        return {}
    low, high = min(wanted), max(wanted)
    if high - low < 2 * len(wanted):
        rows = session.execute(_RESULTS_BETWEEN, {"device_id": device_id, "low": low, "high": high})
    else:
        rows = session.execute(_RESULTS_AMONG, {"device_id": device_id, "seqs": sorted(wanted)})
    return {seq: EntryResult.model_validate(result) for seq, result in rows if seq in wanted}


def results_above(session: Session, device_id: str, seq: int) -> list[EntryResult]:
    """Every stored result of the device after ``seq``, in seq order (a pull bundle carries them)."""
    rows = session.execute(select(LedgerEntry.result).where(LedgerEntry.device_id == device_id, LedgerEntry.seq > seq)
                           .order_by(LedgerEntry.seq)).scalars()
    return [EntryResult.model_validate(result) for result in rows]


def seqs_above(session: Session, device_id: str, seq: int) -> set[int]:
    """The device's seqs in the ledger above ``seq`` (above acked_seq: empty but after a restore)."""
    return set(session.execute(select(LedgerEntry.seq).where(LedgerEntry.device_id == device_id,
                                                             LedgerEntry.seq > seq)).scalars())


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


def writer_of(session: Session, record_type: str, record_id: str, revision: int) -> str | None:
    """The user whose pushed entry produced this revision of a record (None: written on the server)."""
    return session.execute(
        select(Device.user_id).join(LedgerEntry, LedgerEntry.device_id == Device.id).where(
            LedgerEntry.record_type == record_type, LedgerEntry.record_id == record_id,
            LedgerEntry.wrote_revision == revision).limit(1)
    ).scalar()


def acked_seq(session: Session, device_id: str) -> int:
    """The highest seq N such that the server holds a result for every entry 1..N of this device.

    Not the highest seq it holds: after a restore from backup the ledger lacks the entries pushed
    since the backup, and a push made before the device saw the new epoch lands above that gap.
    The device re-sends everything above N (LocalStore.start_epoch), so N must not hide the gap.
    Seqs start at 1 and are unique per device, so without a gap the count equals the maximum and
    one index range read answers; only a ledger with a gap pays for the search of the first one.
    """
    return acked_and_top(session, device_id)[0]


def acked_and_top(session: Session, device_id: str) -> tuple[int, int]:
    """``acked_seq`` and the highest seq the ledger holds for the device (equal unless it has a gap)."""
    top, count = session.execute(_TOP_AND_COUNT, {"device_id": device_id}).one()
    if top == count:
        return top, top
    return _first_gap(session, device_id), top


def _first_gap(session: Session, device_id: str) -> int:
    if session.execute(select(LedgerEntry.seq).where(LedgerEntry.device_id == device_id,
                                                     LedgerEntry.seq == 1)).first() is None:
        return 0
    following = aliased(LedgerEntry)
    return session.execute(
        select(func.min(LedgerEntry.seq)).where(
            LedgerEntry.device_id == device_id,
            ~exists().where(following.device_id == device_id, following.seq == LedgerEntry.seq + 1))
    ).scalar_one()
