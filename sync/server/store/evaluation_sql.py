"""What each counted visit and training adds to the year-end evaluation, as one SQL query.

A record's *contributions* are rows (year, rule, author_id, part, key, extra, n), one per thing it
counts for, under each counting rule its review state counts in (sync.domain.counting):

- ``county`` (its county, 1): a visit; the specialist's visits, and the county of most of them;
- ``station`` (its station, 1): a visit recorded for a station; the lowest one is the specialist's;
- ``household`` (a household id, 1): each household a visit served;
- ``day`` (an ISO date, 1): each day of an on-site visit within its year (at most MAX_VISIT_DAYS);
- ``trained`` ('', people): a training's local talents (sync.indicators.LOCAL_TALENT_CATEGORIES);
- ``village``, ``township``, ``guided``: the places 三覆盖 counts (sync.indicators.visit_places and
  training_places), with no author; ``extra`` holds the guided industry.

Summed by key, these are the multiplicities the summaries keep (store.evaluation_summary): a
distinct count (days, households) is the number of keys above zero. The query reads the JSON of
the records in the database (``->>`` on PostgreSQL, ``json_extract`` on SQLite), so no record is
loaded into Python, and it gives what ``sync.domain.evaluation_tally.tally_specialists`` counts.
"""

from __future__ import annotations

from sync.domain.counting import MAX_VISIT_DAYS, CountingRule, counted_states
from sync.domain.vocabulary import ServiceType, VisitMode
from sync.indicators import LOCAL_TALENT_CATEGORIES

AUTHOR_PARTS = ("county", "station", "household", "day", "trained")
PLACE_PARTS = ("village", "township", "guided")
#: Distinct counts: a key counts once however many records reach it.
DISTINCT_PARTS = ("household", "day")

_RULES = " UNION ALL ".join(f"SELECT '{rule.value}', '{state}'" for rule in CountingRule
                            for state in counted_states(rule))


def _pg_field(alias: str, name: str) -> str:
    return f"({alias}.fields->>'{name}')"


def _lite_field(alias: str, name: str) -> str:
    return f"json_extract({alias}.fields, '$.{name}')"


def _pg_talent(name: str) -> str:
    value = f"b.fields->'attendees'->'{name}'"
    return f"(CASE WHEN jsonb_typeof({value}) = 'number' THEN CAST(TRUNC(CAST(({value}) #>> '{{}}' AS NUMERIC)) AS INTEGER) ELSE 0 END)"


def _lite_talent(name: str) -> str:
    path = f"'$.attendees.{name}'"
    return f"(CASE WHEN json_type(b.fields, {path}) IN ('integer', 'real') THEN CAST(json_extract(b.fields, {path}) AS INTEGER) ELSE 0 END)"


def _dialect(name: str) -> dict[str, str]:
    guidance = ServiceType.GUIDANCE.value
    if name == "postgresql":
        return {
            "collate": ' COLLATE "C"',
            "span": "LEAST({m}, 1 + GREATEST(0, COALESCE(CAST(NULLIF(b.day1, '') AS DATE) - CAST(b.day0 AS DATE), 0)))",
            "day": "TO_CHAR(CAST(b.day0 AS DATE) + o.k, 'YYYY-MM-DD')",
            "in_year": "CAST(b.day0 AS DATE) + o.k <= MAKE_DATE(b.year, 12, 31)",
            "households": "CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(b.fields->'household_ids')"
                          " = 'array' THEN b.fields->'household_ids' ELSE CAST('[]' AS JSONB) END) AS h(value)",
            "guidance": f"(b.fields->'service_types' @> CAST('[\"{guidance}\"]' AS JSONB))",
            "talent": " + ".join(_pg_talent(c.value) for c in LOCAL_TALENT_CATEGORIES),
        }
    return {
        "collate": "",
        "span": "MIN({m}, 1 + MAX(0, COALESCE(CAST(julianday(NULLIF(b.day1, '')) - julianday(b.day0) AS INTEGER), 0)))",
        "day": "date(b.day0, '+' || o.k || ' days')",
        "in_year": "SUBSTR(date(b.day0, '+' || o.k || ' days'), 1, 4) = SUBSTR(b.day0, 1, 4)",
        "households": "JOIN json_each(CASE WHEN json_type(b.fields, '$.household_ids') = 'array'"
                      " THEN json_extract(b.fields, '$.household_ids') ELSE '[]' END) AS h",
        "guidance": f"(json_type(b.fields, '$.service_types') = 'array' AND EXISTS (SELECT 1 FROM json_each("
                    f"b.fields, '$.service_types') AS s WHERE s.value = '{guidance}'))",
        "talent": " + ".join(_lite_talent(c.value) for c in LOCAL_TALENT_CATEGORIES),
    }


