"""One-time activation codes of new accounts, kept as sha256 digests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from sync.server.store.models import ActivationCode, User


def replace(session: Session, digests: Mapping[str, str], now: dt.datetime, expires_at: dt.datetime) -> None:
    """Give each user (id → code digest) a new code; their earlier unused codes stop working."""
    if not digests:
        return
    ids = list(digests)
    for start in range(0, len(ids), 500):
        session.execute(delete(ActivationCode).where(ActivationCode.user_id.in_(ids[start:start + 500]),
                                                     ActivationCode.used_at.is_(None)))
    session.execute(insert(ActivationCode), [
        {"code_hash": digest, "user_id": user_id, "created_at": now, "expires_at": expires_at, "used_at": None}
        for user_id, digest in digests.items()])


def find(session: Session, digest: str) -> tuple[ActivationCode, User] | None:
    row = session.execute(select(ActivationCode, User).join(User, User.id == ActivationCode.user_id)
                          .where(ActivationCode.code_hash == digest).with_for_update()).one_or_none()
    return None if row is None else (row[0], row[1])

