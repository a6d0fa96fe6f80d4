"""Reference data for pickers beside the divisions (see queries): stations, industries and targets."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.industries import IndustryItem
from desktop.domain.summaries import StationItem, TargetItem
from desktop.store.models import Industry, Station, Target


def stations(session: Session) -> list[StationItem]:
    return [StationItem(r.code, r.name, r.county_code, r.league_code, tuple(r.industries))
            for r in session.scalars(select(Station).order_by(Station.code))]


def industries(session: Session) -> list[str]:
    return list(session.scalars(select(Industry.name).order_by(Industry.code)))


def industry_items(session: Session) -> list[IndustryItem]:
    """The reference industries with their English names and aliases, for the searchable picker."""
    return [IndustryItem(r.code, r.name, r.name_en, tuple(r.aliases or ()))
            for r in session.scalars(select(Industry).order_by(Industry.code))]


def targets(session: Session) -> list[TargetItem]:
    return [TargetItem(t.key, t.name_zh, t.name_en, t.value, t.unit, t.scope)
            for t in session.scalars(select(Target).order_by(Target.key))]