def collate(dialect: str) -> str:
    """The byte order Python's ``min`` uses, for station and county codes."""
    return _dialect(dialect)["collate"]


def contributions(dialect: str, where: str) -> tuple[str, str]:
    """The contributions of the live visits and trainings of ``records r`` that ``where`` keeps
    (bind parameters are the caller's): a WITH clause to put first, and a query of (year, rule,
    author_id, part, key, extra, n) to read from after it."""
    d = _dialect(dialect)
    f = _pg_field if dialect == "postgresql" else _lite_field
    span = d["span"].format(m=MAX_VISIT_DAYS)
    onsite = f"b.kind = 'visit' AND b.mode = '{VisitMode.ONSITE.value}'"
    head = "SELECT b.year, b.rule, b.author AS author_id,"
    place = "SELECT b.year, b.rule, '' AS author_id,"
    with_clause = f"""
WITH RECURSIVE o(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM o WHERE k < {MAX_VISIT_DAYS - 1}),
rules(rule, state) AS ({_RULES}),
raw AS (
  SELECT r.record_type AS kind, COALESCE(r.author_id, '') AS author, c.rule AS rule, r.fields AS fields,
         CASE WHEN r.record_type = 'visit' THEN {f('r', 'visit_date')} ELSE {f('r', 'training_date')} END AS day0,
         {f('r', 'end_date')} AS day1, COALESCE({f('r', 'mode')}, '') AS mode,
         COALESCE({f('r', 'village_code')}, '') AS village, COALESCE({f('r', 'station_id')}, '') AS station,
         COALESCE({f('r', 'industry')}, '') AS industry
  FROM records r JOIN rules c ON c.state = {f('r', 'review_state')}
  WHERE NOT r.deleted AND r.record_type IN ('visit', 'training') AND ({where})),
b AS (SELECT raw.*, CAST(SUBSTR(raw.day0, 1, 4) AS INTEGER) AS year FROM raw WHERE raw.day0 IS NOT NULL AND raw.day0 <> '')
"""
    query = f"""
{head} 'county' AS part, SUBSTR(b.village, 1, 6) AS key, '' AS extra, 1 AS n FROM b WHERE b.kind = 'visit'
UNION ALL {head} 'station', b.station, '', 1 FROM b WHERE b.kind = 'visit' AND b.station <> ''
UNION ALL {head} 'household', h.value, '', 1 FROM b {d['households']} WHERE b.kind = 'visit'
UNION ALL {head} 'day', {d['day']}, '', 1 FROM b JOIN o ON o.k < {span}
  WHERE {onsite} AND {d['in_year']}
UNION ALL {head} 'trained', '', '', {d['talent']} FROM b WHERE b.kind = 'training' AND {d['talent']} <> 0
UNION ALL {place} 'village', b.village, '', 1 FROM b
UNION ALL {place} 'township', SUBSTR(b.village, 1, 9), '', 1 FROM b WHERE {onsite}
UNION ALL {place} 'guided', SUBSTR(b.village, 1, 6), b.industry, 1 FROM b WHERE b.kind = 'training' OR {d['guidance']}
"""
    return with_clause, query
