"""The evaluation's weights by year, the offices' 后补助 confirmations, and the year's key counties and
plan counts, on the server."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.server.store.models import EvaluationPlanEntry, EvaluationWeight, Station, SubsidyConfirmation


def weights_of(session: Session, year: int) -> dict[str, float]:
    """The weights a region admin set for ``year`` (the defaults apply to every other key)."""
    return dict(session.execute(select(EvaluationWeight.key, EvaluationWeight.value)
                                .where(EvaluationWeight.year == year)).all())


def set_weights(session: Session, year: int, values: Mapping[str, float], by: str, now: dt.datetime) -> None:
    for key, value in values.items():
        row = session.get(EvaluationWeight, (year, key))
        if row is None:
            session.add(EvaluationWeight(year=year, key=key, value=value, updated_by=by, updated_at=now))
        else:
            row.value, row.updated_by, row.updated_at = value, by, now


def confirmations(session: Session, year: int) -> dict[tuple[str, str], SubsidyConfirmation]:
    rows = session.execute(select(SubsidyConfirmation).where(SubsidyConfirmation.year == year)).scalars()
    return {(r.kind, r.unit_id): r for r in rows}


def confirm(session: Session, year: int, kind: str, unit_id: str, score: float, by: str, now: dt.datetime) -> None:
    row = session.get(SubsidyConfirmation, (year, kind, unit_id))
    if row is None:
        session.add(SubsidyConfirmation(year=year, kind=kind, unit_id=unit_id, score=score, confirmed_by=by,
                                        confirmed_at=now))


def station_counties(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Station.code, Station.county_code)).all())


def station_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Station.code, Station.name)).all())


KEY_COUNTY, COUNT = "key_county", "count"


def key_counties(session: Session, year: int) -> list[str]:
    return list(session.execute(select(EvaluationPlanEntry.key).where(
        EvaluationPlanEntry.year == year, EvaluationPlanEntry.kind == KEY_COUNTY)
        .order_by(EvaluationPlanEntry.key)).scalars())


def set_key_counties(session: Session, year: int, codes: Sequence[str], by: str, now: dt.datetime) -> None:
    """The year's key counties become ``codes`` (the list replaces the last one)."""
    session.execute(delete(EvaluationPlanEntry).where(EvaluationPlanEntry.year == year,
                                                      EvaluationPlanEntry.kind == KEY_COUNTY))
    session.add_all(EvaluationPlanEntry(year=year, kind=KEY_COUNTY, key=code, value=1, set_by=by, set_at=now)
                    for code in sorted(set(codes)))


def plan_counts(session: Session, year: int) -> dict[str, int]:
    return dict(session.execute(select(EvaluationPlanEntry.key, EvaluationPlanEntry.value).where(
        EvaluationPlanEntry.year == year, EvaluationPlanEntry.kind == COUNT)).all())


def set_plan_counts(session: Session, year: int, values: Mapping[str, int], by: str, now: dt.datetime) -> None:
    for key, value in values.items():
        row = session.get(EvaluationPlanEntry, (year, COUNT, key))
        if row is None:
            session.add(EvaluationPlanEntry(year=year, kind=COUNT, key=key, value=value, set_by=by, set_at=now))
        else:
            row.value, row.set_by, row.set_at = value, by, now
