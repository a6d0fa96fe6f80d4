"""The outbox as the status bar and sync see it: how many local changes wait for the server."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.store.models import OutboxRow


def pending_count(session: Session) -> int:
    """Entries the server has not acknowledged yet: the one count of "changes waiting"."""
    return session.scalar(select(func.count()).select_from(OutboxRow).where(OutboxRow.acked.is_(False))) or 0
