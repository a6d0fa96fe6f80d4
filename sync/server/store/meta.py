"""Server-wide settings kept in the database: the server epoch."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.store.models import Meta

_EPOCH = "server_epoch"


def server_epoch(session: Session) -> str:
    return session.execute(select(Meta.value).where(Meta.key == _EPOCH)).scalar_one()


def renew_server_epoch(session: Session) -> str:
    """Give the server a new epoch (after a restore from backup): every device re-pulls from zero."""
    epoch = str(uuid.uuid4())
    row = session.get(Meta, _EPOCH)
    if row is None:
        session.add(Meta(key=_EPOCH, value=epoch))
    else:
        row.value = epoch
    return epoch


def user_epoch(server: str, scope_version: int) -> str:
    """The epoch a user's devices see: a restore or a change of the user's scope gives a new one."""
    return f"{server}.{scope_version}"
