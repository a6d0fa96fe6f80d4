"""A year's evaluation summaries built from every record, set-based, and read for the evaluation.

Records written before the summaries existed, or loaded in bulk around the pushes, are summarised
the first time their year is evaluated: one INSERT … SELECT per summary table, from the same
contributions the writes apply (store.evaluation_sql), so a year built and a year kept by writes
hold the very same rows. The evaluation then reads some 4,000 + 300 + 15,000 small rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from sync.domain.counting import CountingRule
from sync.domain.evaluation import SpecialistTally
from sync.indicators import Place
from sync.server.store.evaluation_sql import AUTHOR_PARTS, PLACE_PARTS, collate, contributions
from sync.server.store.evaluation_summary import LOCK_KEY
from sync.server.store.models import EvaluationPlace, EvaluationSpecialist, EvaluationStation, Meta

_BUILT = "evaluation_summary_{year}"
TABLES = ("evaluation_tallies", "evaluation_specialists", "evaluation_station_households", "evaluation_stations",
          "evaluation_places")
_IN = "IN ({})".format


def _statements(dialect: str) -> list[str]:
    visit, training = ("r.fields->>'visit_date'", "r.fields->>'training_date'") if dialect == "postgresql" else (
        "json_extract(r.fields, '$.visit_date')", "json_extract(r.fields, '$.training_date')")
    with_clause, query = contributions(
        dialect, f"(r.record_type = 'visit' AND {visit} BETWEEN :first AND :last) OR "
                 f"(r.record_type = 'training' AND {training} BETWEEN :first AND :last)")
    c = collate(dialect)
    authors, places = (_IN(", ".join(f"'{p}'" for p in parts)) for parts in (AUTHOR_PARTS, PLACE_PARTS))
    return [
        *(f"DELETE FROM {table} WHERE year = :year" for table in TABLES),
        f"{with_clause} INSERT INTO evaluation_tallies (year, rule, author_id, part, key, n) SELECT year, rule, "
        f"author_id, part, key, SUM(n) FROM ({query}) AS c WHERE part {authors} "
        "GROUP BY year, rule, author_id, part, key HAVING SUM(n) <> 0",
        f"{with_clause} INSERT INTO evaluation_places (year, rule, kind, code, industry, records) SELECT year, rule, "
        f"part, key, extra, SUM(n) FROM ({query}) AS c WHERE part {places} GROUP BY year, rule, part, key, extra",
        "WITH c AS (SELECT rule, author_id, key, ROW_NUMBER() OVER (PARTITION BY rule, author_id "
        f"ORDER BY n DESC, key{c}) AS place FROM evaluation_tallies WHERE year = :year AND part = 'county') "
        "INSERT INTO evaluation_specialists (year, rule, author_id, station_id, county_code, visits, onsite_days, "
        f"households, people_trained) SELECT :year, t.rule, t.author_id, MIN(CASE WHEN t.part = 'station' THEN "
        f"t.key{c} END), COALESCE(MIN(c.key), ''), SUM(CASE WHEN t.part = 'county' THEN t.n ELSE 0 END), "
        "SUM(CASE WHEN t.part = 'day' THEN 1 ELSE 0 END), SUM(CASE WHEN t.part = 'household' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN t.part = 'trained' THEN t.n ELSE 0 END) FROM evaluation_tallies t LEFT JOIN c "
        "ON c.rule = t.rule AND c.author_id = t.author_id AND c.place = 1 WHERE t.year = :year "
        "GROUP BY t.rule, t.author_id",
        "INSERT INTO evaluation_station_households (year, rule, station_id, household, n) SELECT :year, s.rule, "
        "s.station_id, t.key, COUNT(*) FROM evaluation_specialists s JOIN evaluation_tallies t ON t.year = s.year "
        "AND t.rule = s.rule AND t.author_id = s.author_id AND t.part = 'household' WHERE s.year = :year "
        "AND s.station_id IS NOT NULL GROUP BY s.rule, s.station_id, t.key",
        "INSERT INTO evaluation_stations (year, rule, station_id, households) SELECT :year, rule, station_id, "
        "COUNT(*) FROM evaluation_station_households WHERE year = :year GROUP BY rule, station_id",
    ]


def ensure_built(session: Session, year: int) -> None:
    """Summarise ``year`` from every record unless done already (a write transaction; it excludes
    the pushes that keep the summaries up to date while it reads)."""
    if session.get(Meta, _BUILT.format(year=year)) is not None:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
        if session.get(Meta, _BUILT.format(year=year)) is not None:
            return
    given = {"year": year, "first": f"{year:04d}-01-01", "last": f"{year:04d}-12-31"}
    for statement in _statements(dialect):
        session.execute(text(statement), given)
    session.add(Meta(key=_BUILT.format(year=year), value="1"))


def is_built(session: Session, year: int) -> bool:
    return session.get(Meta, _BUILT.format(year=year)) is not None


def specialists(session: Session, year: int, rule: CountingRule,
                station_counties: Mapping[str, str]) -> list[SpecialistTally]:
    """The year's tallies of specialists with a visit, each in its station's county (else where
    most of its visits were)."""
    rows = session.execute(select(
        EvaluationSpecialist.author_id, EvaluationSpecialist.station_id, EvaluationSpecialist.county_code,
        EvaluationSpecialist.visits, EvaluationSpecialist.onsite_days, EvaluationSpecialist.households,
        EvaluationSpecialist.people_trained).where(
        EvaluationSpecialist.year == year, EvaluationSpecialist.rule == rule.value, EvaluationSpecialist.visits > 0)
        .order_by(EvaluationSpecialist.author_id))
    return [SpecialistTally(author, station, station_counties.get(station or "") or county, visits, days, households,
                            trained) for author, station, county, visits, days, households, trained in rows]


def station_households(session: Session, year: int, rule: CountingRule) -> dict[str, int]:
    return dict(session.execute(select(EvaluationStation.station_id, EvaluationStation.households).where(
        EvaluationStation.year == year, EvaluationStation.rule == rule.value)).all())


def places(session: Session, year: int, rule: CountingRule) -> Sequence[Place]:
    """The places 三覆盖 counts that some counted record of ``year`` reached."""
    return [(kind, code, industry) for kind, code, industry in session.execute(select(
        EvaluationPlace.kind, EvaluationPlace.code, EvaluationPlace.industry).where(
        EvaluationPlace.year == year, EvaluationPlace.rule == rule.value, EvaluationPlace.records > 0))]
