"""Devices and their bearer tokens (kept as sha256 digests only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Row, bindparam, select, update
from sqlalchemy.orm import Session

from sync.server.store import meta
from sync.server.store.models import Device, Station, User

# One statement for what every API call needs to know of its caller (services.auth.authenticate):
# built once, it is most of what a small request costs the server after the query itself.
_CALLER = (
    select(Device.id, Device.revoked_at, Device.session_ended, Device.last_seen_at,
           User.id.label("user_id"), User.role, User.active, User.deactivated_at, User.scope_version,
           User.station_id, User.county_code, User.league_code,
           Station.code.label("station_code"), Station.county_code.label("station_county"),
           Station.league_code.label("station_league"),
           meta.EPOCH_VALUE.label("server_epoch"))
    .join(User, User.id == Device.user_id)
    .outerjoin(Station, Station.code == User.station_id)
    .where(Device.token_hash == bindparam("token_hash"))
)


def get(session: Session, device_id: str, *, lock: bool = False) -> Device | None:
    return session.get(Device, device_id, with_for_update=lock)


def caller_by_token(session: Session, token_hash: str) -> Row | None:
    """The device holding ``token_hash`` with its user's scope columns, the user's station's
    county and league and the server epoch, in one query; None for an unknown token."""
    return session.execute(_CALLER, {"token_hash": token_hash}).one_or_none()


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
