"""The year-end evaluation's summaries, kept exact inside every transaction that writes records.

A region's year is some 400,000 visits; evaluating it must not read them all. Every write of
visits or trainings (store.records.stage: pushes, bundles) updates, in the same transaction:

- ``evaluation_specialists``: each affected specialist's year, recomputed from their own records
  by ``sync.domain.evaluation_tally.tally_specialists`` (the function the reference path runs
  over every record), under each counting rule;
- ``evaluation_stations``: the distinct households of each affected station's specialists;
- ``evaluation_places``: how many counted records reached each village, township and (county,
  industry) of 三覆盖 (``sync.indicators.visit_places``): what a write takes away is subtracted,
  what it brings is added, and a place no record reaches any more is removed.

The evaluation then reads some 4,000 + 300 + 15,000 small rows. Records written before these
tables existed (or bulk-loaded around the push) are summarised the first time their year is
evaluated (``ensure_built``). Two writers of one specialist or station wait for each other on
the summary row they both replace, so the later one recomputes from what the first committed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import delete, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync.domain.counting import CountingRule, counted_states
from sync.domain.evaluation import SpecialistTally
from sync.domain.evaluation_tally import tally_specialists
from sync.indicators import Place, TrainingFact, VisitFact, training_places, visit_places
from sync.server.store import report_facts
from sync.server.store.models import EvaluationPlace, EvaluationSpecialist, EvaluationStation, Meta
from sync.server.store.report_facts import FactSelection

RULES = tuple(CountingRule)
COUNTED_TYPES = ("visit", "training")
_ALL_STATES = counted_states(CountingRule.WITH_SUBMITTED)
#: One PostgreSQL advisory lock: summarising a whole year excludes the writes that keep it up to date.
_LOCK_KEY = 0x46425F4556  # "FB_EV"
_BUILT = "evaluation_summary_{year}"

Facts = tuple[list[tuple[str, VisitFact]], list[tuple[str, TrainingFact]]]


class PendingWrite:
    """The counted visits and trainings a write is about to replace, read before it writes."""

    def __init__(self, session: Session, record_ids: frozenset[str]):
        self.record_ids = record_ids
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": _LOCK_KEY})
        self.before = report_facts.facts_of(session, record_ids, _ALL_STATES) if record_ids else ([], [])


def before_write(session: Session, keys: Iterable[tuple[str, str]]) -> PendingWrite:
    """Call before writing the records ``keys`` (record type, id); then ``after_write``."""
    return PendingWrite(session, frozenset(record_id for kind, record_id in keys if kind in COUNTED_TYPES))


def after_write(session: Session, pending: PendingWrite) -> None:
    """Bring the summaries up to date with the records ``pending`` named, now written."""
    if not pending.record_ids:
        return
    after = report_facts.facts_of(session, pending.record_ids, _ALL_STATES)
    _add_places(session, _place_changes(pending.before, after))
    authors: dict[int, set[str]] = defaultdict(set)
    for visits, trainings in (pending.before, after):
        for _, fact in visits:
            authors[fact.visit_date.year].add(fact.author_id)
        for _, fact in trainings:
            authors[fact.training_date.year].add(fact.author_id)
    for year, found in sorted(authors.items()):
        for rule in RULES:
            _refresh_specialists(session, year, rule, frozenset(found))


def _counted(state: str, rule: CountingRule) -> bool:
    return state in counted_states(rule)


def _places(facts: Facts) -> Counter[tuple[int, str, Place]]:
    """How many of ``facts`` reach each place, by year and rule."""
    found: Counter[tuple[int, str, Place]] = Counter()
    visits, trainings = facts
    for rule in RULES:
        for state, v in visits:
            if _counted(state, rule):
                found.update((v.visit_date.year, rule.value, p) for p in visit_places(v))
        for state, t in trainings:
            if _counted(state, rule):
                found.update((t.training_date.year, rule.value, p) for p in training_places(t))
    return found


def _place_changes(before: Facts, after: Facts) -> dict[tuple[int, str, Place], int]:
    changes = Counter(_places(after))
    changes.subtract(_places(before))
    return {key: n for key, n in changes.items() if n}


def _upsert(session: Session):  # noqa: ANN202 - the dialect's INSERT … ON CONFLICT construct
    return (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert(EvaluationPlace)


def _add_places(session: Session, changes: Mapping[tuple[int, str, Place], int]) -> None:
    if not changes:
        return
    rows = [{"year": year, "rule": rule, "kind": kind, "code": code, "industry": industry, "records": n}
            for (year, rule, (kind, code, industry)), n in sorted(changes.items())]
    insert = _upsert(session)
    session.execute(insert.on_conflict_do_update(
        index_elements=["year", "rule", "kind", "code", "industry"],
        set_={"records": EvaluationPlace.records + insert.excluded.records}), rows)
    years = sorted({row["year"] for row in rows})
    session.execute(delete(EvaluationPlace).where(EvaluationPlace.year.in_(years), EvaluationPlace.records <= 0))


def _refresh_specialists(session: Session, year: int, rule: CountingRule, authors: frozenset[str]) -> None:
    """Recompute ``authors``' rows of ``year`` from their records, then their stations' households.

    The rows are deleted first: a concurrent writer of the same specialist waits here until this
    transaction ends, and then reads what it committed.
    """
    old = session.execute(delete(EvaluationSpecialist).where(
        EvaluationSpecialist.year == year, EvaluationSpecialist.rule == rule.value,
        EvaluationSpecialist.author_id.in_(sorted(authors))).returning(EvaluationSpecialist.station_id)).scalars()
    stations = {s for s in old if s}
    tallies, _ = _tallies(session, year, rule, FactSelection(author_ids=authors))
    if tallies:
        session.execute(EvaluationSpecialist.__table__.insert(), [_row(year, rule, t) for t in tallies])
    stations |= {t.station_id for t in tallies if t.station_id}
    if stations:
        _refresh_stations(session, year, rule, stations)


def _refresh_stations(session: Session, year: int, rule: CountingRule, stations: set[str]) -> None:
    session.execute(delete(EvaluationStation).where(
        EvaluationStation.year == year, EvaluationStation.rule == rule.value,
        EvaluationStation.station_id.in_(sorted(stations))))
    members = frozenset(session.execute(select(EvaluationSpecialist.author_id).where(
        EvaluationSpecialist.year == year, EvaluationSpecialist.rule == rule.value,
        EvaluationSpecialist.station_id.in_(sorted(stations)))).scalars())
    if not members:
        return
    _, households = _tallies(session, year, rule, FactSelection(author_ids=members))
    rows = [{"year": year, "rule": rule.value, "station_id": code, "households": n}
            for code, n in sorted(households.items()) if code in stations]
    if rows:
        session.execute(EvaluationStation.__table__.insert(), rows)


def _tallies(session: Session, year: int, rule: CountingRule, selection: FactSelection
             ) -> tuple[list[SpecialistTally], dict[str, int]]:
    """The tallies as the reference path makes them; their county is where most visits were (the
    station's county is looked up when the evaluation is read, so a moved station counts where it is)."""
    return tally_specialists(year, report_facts.visit_facts(session, year, rule, selection),
                             report_facts.training_facts(session, year, rule, selection), {})


def _row(year: int, rule: CountingRule, t: SpecialistTally) -> dict[str, object]:
    return {"year": year, "rule": rule.value, "author_id": t.author_id, "station_id": t.station_id,
            "county_code": t.county_code, "visits": t.visits, "onsite_days": t.onsite_days,
            "households": t.households, "people_trained": t.people_trained}


def ensure_built(session: Session, year: int) -> None:
    """Summarise ``year`` from every record unless done already (a write transaction; it excludes
    the pushes that keep the summaries up to date while it reads)."""
    if session.get(Meta, _BUILT.format(year=year)) is not None:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
        if session.get(Meta, _BUILT.format(year=year)) is not None:
            return
    for table in (EvaluationSpecialist, EvaluationStation, EvaluationPlace):
        session.execute(delete(table).where(table.year == year))
    region = FactSelection()
    places: Counter[tuple[int, str, Place]] = Counter()
    for rule in RULES:
        visits = list(report_facts.visit_facts(session, year, rule, region))
        trainings = list(report_facts.training_facts(session, year, rule, region))
        tallies, households = tally_specialists(year, visits, trainings, {})
        if tallies:
            session.execute(EvaluationSpecialist.__table__.insert(), [_row(year, rule, t) for t in tallies])
        if households:
            session.execute(EvaluationStation.__table__.insert(), [
                {"year": year, "rule": rule.value, "station_id": code, "households": n}
                for code, n in sorted(households.items())])
        places.update((year, rule.value, p) for v in visits for p in visit_places(v))
        places.update((year, rule.value, p) for t in trainings for p in training_places(t))
    _add_places(session, places)
    session.add(Meta(key=_BUILT.format(year=year), value="1"))


def is_built(session: Session, year: int) -> bool:
    return session.get(Meta, _BUILT.format(year=year)) is not None


def specialists(session: Session, year: int, rule: CountingRule,
                station_counties: Mapping[str, str]) -> list[SpecialistTally]:
    """The year's tallies, each in its station's county (else where most of its visits were)."""
    rows = session.execute(select(
        EvaluationSpecialist.author_id, EvaluationSpecialist.station_id, EvaluationSpecialist.county_code,
        EvaluationSpecialist.visits, EvaluationSpecialist.onsite_days, EvaluationSpecialist.households,
        EvaluationSpecialist.people_trained).where(
        EvaluationSpecialist.year == year, EvaluationSpecialist.rule == rule.value)
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
