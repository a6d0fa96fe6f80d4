"""Who made the value the server holds in a conflict, and when, as the server told it."""

from __future__ import annotations

import datetime as dt
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.summaries import ConflictOrigin
from desktop.store.models import ConflictRow, User
from desktop.store.wire import from_wire


def _time(value) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return from_wire("updated_at", value)  # a server time, as every record's updated_at is read
    except ValueError:
        return None


def conflict_origins(session: Session, conflict_ids: list[str]) -> dict[str, ConflictOrigin]:
    """The server's ``server_author_id`` and ``server_changed_at`` of each conflict (kept in ``extra``:
    fields of a newer server), with the author's display name where this device knows them."""
    rows = list(session.execute(select(ConflictRow.id, ConflictRow.extra).where(ConflictRow.id.in_(conflict_ids))))
    authors = {str((extra or {}).get("server_author_id") or "") for _id, extra in rows} - {""}
    names: dict[str, str] = {}
    if authors:
        for user_id, name in session.execute(select(User.id, User.display_name).where(User.id.in_(authors))):
            names[user_id] = name
    origins = {}
    for conflict_id, extra in rows:
        extra = extra or {}
        user_id = str(extra.get("server_author_id") or "")
        origins[conflict_id] = ConflictOrigin(names.get(user_id, ""), user_id, _time(extra.get("server_changed_at")))
    return origins
