"""The server change sequence: one counter row whose lock orders committers (the pull cursor).

Each write transaction takes its numbers with ``allocate`` as its last step before writing the
rows it already holds locks on, and keeps the counter row locked until it commits. So the numbers
follow commit order: once a reader sees number N committed, every number below N is committed too,
and a pull cursor can never skip a change that a slower transaction commits later.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.server.store.models import ChangeCounter


def allocate(session: Session, count: int) -> int:
    """Reserve ``count`` numbers; returns the first. Holds the counter lock until commit."""
    last = session.execute(
        update(ChangeCounter).where(ChangeCounter.id == 1)
        .values(value=ChangeCounter.value + count).returning(ChangeCounter.value)
    ).scalar_one()
    return last - count + 1


def current(session: Session) -> int:
    """The highest number committed so far (every lower one is committed as well)."""
    return session.execute(select(ChangeCounter.value).where(ChangeCounter.id == 1)).scalar_one()
