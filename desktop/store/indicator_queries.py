"""The plain facts the indicators are computed from, read from the local store for a year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from desktop.domain.filters import division_range
from desktop.store.models import Division, HouseholdRow, NationalTeam, Squad, Station, Target, TrainingRow, VisitRow
from sync.domain.counting import CountingRule, counted_states
from sync.domain.merged_households import chain_ends, repoint
from sync.domain.coverage import CountyGeography, is_administrative_village, is_rural_township
from sync.indicators import Area, TrainingFact, VisitFact


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _within(row, area: Area | None) -> list[ColumnElement[bool]]:
    """``Area.contains`` as SQL, so only the area's rows are read (compute() applies it again)."""
    if area is None or (area.station_id is None and area.division_code == "15"):
        return []
    if area.station_id is not None:
        return [row.station_id == area.station_id]
    low, high = division_range(area.division_code)
    return [row.village_code >= low, row.village_code < high]


def visit_facts(session: Session, year: int, rule: CountingRule = CountingRule.APPROVED, area: Area | None = None,
                authors: Collection[str] | None = None) -> list[VisitFact]:
    """The year's visits ``rule`` counts, in ``area`` (None: anywhere) and by ``authors`` (None: anyone)."""
    first, last = _year_bounds(year)
    stmt = select(VisitRow.author_id, VisitRow.station_id, VisitRow.visit_date, VisitRow.mode, VisitRow.village_code,
                  VisitRow.household_ids, VisitRow.service_types, VisitRow.industry, VisitRow.end_date).where(
        VisitRow.deleted.is_(False), VisitRow.visit_date >= first, VisitRow.visit_date <= last,
        VisitRow.review_state.in_(counted_states(rule)), *_within(VisitRow, area))
    if authors is not None:
        stmt = stmt.where(VisitRow.author_id.in_(list(authors)))
    kept = merged_households(session)
    return [VisitFact(a, s, d, m, v, repoint(tuple(h or ()), kept), tuple(t or ()), i, e)
            for a, s, d, m, v, h, t, i, e in session.execute(stmt)]


def merged_households(session: Session) -> dict[str, str]:
    """Each household merged away to the one kept for the family: visits not yet repointed by the
    server (pushed or pulled) count under it, so the family counts once here as on the server."""
    return chain_ends(dict(session.execute(
        select(HouseholdRow.id, HouseholdRow.merged_into).where(HouseholdRow.merged_into.is_not(None))).all()))


def training_facts(session: Session, year: int, rule: CountingRule = CountingRule.APPROVED,
                   area: Area | None = None) -> list[TrainingFact]:
    first, last = _year_bounds(year)
    stmt = select(TrainingRow.author_id, TrainingRow.station_id, TrainingRow.training_date, TrainingRow.village_code,
                  TrainingRow.industry, TrainingRow.attendees).where(
        TrainingRow.deleted.is_(False), TrainingRow.training_date >= first, TrainingRow.training_date <= last,
        TrainingRow.review_state.in_(counted_states(rule)), *_within(TrainingRow, area))
    return [TrainingFact(a, s, d, v, i, dict(att or {})) for a, s, d, v, i, att in session.execute(stmt)]


def target_value(session: Session, key: str) -> float | None:
    return session.scalar(select(Target.value).where(Target.key == key))


def county_geographies(session: Session, within: str) -> list[CountyGeography]:
    """Each county under ``within`` (a league, county or "15") with its official rural townships,
    administrative villages and the leading industries the plan's annexes name for it."""
    low, high = division_range(within) if within != "15" else ("15", "16")
    counties = session.execute(select(Division.code, Division.name).where(
        Division.level == "county", Division.code >= low, Division.code < high)).all()
    leading: dict[str, set[str]] = {}
    for model in (Station, NationalTeam, Squad):
        for county, industries in session.execute(select(model.county_code, model.industries)):
            leading.setdefault(county, set()).update(industries or ())
    below = session.execute(select(Division.code, Division.level).where(
        Division.level.in_(("township", "village")), Division.code >= low, Division.code < high)).all()
    townships: dict[str, set[str]] = {}
    villages: dict[str, set[str]] = {}
    for code, level in below:
        if level == "township" and is_rural_township(code):
            townships.setdefault(code[:6], set()).add(code)
        elif level == "village" and is_administrative_village(code):
            villages.setdefault(code[:6], set()).add(code)
    return [
        CountyGeography(code, name, frozenset(townships.get(code, ())), frozenset(villages.get(code, ())),
                        frozenset(leading.get(code, ())))
        for code, name in counties
    ]


def station_counties(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Station.code, Station.county_code)).all())


def station_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Station.code, Station.name)).all())


def target_values(session: Session) -> dict[str, float]:
    return dict(session.execute(select(Target.key, Target.value)).all())


def division_name(session: Session, code: str) -> str | None:
    return session.scalar(select(Division.name).where(Division.code == code))
