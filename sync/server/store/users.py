"""Users, their scope as a Viewer, and the pull-only ``user`` records their colleagues receive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.domain.vocabulary import RecordType, Role
from sync.server.entry_planner import RowWrite
from sync.server.scope import Audience, RowScope, Viewer
from sync.server.store import records
from sync.server.store.models import Station, User


def get(session: Session, user_id: str) -> User | None:
    return session.get(User, user_id)


def by_username(session: Session, username: str, *, lock: bool = False) -> User | None:
    query = select(User).where(User.username == username)
    if lock:
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


def display_names(session: Session, user_ids: Iterable[str]) -> dict[str, str]:
    """Display names of the users among ``user_ids`` the server knows."""
    wanted = sorted(set(user_ids))
    names: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        rows = session.execute(select(User.id, User.display_name).where(User.id.in_(wanted[start:start + 500])))
        names.update((user_id, name) for user_id, name in rows)
    return names


def list_all(session: Session) -> Sequence[User]:
    return session.execute(select(User).order_by(User.username)).scalars().all()


def add(session: Session, user: User, now: dt.datetime) -> None:
    session.add(user)
    session.flush()
    publish(session, user, now)


def viewer(session: Session, user: User) -> Viewer:
    """The user's scope; station roles take county and league from their station."""
    station = session.get(Station, user.station_id) if user.station_id is not None else None
    return scope_of(user.id, user.role, user.station_id, user.county_code, user.league_code,
                    None if station is None else (station.county_code, station.league_code))


def scope_of(user_id: str, role: str, station_id: str | None, county: str | None, league: str | None,
             station: tuple[str, str] | None) -> Viewer:
    """A user's scope from the user's columns and, when the user has a station that exists, the
    station's (county, league), which a station role takes instead of its own."""
    if station_id is not None and station is not None:
        county, league = station
    return Viewer(user_id, Role(role), station_id, county, league)


def publish(session: Session, user: User, now: dt.datetime) -> None:
    """Write the user's pull-only record: display name and role for colleagues' devices."""
    publish_many(session, [user], now)


def publish_many(session: Session, users: Sequence[User], now: dt.datetime) -> None:
    """``publish`` for many users in one load and one write (a roster import's thousands)."""
    if not users:
        return
    station_areas = {s.code: (s.county_code, s.league_code) for s in session.execute(
        select(Station).where(Station.code.in_({u.station_id for u in users if u.station_id}))).scalars()}
    stored = records.load_many(session, [(RecordType.USER.value, u.id) for u in users], lock=True)
    writes = []
    for user in users:
        county, league = station_areas.get(user.station_id or "", (user.county_code, user.league_code))
        fields = {
            "display_name": user.display_name, "role": user.role, "county_code": county, "league_code": league,
            "active": user.active, "specialist_type": user.specialist_type or "", "author_id": None,
            "station_id": user.station_id, "created_at": user.created_at.isoformat(),
            "updated_at": now.isoformat(), "deleted": False,
        }
        scope = RowScope(Audience.STATION, user.id, user.station_id, county, league)
        previous = stored.get((RecordType.USER.value, user.id))
        writes.append(RowWrite(RecordType.USER.value, user.id, previous.revision + 1 if previous else 1, fields,
                               scope, is_new=previous is None))
    records.write(session, writes, now)
