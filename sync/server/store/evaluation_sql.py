"""The evaluation's tallies computed by PostgreSQL, set-based: a handful of GROUP BY queries over the
year's counted records instead of streaming every record into Python.

They give exactly what ``sync.domain.evaluation_tally.tally_specialists`` and the coverage of
``sync.indicators.compute`` give from the same records (tests/reports/test_evaluation.py compares
them on PostgreSQL); SQLite servers take that streaming path instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import text
from sqlalchemy.orm import Session

from sync.domain.counting import MAX_VISIT_DAYS, CountingRule, counted_states
from sync.domain.evaluation import SpecialistTally
from sync.indicators import LOCAL_TALENT_CATEGORIES

_COUNTED = """record_type = :kind AND NOT deleted AND fields->>'review_state' = ANY(:states)
  AND fields->>:date_field BETWEEN :first AND :last"""

_VISITS = f"""SELECT author_id, fields->>'station_id' AS station, fields->>'mode' AS mode,
  (fields->>'visit_date')::date AS first_day, NULLIF(fields->>'end_date', '')::date AS last_day,
  fields->>'village_code' AS village, fields->'household_ids' AS households,
  fields->'service_types' AS types, fields->>'industry' AS industry
  FROM records WHERE {_COUNTED}"""

_SPECIALISTS = f"""WITH v AS ({_VISITS})
SELECT author_id, min(station), count(*), mode() WITHIN GROUP (ORDER BY substr(village, 1, 6))
FROM v GROUP BY author_id ORDER BY author_id"""

_DAYS = f"""WITH v AS ({_VISITS})
SELECT author_id, count(DISTINCT day) FROM v,
  generate_series(first_day, LEAST(GREATEST(COALESCE(last_day, first_day), first_day),
                                   first_day + {MAX_VISIT_DAYS - 1}, CAST(:last AS date)), interval '1 day') AS day
WHERE mode = 'onsite' GROUP BY author_id"""

_HOUSEHOLDS = f"""WITH v AS ({_VISITS})
SELECT author_id, array_agg(DISTINCT h) FROM v, jsonb_array_elements_text(households) AS h
WHERE jsonb_typeof(households) = 'array' GROUP BY author_id"""

_TALENT = " + ".join(
    f"CASE WHEN jsonb_typeof(fields->'attendees'->'{c.value}') = 'number' "
    f"THEN trunc((fields->'attendees'->>'{c.value}')::numeric) ELSE 0 END" for c in LOCAL_TALENT_CATEGORIES)
_TRAINED = f"SELECT author_id, sum({_TALENT}) FROM records WHERE {_COUNTED} GROUP BY author_id"

_SERVED = f"""SELECT DISTINCT fields->>'village_code' FROM records WHERE {_COUNTED}"""
_RESIDENT = f"""WITH v AS ({_VISITS}) SELECT DISTINCT substr(village, 1, 9) FROM v WHERE mode = 'onsite'"""
_GUIDED = f"""WITH v AS ({_VISITS})
SELECT DISTINCT substr(village, 1, 6), industry FROM v WHERE types ? 'guidance'"""
_TRAINING_GUIDED = f"""SELECT DISTINCT substr(fields->>'village_code', 1, 6), fields->>'industry' FROM records
WHERE {_COUNTED}"""


def _params(kind: str, date_field: str, year: int, rule: CountingRule) -> dict[str, object]:
    return {"kind": kind, "date_field": date_field, "states": list(counted_states(rule)),
            "first": f"{year:04d}-01-01", "last": f"{year:04d}-12-31"}


def specialist_tallies(session: Session, year: int, rule: CountingRule,
                       station_counties: Mapping[str, str]) -> list[SpecialistTally]:
    visits, trainings = _params("visit", "visit_date", year, rule), _params("training", "training_date", year, rule)
    days = dict(session.execute(text(_DAYS), visits).all())
    households = dict(session.execute(text(_HOUSEHOLDS), visits).all())
    trained = dict(session.execute(text(_TRAINED), trainings).all())
    return [SpecialistTally(author, station, station_counties.get(station or "") or county, count,
                            days.get(author, 0), frozenset(households.get(author) or ()), int(trained.get(author, 0)))
            for author, station, count, county in session.execute(text(_SPECIALISTS), visits)]


def coverage_sets(session: Session, year: int, rule: CountingRule
                  ) -> tuple[set[str], set[str], set[tuple[str, str]]]:
    """Villages served (visits and trainings), townships with on-site service, (county, industry) guided."""
    visits, trainings = _params("visit", "visit_date", year, rule), _params("training", "training_date", year, rule)
    served = {r[0] for r in session.execute(text(_SERVED), visits)} | {
        r[0] for r in session.execute(text(_SERVED), trainings)}
    resident = {r[0] for r in session.execute(text(_RESIDENT), visits)}
    guided: set[tuple[str, str]] = {(c, i or "") for c, i in session.execute(text(_GUIDED), visits)}
    guided |= {(c, i or "") for c, i in session.execute(text(_TRAINING_GUIDED), trainings)}
    return {s for s in served if s}, resident, guided


