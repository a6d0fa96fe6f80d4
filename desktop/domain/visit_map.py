"""A county's map from what is known: village positions from the GPS of visits made there, township
positions from their villages', and each visit placed at its own GPS or else its village's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from statistics import fmean


@dataclass(frozen=True)
class VisitPoint:
    id: str
    visit_date: dt.date
    village_code: str
    latitude: float | None
    longitude: float | None
    mine: bool = True


@dataclass(frozen=True)
class Place:
    """A township or village; ``latitude`` None when no visit there has a GPS position."""

    code: str
    name: str
    latitude: float | None
    longitude: float | None
    visits: int = 0

    @property
    def placed(self) -> bool:
        return self.latitude is not None


@dataclass(frozen=True)
class MapVisit:
    id: str
    visit_date: dt.date
    latitude: float
    longitude: float
    #: True when the visit has a GPS position of its own, False when drawn at its village.
    own_position: bool


@dataclass(frozen=True)
class CountyMap:
    county_code: str
    county_name: str
    townships: tuple[Place, ...]
    villages: tuple[Place, ...]
    visits: tuple[MapVisit, ...]
    #: Visits of the specialist in the county that cannot be drawn: neither they nor their village have a position.
    unplaced_visits: int = 0

    def bounds(self) -> tuple[float, float, float, float] | None:
        """(min lat, min lon, max lat, max lon) of everything drawn, None when nothing is."""
        points = [(p.latitude, p.longitude) for p in (*self.townships, *self.villages) if p.placed]
        points += [(v.latitude, v.longitude) for v in self.visits]
        if not points:
            return None
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        return min(lats), min(lons), max(lats), max(lons)


def _mean(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    return fmean(p[0] for p in points), fmean(p[1] for p in points)


def build_county_map(county_code: str, county_name: str, townships: list[tuple[str, str]],
                     villages: list[tuple[str, str]], located: list[VisitPoint],
                     shown: list[VisitPoint]) -> CountyMap:
    """``townships`` and ``villages`` are (code, name) of the county; ``located`` every visit known
    in it (they place the villages); ``shown`` the visits to draw (the specialist's)."""
    gps: dict[str, list[tuple[float, float]]] = {}
    for v in located:
        if v.latitude is not None and v.longitude is not None:
            gps.setdefault(v.village_code, []).append((v.latitude, v.longitude))
    counts: dict[str, int] = {}
    for v in shown:
        counts[v.village_code] = counts.get(v.village_code, 0) + 1
    village_places = []
    for code, name in villages:
        lat, lon = _mean(gps.get(code, []))
        village_places.append(Place(code, name, lat, lon, counts.get(code, 0)))
    township_places = []
    for code, name in townships:
        inside = [(p.latitude, p.longitude) for p in village_places if p.code.startswith(code) and p.placed]
        lat, lon = _mean(inside)  # type: ignore[arg-type]
        township_places.append(Place(code, name, lat, lon,
                                     sum(n for village, n in counts.items() if village.startswith(code))))
    by_code = {p.code: p for p in village_places}
    drawn, unplaced = [], 0
    for v in shown:
        if v.latitude is not None and v.longitude is not None:
            drawn.append(MapVisit(v.id, v.visit_date, v.latitude, v.longitude, True))
        elif (village := by_code.get(v.village_code)) is not None and village.placed:
            drawn.append(MapVisit(v.id, v.visit_date, village.latitude, village.longitude, False))  # type: ignore[arg-type]
        else:
            unplaced += 1
    return CountyMap(county_code, county_name, tuple(township_places), tuple(village_places), tuple(drawn), unplaced)
