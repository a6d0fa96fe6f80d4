"""Failed login attempts per user name, for slowing down password guessing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from sync.server.store.models import LoginFailure


def since(session: Session, username: str, start: dt.datetime) -> list[dt.datetime]:
    return list(session.execute(
        select(LoginFailure.failed_at).where(LoginFailure.username == username, LoginFailure.failed_at >= start)
    ).scalars())


def add(session: Session, username: str, at: dt.datetime, forget_before: dt.datetime) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.username == username,
                                               LoginFailure.failed_at < forget_before))
    session.execute(insert(LoginFailure).values(username=username, failed_at=at))


def clear(session: Session, username: str) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.username == username))
