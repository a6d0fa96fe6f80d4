"""The year-end evaluation's summaries, kept exact inside every transaction that writes records.

A region's year is some 400,000 visits; evaluating it must not read them all. Every write of
visits or trainings (store.records.stage: pushes, bundles) applies, in the same transaction and
in a fixed number of set-based statements whatever the batch, the difference between what the
written records contributed before and after (store.evaluation_sql):

- ``evaluation_tallies``: the multiplicities of each specialist's year (visits per county and
  station, each household, each on-site day, people trained), the difference added;
- ``evaluation_specialists``: each specialist's row, its sums moved by the difference and its
  distinct counts by the keys that rose from zero or fell to it; station and county re-read from
  the specialist's few county and station tallies;
- ``evaluation_station_households`` and ``evaluation_stations``: a station's households, each
  counted once however many of its specialists served it; a specialist whose station changes
  moves their households from the one to the other;
- ``evaluation_places``: how many counted records reached each place of 三覆盖.

Nothing recounts a specialist's year. On PostgreSQL the written records are locked before they
are read, and the specialists and stations a write changes are locked (advisory, in one order)
before their tallies are read, so concurrent pushes add up. Years never summarised are built
from every record the first time they are evaluated (store.evaluation_build).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from sync.domain.counting import CountingRule, counted_states
from sync.server.store.evaluation_sql import AUTHOR_PARTS, PLACE_PARTS, collate, contributions

COUNTED_TYPES = ("visit", "training")
#: The review states some counting rule counts: a record in none of them (a draft, a returned
#: record) contributes nothing, so a write that leaves it so needs no summary step.
_COUNTED_STATES = tuple(sorted({state for rule in CountingRule for state in counted_states(rule)}))
#: One PostgreSQL advisory lock: summarising a whole year excludes the writes that keep it up to date.
LOCK_KEY = 0x46425F4556  # "FB_EV"
_COLS = "year, rule, author_id, part, key, extra, n"
_TEMP = {
    "ev_delta": "year INTEGER, rule VARCHAR(32), author_id VARCHAR(36), part VARCHAR(16), key VARCHAR(64), "
                "extra VARCHAR(128), n INTEGER",
    "ev_net": "year INTEGER, rule VARCHAR(32), author_id VARCHAR(36), part VARCHAR(16), key VARCHAR(64), "
              "extra VARCHAR(128), n INTEGER",
    "ev_author": "year INTEGER, rule VARCHAR(32), author_id VARCHAR(36), visits INTEGER, days INTEGER, "
                 "households INTEGER, trained INTEGER, old_station VARCHAR(32), new_station VARCHAR(32), "
                 "county VARCHAR(12)",
    "ev_station": "year INTEGER, rule VARCHAR(32), station_id VARCHAR(32), household VARCHAR(64), n INTEGER",
}
_IN = "IN ({})".format
_PLACES = _IN(", ".join(f"'{p}'" for p in PLACE_PARTS))
_TALLIED = _IN(", ".join(f"'{p}'" for p in AUTHOR_PARTS if p != "household"))
_AUTHORS = _IN(", ".join(f"'{p}'" for p in AUTHOR_PARTS))
_SAME = "t.year = {a}.year AND t.rule = {a}.rule AND t.author_id = {a}.author_id".format
_RISE_OR_FALL = "CASE WHEN COALESCE(t.n, 0) = 0 THEN 1 WHEN t.n + e.n = 0 THEN -1 ELSE 0 END"


class _Written(Protocol):
    """What the summaries need of a row about to be written (store.records.RowWrite)."""

    is_new: bool
    fields: dict[str, Any]


class PendingWrite:
    """The records a write is about to replace, their contributions read (negated) before it writes
    (``before``), and the ones whose written state may count (``after``)."""

    def __init__(self, before: tuple[str, ...], after: tuple[str, ...]):
        self.before, self.after = before, after

    @property
    def record_ids(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.before) | set(self.after)))


def _pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _ids_condition(session: Session) -> tuple[str, bool]:
    """The condition on ``r.record_id`` naming the ids bound as ``:ids``, and whether the bind
    expands. PostgreSQL gets them as one array: a list of bound values would be an ARRAY[...] the
    executor builds again for every row it filters when the planner keeps only the record type as
    the index condition (a table whose statistics are not yet gathered)."""
    if _pg(session):
        return "r.record_id = ANY(CAST(:ids AS VARCHAR[]))", False
    return "r.record_id IN :ids", True


def _ids_statement(session: Session, sql: str) -> Any:
    statement = text(sql)
    return statement.bindparams(bindparam("ids", expanding=True)) if _ids_condition(session)[1] else statement


def _stage(session: Session, record_ids: tuple[str, ...], sign: int) -> None:
    if not record_ids:
        return
    with_clause, query = contributions(session.get_bind().dialect.name, _ids_condition(session)[0])
    session.execute(_ids_statement(session, f"{with_clause} INSERT INTO ev_delta ({_COLS}) SELECT year, rule, "
                                            f"author_id, part, key, extra, {sign} * n FROM ({query}) AS c"),
                    {"ids": list(record_ids)})


def _may_count(fields: Mapping[str, Any]) -> bool:
    return fields.get("review_state") in _COUNTED_STATES


def before_write(session: Session, writes: Mapping[tuple[str, str], _Written]) -> PendingWrite:
    """Call before writing ``writes`` (by record type and id); then ``after_write``.

    Only records that count, as stored or as written, are summarised: the stored ones are read
    (and locked) here, the written ones known from their fields; a draft saved, edited and pushed
    again costs the summaries nothing.
    """
    counted = {key: row for key, row in writes.items() if key[0] in COUNTED_TYPES}
    replaced = sorted(record_id for (_, record_id), row in counted.items() if not row.is_new)
    after = tuple(sorted(record_id for (_, record_id), row in counted.items() if _may_count(row.fields)))
    if not replaced and not after:
        return PendingWrite((), ())
    if _pg(session):
        session.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": LOCK_KEY})
    before: tuple[str, ...] = ()
    if replaced:
        lock = " FOR UPDATE" if _pg(session) else ""
        state = "r.fields->>'review_state'" if _pg(session) else "json_extract(r.fields, '$.review_state')"
        rows = session.execute(_ids_statement(
            session, f"SELECT r.record_id, {state} FROM records r WHERE r.record_type IN ('visit', 'training') "
                     f"AND {_ids_condition(session)[0]} ORDER BY r.record_type, r.record_id{lock}"),
            {"ids": replaced})
        before = tuple(sorted({record_id for record_id, review_state in rows if review_state in _COUNTED_STATES}))
    pending = PendingWrite(before, after)
    if not pending.record_ids:
        return pending
    for name, columns in _TEMP.items():
        session.execute(text(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({columns})"))
        session.execute(text(f"DELETE FROM {name}"))
    _stage(session, pending.before, -1)
    return pending


def _upsert_tallies(parts: str) -> str:
    return (f"INSERT INTO evaluation_tallies (year, rule, author_id, part, key, n) SELECT year, rule, author_id, "
            f"part, key, n FROM ev_net WHERE part {parts} ON CONFLICT (year, rule, author_id, part, key) "
            "DO UPDATE SET n = evaluation_tallies.n + excluded.n")


def _drop_zero_tallies(parts: str) -> str:
    return ("DELETE FROM evaluation_tallies WHERE n = 0 AND (year, rule, author_id, part, key) IN "
            f"(SELECT year, rule, author_id, part, key FROM ev_net WHERE part {parts})")


def _household_moves(station: str, condition: str, sign: int) -> str:
    return (f"INSERT INTO ev_station SELECT a.year, a.rule, a.{station}, t.key, {sign} FROM ev_author a "
            f"JOIN evaluation_tallies t ON {_SAME(a='a')} AND t.part = 'household' WHERE {condition}")


def _steps(session: Session) -> list[str]:
    c = collate(session.get_bind().dialect.name)
    pg = _pg(session)
    moved = "a.new_station IS NULL OR a.new_station <> a.old_station"
    return [
        f"INSERT INTO ev_net ({_COLS}) SELECT year, rule, author_id, part, key, extra, SUM(n) FROM ev_delta "
        "GROUP BY year, rule, author_id, part, key, extra HAVING SUM(n) <> 0",
        "DELETE FROM ev_delta",
        # 三覆盖's places: the counts move by the difference; a place no record reaches is removed.
        "INSERT INTO evaluation_places (year, rule, kind, code, industry, records) SELECT year, rule, part, key, "
        f"extra, SUM(n) FROM ev_net WHERE part {_PLACES} GROUP BY year, rule, part, key, extra "
        "ON CONFLICT (year, rule, kind, code, industry) DO UPDATE SET records = evaluation_places.records + "
        "excluded.records",
        "DELETE FROM evaluation_places WHERE records <= 0 AND (year, rule, kind, code, industry) IN "
        f"(SELECT year, rule, part, key, extra FROM ev_net WHERE part {_PLACES})",
        *([f"SELECT pg_advisory_xact_lock(1, k) FROM (SELECT DISTINCT hashtext(author_id) AS k FROM ev_net "
           f"WHERE part {_AUTHORS}) AS a ORDER BY k"] if pg else []),
        # Each specialist's sums and distinct counts move; the tallies are read before they change.
        "INSERT INTO ev_author (year, rule, author_id, visits, days, households, trained, old_station) "
        "SELECT e.year, e.rule, e.author_id, SUM(CASE WHEN e.part = 'county' THEN e.n ELSE 0 END), "
        f"SUM(CASE WHEN e.part = 'day' THEN {_RISE_OR_FALL} ELSE 0 END), "
        f"SUM(CASE WHEN e.part = 'household' THEN {_RISE_OR_FALL} ELSE 0 END), "
        "SUM(CASE WHEN e.part = 'trained' THEN e.n ELSE 0 END), MIN(s.station_id) FROM ev_net e "
        f"LEFT JOIN evaluation_tallies t ON {_SAME(a='e')} AND t.part = e.part AND t.key = e.key "
        "LEFT JOIN evaluation_specialists s ON s.year = e.year AND s.rule = e.rule AND s.author_id = e.author_id "
        f"WHERE e.part {_AUTHORS} GROUP BY e.year, e.rule, e.author_id",
        f"INSERT INTO ev_delta ({_COLS}) SELECT e.year, e.rule, e.author_id, 'household', e.key, '', "
        f"{_RISE_OR_FALL} FROM ev_net e LEFT JOIN evaluation_tallies t ON {_SAME(a='e')} AND t.part = e.part "
        "AND t.key = e.key WHERE e.part = 'household' AND (COALESCE(t.n, 0) = 0 OR t.n + e.n = 0)",
        _upsert_tallies(_TALLIED), _drop_zero_tallies(_TALLIED),
        f"UPDATE ev_author SET new_station = (SELECT MIN(t.key{c}) FROM evaluation_tallies t "
        f"WHERE {_SAME(a='ev_author')} AND t.part = 'station'), county = (SELECT t.key FROM evaluation_tallies t "
        f"WHERE {_SAME(a='ev_author')} AND t.part = 'county' ORDER BY t.n DESC, t.key{c} LIMIT 1)",
        # A station's households: the specialist's own rises and falls, or all of them moved.
        _household_moves("old_station", f"a.old_station IS NOT NULL AND ({moved})", -1),
        "INSERT INTO ev_station SELECT a.year, a.rule, a.old_station, d.key, d.n FROM ev_author a JOIN ev_delta d "
        "ON d.year = a.year AND d.rule = a.rule AND d.author_id = a.author_id WHERE a.old_station = a.new_station",
        _upsert_tallies("= 'household'"), _drop_zero_tallies("= 'household'"),
        _household_moves("new_station", "a.new_station IS NOT NULL AND (a.old_station IS NULL OR "
                                        "a.old_station <> a.new_station)", 1),
        *(["SELECT pg_advisory_xact_lock(2, k) FROM (SELECT DISTINCT hashtext(station_id) AS k FROM ev_station) "
           "AS s ORDER BY k"] if pg else []),
        "INSERT INTO evaluation_stations (year, rule, station_id, households) SELECT e.year, e.rule, e.station_id, "
        f"SUM({_RISE_OR_FALL.replace('t.', 'h.')}) FROM (SELECT year, rule, station_id, household, SUM(n) AS n "
        "FROM ev_station GROUP BY year, rule, station_id, household HAVING SUM(n) <> 0) AS e "
        "LEFT JOIN evaluation_station_households h ON h.year = e.year AND h.rule = e.rule "
        "AND h.station_id = e.station_id AND h.household = e.household WHERE true GROUP BY e.year, e.rule, "
        "e.station_id ON CONFLICT (year, rule, station_id) DO UPDATE SET households = "
        "evaluation_stations.households + excluded.households",
        "DELETE FROM evaluation_stations WHERE households = 0 AND (year, rule, station_id) IN "
        "(SELECT year, rule, station_id FROM ev_station)",
        "INSERT INTO evaluation_station_households (year, rule, station_id, household, n) SELECT year, rule, "
        "station_id, household, SUM(n) FROM ev_station WHERE true GROUP BY year, rule, station_id, household "
        "HAVING SUM(n) <> 0 ON CONFLICT (year, rule, station_id, household) DO UPDATE SET "
        "n = evaluation_station_households.n + excluded.n",
        "DELETE FROM evaluation_station_households WHERE n = 0 AND (year, rule, station_id, household) IN "
        "(SELECT year, rule, station_id, household FROM ev_station)",
        "INSERT INTO evaluation_specialists (year, rule, author_id, station_id, county_code, visits, onsite_days, "
        "households, people_trained) SELECT year, rule, author_id, new_station, COALESCE(county, ''), visits, days, "
        "households, trained FROM ev_author WHERE true ON CONFLICT (year, rule, author_id) DO UPDATE SET "
        "station_id = excluded.station_id, county_code = excluded.county_code, "
        "visits = evaluation_specialists.visits + excluded.visits, "
        "onsite_days = evaluation_specialists.onsite_days + excluded.onsite_days, "
        "households = evaluation_specialists.households + excluded.households, "
        "people_trained = evaluation_specialists.people_trained + excluded.people_trained",
        "DELETE FROM evaluation_specialists WHERE visits = 0 AND people_trained = 0 AND (year, rule, author_id) IN "
        "(SELECT year, rule, author_id FROM ev_author)",
        *(f"DELETE FROM {name}" for name in _TEMP),
    ]


def after_write(session: Session, pending: PendingWrite) -> None:
    """Bring the summaries up to date with the records ``pending`` named, now written."""
    if not pending.record_ids:
        return
    _stage(session, pending.after, 1)
    for statement in _steps(session):
        session.execute(text(statement))
