"""The server change order: the number each written record gets, and how far a pull may read.

A pull cursor must never skip a change that a slower transaction commits later. SQLite has one
writer at a time, so a counter row (``change_counter``) numbers changes in commit order. On
PostgreSQL one counter row would be a lock every push waits on, so a transaction numbers its rows
from its own transaction id instead: ``base + (xid << XID_SHIFT) + position``, with ``base`` the
counter's value (it stays put on PostgreSQL; a database that had used the counter goes on above
the numbers it handed out). A pull reads only numbers below the *watermark* ``base +
(xmin << XID_SHIFT)``, ``xmin`` being the oldest transaction of this database still running (or,
when none is, ``pg_snapshot_xmax`` of the reader's snapshot: the next id to be handed out): every
transaction with a lower id has ended, and no transaction that starts later can get a lower id, so what lies below the watermark never changes and a cursor
that moved past a number never misses a row numbered below it. No row is locked by every writer.
"""

from __future__ import annotations

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from sync.server.store.models import ChangeCounter

#: Room for the rows of one transaction: a push chunk writes at most 500 records and 64 conflict
#: records per entry (32,500 rows). 2**16 numbers per transaction id keep numbers below 2**53
#: (protocol.MAX_WIRE_INTEGER) for 2**37 transactions.
XID_SHIFT = 16
ROWS_PER_TRANSACTION = 1 << XID_SHIFT

# The transaction's first number and the highest it took already (NULL: none), in one round trip.
_PG_BASE = text(f"""
SELECT b.base, (SELECT max(r.change_seq) FROM records r
                WHERE r.change_seq >= b.base AND r.change_seq < b.base + {1 << XID_SHIFT})
FROM (SELECT value + (pg_current_xact_id()::text::bigint << {XID_SHIFT}) AS base
      FROM change_counter WHERE id = 1) b""")
# The oldest transaction of this database still running, as a 64-bit id: pg_stat_activity and
# pg_prepared_xacts show 32-bit ids, widened against the snapshot's xmax (every running id is
# within 2**31 below it). The snapshot is taken before the statement reads them, so a transaction
# that got its id after the snapshot has one at or above xmax. Transactions of other databases on
# the cluster do not hold this database's pulls back, nor does autovacuum (its ANALYZE takes an id
# for seconds and never writes a record).
_PG_WATERMARK = text(f"""
WITH snap AS (SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xmax),
running AS (
    SELECT backend_xid::text::bigint AS xid FROM pg_stat_activity
    WHERE datname = current_database() AND backend_xid IS NOT NULL AND backend_type = 'client backend'
    UNION ALL
    SELECT transaction::text::bigint FROM pg_prepared_xacts WHERE database = current_database()
)
SELECT c.value + (least(snap.xmax, (
    SELECT min(snap.xmax - (((snap.xmax % 4294967296) - running.xid + 4294967296) % 4294967296))
    FROM running)) << {XID_SHIFT})
FROM change_counter c, snap WHERE c.id = 1""")


def _postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def numbered_on_write(session: Session) -> bool:
    """Whether rows get their numbers as they are written (PostgreSQL: from the transaction id,
    which locks nothing) rather than just before commit (SQLite: from the counter row)."""
    return _postgresql(session)


def allocate(session: Session, count: int) -> int:
    """Reserve ``count`` numbers for rows this transaction writes; returns the first.

    SQLite: from the counter row, whose lock the transaction holds until it commits. PostgreSQL:
    from the transaction's id, after the numbers it took already (a transaction may number twice).
    """
    if not _postgresql(session):
        last = session.execute(
            update(ChangeCounter).where(ChangeCounter.id == 1)
            .values(value=ChangeCounter.value + count).returning(ChangeCounter.value)
        ).scalar_one()
        return last - count + 1
    base, taken = session.execute(_PG_BASE).one()
    first = base if taken is None else taken + 1
    if first + count > base + ROWS_PER_TRANSACTION:
        raise ValueError(f"a transaction may write at most {ROWS_PER_TRANSACTION} records")
    return first


def watermark(session: Session) -> int:
    """The lowest number a change committed later may still get: every number below it that
    will ever exist is committed and visible now."""
    if _postgresql(session):
        return session.execute(_PG_WATERMARK).scalar_one()
    return session.execute(select(ChangeCounter.value).where(ChangeCounter.id == 1)).scalar_one() + 1


def current(session: Session) -> int:
    """The highest number a pull may move its cursor to: below the watermark."""
    return watermark(session) - 1
