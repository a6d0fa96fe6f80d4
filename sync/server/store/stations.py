"""Stations (reference data) and the pull-only ``station`` records devices receive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.domain.vocabulary import RecordType
from sync.server.entry_planner import RowWrite
from sync.server.scope import Audience, RowScope
from sync.server.store import records
from sync.server.store.models import Station


def get(session: Session, code: str) -> Station | None:
    return session.get(Station, code)


def list_all(session: Session) -> Sequence[Station]:
    return session.execute(select(Station).order_by(Station.code)).scalars().all()


def count(session: Session) -> int:
    return len(session.execute(select(Station.code)).all())


def upsert(session: Session, values: dict[str, Any], now: dt.datetime) -> bool:
    """Add or update a station from ``values`` (keys as the table's columns); True if it changed."""
    station = session.get(Station, values["code"])
    if station is None:
        station = Station(**values)
        session.add(station)
    elif all(getattr(station, key) == value for key, value in values.items()):
        return False
    else:
        for key, value in values.items():
            setattr(station, key, value)
    session.flush()
    publish(session, station, now)
    return True


def publish(session: Session, station: Station, now: dt.datetime) -> None:
    """Write the station's pull-only record (a new revision and change number)."""
    stored = records.load(session, RecordType.STATION.value, station.code, lock=True)
    fields = {
        "code": station.code, "name": station.name, "county_code": station.county_code,
        "league_code": station.league_code, "industries": list(station.industries),
        "expert_count": station.expert_count, "author_id": None, "station_id": station.code,
        "created_at": stored.fields["created_at"] if stored else now.isoformat(), "updated_at": now.isoformat(),
        "deleted": False,
    }
    scope = RowScope(Audience.PUBLIC, None, station.code, station.county_code, station.league_code)
    revision = stored.revision + 1 if stored else 1
    records.write(session, [RowWrite(RecordType.STATION.value, station.code, revision, fields, scope,
                                     is_new=stored is None)], now)
