"""The profile's own user row (first run, sign-in) and the look-ups its set-up checks."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.models import Division, Membership, Station, User


def find(session: Session, user_id: str) -> User | None:
    return session.get(User, user_id)


def display_name(session: Session, user_id: str | None) -> str | None:
    return session.scalar(select(User.display_name).where(User.id == user_id)) if user_id else None


def station_exists(session: Session, code: str) -> bool:
    return session.get(Station, code) is not None


def county_exists(session: Session, code: str) -> bool:
    return session.scalar(select(Division.code).where(Division.code == code, Division.level == "county")) is not None


def put_local_user(session: Session, user_id: str, display_name: str, role: str, specialist_type: str,
                   station_code: str | None, home_county_code: str | None) -> None:
    """Create or update the user set up on first run, and its station membership."""
    user = session.get(User, user_id) or User(id=user_id)
    user.display_name = display_name
    user.role = role
    user.specialist_type = specialist_type
    user.station_code = station_code
    user.home_county_code = home_county_code
    session.add(user)
    if station_code:
        session.merge(Membership(user_id=user_id, station_code=station_code, role=role))
