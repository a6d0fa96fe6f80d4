"""Server-wide settings kept in the database: the server epoch and the bundle key."""

from __future__ import annotations

import os
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.store.models import Meta

_EPOCH = "server_epoch"
_BUNDLE_KEY = "bundle_key"


#: The server epoch as a scalar subquery, for statements that read it along with other things.
EPOCH_VALUE = select(Meta.value).where(Meta.key == _EPOCH).scalar_subquery()


def server_epoch(session: Session) -> str:
    return session.execute(select(EPOCH_VALUE)).scalar_one()


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


def bundle_key_seed(session: Session) -> str:
    """The hex of the 32-byte Ed25519 seed the server signs and receives sync bundles with (made by the migration;
    made here for a database whose meta row was lost)."""
    row = session.get(Meta, _BUNDLE_KEY)
    if row is None:
        row = Meta(key=_BUNDLE_KEY, value=os.urandom(32).hex())
        session.add(row)
    return row.value
