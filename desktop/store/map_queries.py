"""What the county map reads: a county's townships and villages, and the visits made in it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.filters import division_range
from desktop.domain.visit_map import VisitPoint
from desktop.store.models import Division, VisitRow


def county_divisions(session: Session, county_code: str, level: str) -> list[tuple[str, str]]:
    """(code, name) of the county's townships or villages, in code order."""
    low, high = division_range(county_code)
    rows = session.execute(select(Division.code, Division.name).where(
        Division.level == level, Division.code >= low, Division.code < high).order_by(Division.code))
    return [(code, name) for code, name in rows]


def county_visits(session: Session, county_code: str, me: str) -> list[VisitPoint]:
    """Every visit not deleted in the county's villages; ``mine`` marks those ``me`` wrote."""
    low, high = division_range(county_code)
    rows = session.execute(select(VisitRow.id, VisitRow.visit_date, VisitRow.village_code, VisitRow.latitude,
                                  VisitRow.longitude, VisitRow.author_id).where(
        VisitRow.deleted.is_(False), VisitRow.village_code >= low, VisitRow.village_code < high))
    return [VisitPoint(i, d, village, lat, lon, author == me) for i, d, village, lat, lon, author in rows]
