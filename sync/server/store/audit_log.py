"""The append-only audit log of administrative actions: rows are added and read, never changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from sync.server.store.models import AuditEntry


def add(session: Session, at: dt.datetime, actor: str, action: str, target: str, area: str | None, source: str,
        detail: dict[str, Any]) -> None:
    session.execute(insert(AuditEntry).values(at=at, actor=actor, action=action, target=target, area=area,
                                              source=source, detail=detail))


def entries(session: Session, within: str | None = None, limit: int | None = 200,
            offset: int = 0) -> Sequence[AuditEntry]:
    """Newest first; ``within`` a county / league code keeps the entries about that area."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).offset(offset)
    if within:
        query = query.where(AuditEntry.area.startswith(within))
    if limit is not None:
        query = query.limit(limit)
    return session.execute(query).scalars().all()
