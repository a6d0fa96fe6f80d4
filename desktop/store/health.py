"""SQLite's own integrity check of the store file and the record counts, for the self-test."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from desktop.store.models import HouseholdRow, TrainingRow, VisitRow


def integrity(session: Session) -> tuple[list[str], tuple[int, int, int]]:
    """(the lines of ``PRAGMA integrity_check``, (visits, trainings, households)); a file so damaged
    that SQLite cannot walk it gives ([the error], (0, 0, 0))."""
    try:
        lines = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
        visits, trainings, households = (session.scalar(select(func.count()).select_from(t)) or 0
                                         for t in (VisitRow, TrainingRow, HouseholdRow))
    except DatabaseError as exc:
        return [str(exc.orig or exc)], (0, 0, 0)
    return lines, (visits, trainings, households)
