"""Devices and their bearer tokens (kept as sha256 digests only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.server.store.models import Device, User


def get(session: Session, device_id: str, *, lock: bool = False) -> Device | None:
    return session.get(Device, device_id, with_for_update=lock)


def by_token(session: Session, token_hash: str) -> tuple[Device, User] | None:
    row = session.execute(
        select(Device, User).join(User, User.id == Device.user_id).where(Device.token_hash == token_hash)
    ).one_or_none()
    return None if row is None else (row[0], row[1])


def list_all(session: Session, user_id: str | None = None) -> Sequence[tuple[Device, User]]:
    query = select(Device, User).join(User, User.id == Device.user_id).order_by(User.username, Device.created_at)
    if user_id is not None:
        query = query.where(Device.user_id == user_id)
    return [(device, user) for device, user in session.execute(query).all()]


def touch(session: Session, device_id: str, now: dt.datetime) -> None:
    session.execute(update(Device).where(Device.id == device_id).values(last_seen_at=now))


def end_sessions(session: Session, user_id: str, reason: str) -> None:
    """Every signed-in device of the user must sign in again; the token digests stay, as proof of
    which device is signing in."""
    session.execute(update(Device).where(Device.user_id == user_id, Device.token_hash.is_not(None))
                    .values(session_ended=reason))


def set_bundle_cursor(session: Session, device_id: str, cursor: int) -> None:
    session.execute(update(Device).where(Device.id == device_id).values(bundle_cursor=cursor))
