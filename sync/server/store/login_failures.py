"""Failed login attempts, for slowing down password guessing (see login_throttle)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.orm import Session

from sync.server.login_throttle import Failure
from sync.server.store.models import LoginFailure


def relevant(session: Session, username: str, source: str, device_id: str | None,
             start: dt.datetime) -> list[Failure]:
    """The failures since ``start`` of this user name, of this source, and of this device."""
    concerned = [LoginFailure.username == username, LoginFailure.source == source]
    if device_id is not None:
        concerned.append(LoginFailure.device_id == device_id)
    rows = session.execute(select(LoginFailure.username, LoginFailure.source, LoginFailure.device_id,
                                  LoginFailure.failed_at)
                           .where(LoginFailure.failed_at >= start, or_(*concerned)))
    return [Failure(*row) for row in rows]


def add(session: Session, failure: Failure, forget_before: dt.datetime) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.failed_at < forget_before))
    session.execute(insert(LoginFailure).values(username=failure.username, source=failure.source,
                                                device_id=failure.device_id, failed_at=failure.at))


def clear(session: Session, username: str, source: str, device_id: str | None) -> None:
    """Forget a user's failures from this source (and this device's) after a login that succeeded;
    failures counted for other sources or other user names stay."""
    mine = [and_(LoginFailure.source == source, LoginFailure.device_id.is_(None))]
    if device_id is not None:
        mine.append(LoginFailure.device_id == device_id)
    session.execute(delete(LoginFailure).where(LoginFailure.username == username, or_(*mine)))
