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

    def analyze(table: str) -> list[str]:
        """PostgreSQL plans the joins below on the rows just written, not on an empty table's guess."""
        return [f"ANALYZE {table}"] if dialect == "postgresql" else []
    authors, places = (_IN(", ".join(f"'{p}'" for p in parts)) for parts in (AUTHOR_PARTS, PLACE_PARTS))
    return [
        # A region's year groups some two million tallies: sorted in memory, not on disk, for this transaction.
        *(["SET LOCAL work_mem = '256MB'"] if dialect == "postgresql" else []),
        *(f"DELETE FROM {table} WHERE year = :year" for table in TABLES),
        f"{with_clause} INSERT INTO evaluation_tallies (year, rule, author_id, part, key, n) SELECT year, rule, "
        f"author_id, part, key, SUM(n) FROM ({query}) AS c WHERE part {authors} "
        "GROUP BY year, rule, author_id, part, key HAVING SUM(n) <> 0 "
        f"ORDER BY rule{c}, author_id{c}, part{c}, key{c}",
        f"{with_clause} INSERT INTO evaluation_places (year, rule, kind, code, industry, records) SELECT year, rule, "
        f"part, key, extra, SUM(n) FROM ({query}) AS c WHERE part {places} GROUP BY year, rule, part, key, extra",
        *analyze("evaluation_tallies"),
        "WITH s AS (SELECT rule, author_id, MIN(CASE WHEN part = 'station' THEN key{c} END) AS station, "
        "SUM(CASE WHEN part = 'county' THEN n ELSE 0 END) AS visits, SUM(CASE WHEN part = 'day' THEN 1 ELSE 0 END) "
        "AS days, SUM(CASE WHEN part = 'household' THEN 1 ELSE 0 END) AS households, SUM(CASE WHEN part = 'trained' "
        "THEN n ELSE 0 END) AS trained FROM evaluation_tallies WHERE year = :year GROUP BY rule, author_id), "
        "w AS (SELECT rule, author_id, key, ROW_NUMBER() OVER (PARTITION BY rule, author_id ORDER BY n DESC, "
        "key{c}) AS place FROM evaluation_tallies WHERE year = :year AND part = 'county') "
        "INSERT INTO evaluation_specialists (year, rule, author_id, station_id, county_code, visits, onsite_days, "
        "households, people_trained) SELECT :year, s.rule, s.author_id, s.station, COALESCE(w.key, ''), s.visits, "
        "s.days, s.households, s.trained FROM s LEFT JOIN w ON w.rule = s.rule AND w.author_id = s.author_id "
        "AND w.place = 1".replace("{c}", c),
        *analyze("evaluation_specialists"),
        "INSERT INTO evaluation_station_households (year, rule, station_id, household, n) SELECT :year, s.rule, "
        "s.station_id, t.key, COUNT(*) FROM evaluation_specialists s JOIN evaluation_tallies t ON t.year = s.year "
        "AND t.rule = s.rule AND t.author_id = s.author_id AND t.part = 'household' WHERE s.year = :year "
        f"AND s.station_id IS NOT NULL GROUP BY s.rule, s.station_id, t.key ORDER BY s.rule{c}, s.station_id{c}, t.key{c}",
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
