"""The steps of the console's drill-down (region → league → county → station → specialist) a viewer may take."""

from __future__ import annotations

from dataclasses import dataclass

from sync.domain.vocabulary import Role
from sync.reports_protocol import REGION_CODE
from sync.server.scope import Viewer
from sync.server.services.delegation import own_area
from sync.server.store import divisions, stations
from sync.server.store.database import Database


@dataclass(frozen=True)
class Step:
    """A place one level down: open it with ``area`` (and ``station``)."""

    name: str
    area: str
    station: str | None = None


@dataclass(frozen=True)
class Trail:
    """Where the viewer is (the way back up) and where they can go down to."""

    up: list[Step]
    down: list[Step]
    level: str  # region, league, county, station


def home_area(viewer: Viewer) -> str:
    """Where a viewer's dashboard opens: their county, league or the region; station roles the region
    (their own or their station's records, wherever they were made)."""
    area = own_area(viewer)
    return area or REGION_CODE


def trail(db: Database, viewer: Viewer, area: str, station: str | None) -> Trail:
    with db.read() as session:
        leagues = divisions.by_level(session, "league")
        counties = divisions.by_level(session, "county")
        all_stations = stations.list_all(session)
    names = {REGION_CODE: "内蒙古自治区", **leagues, **counties}
    top = home_area(viewer)
    up = [Step(names.get(area[:n], area[:n]), area[:n]) for n in (2, 4, 6) if len(top) <= n <= len(area)]
    if viewer.role in (Role.SPECIALIST, Role.STATION_MANAGER):
        return Trail(up, [], "station" if station else "region")
    if station is not None:
        found = next((s for s in all_stations if s.code == station), None)
        return Trail(up + ([Step(found.name, area, station)] if found else []), [], "station")
    if area == REGION_CODE:
        return Trail(up, [Step(name, code) for code, name in sorted(leagues.items())], "region")
    if len(area) == 4:
        return Trail(up, [Step(name, code) for code, name in sorted(counties.items()) if code.startswith(area)],
                     "league")
    return Trail(up, [Step(s.name, area, s.code) for s in all_stations if s.county_code == area], "county")
