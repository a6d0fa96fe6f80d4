"""Web console sessions: the sha256 of the cookie's token, its CSRF token and when it was last used."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from sync.server.store.models import ConsoleSession, User


def add(session: Session, token_hash: str, user_id: str, csrf_token: str, now: dt.datetime,
        forget_before: dt.datetime) -> None:
    session.execute(delete(ConsoleSession).where(ConsoleSession.last_seen_at < forget_before))
    session.add(ConsoleSession(token_hash=token_hash, user_id=user_id, csrf_token=csrf_token, created_at=now,
                               last_seen_at=now))


def find(session: Session, token_hash: str) -> tuple[ConsoleSession, User] | None:
    row = session.execute(select(ConsoleSession, User).join(User, User.id == ConsoleSession.user_id)
                          .where(ConsoleSession.token_hash == token_hash)).one_or_none()
    return None if row is None else (row[0], row[1])


def touch(session: Session, token_hash: str, now: dt.datetime) -> None:
    session.execute(update(ConsoleSession).where(ConsoleSession.token_hash == token_hash).values(last_seen_at=now))


def remove(session: Session, token_hash: str) -> None:
    session.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == token_hash))
