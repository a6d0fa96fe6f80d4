"""The evaluation read from the summaries kept inside each write by per-batch deltas equals the
evaluation computed from every record (the reference path a device runs), and the summaries equal
those built afresh from every record, on random years written, edited, reviewed, returned, moved,
deleted and with households merged, in many transactions, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from resources import resource_path
from sync.server.entry_planner import RowWrite
from sync.server.scope import Audience, RowScope
from sync.server.services import reference_import
from sync.server.services.evaluation import evaluation_document
from sync.server.store import evaluation_build, migrate, records
from sync.server.store.database import Database
from sync.server.store.models import (
    EvaluationPlace,
    EvaluationSpecialist,
    EvaluationStation,
    EvaluationStationHousehold,
    EvaluationTally,
    Meta,
    Record,
)

from .conftest import BACKENDS, fresh_database

AUTHORS = ["a1", "a2", "a3", "a4"]
# Villages of 巴林左旗 (two townships) and of 巴林右旗, and a code on no list.
VILLAGES = ["150422100200", "150422100201", "150422101200", "150423100200", "150423100201", "159999999999"]
STATIONS = [None, "ST-UNKNOWN"]
INDUSTRIES = ["肉牛", "肉牛牦牛", "肉羊", "玉米", "大豆", ""]
STATES = ["draft", "submitted", "approved", "returned"]
HOUSEHOLDS = [f"h{i}" for i in range(8)]
SUMMARY_TABLES = (EvaluationTally, EvaluationSpecialist, EvaluationStationHousehold, EvaluationStation, EvaluationPlace)
DAYS = st.dates(dt.date(2025, 12, 20), dt.date(2026, 1, 10)) | st.dates(dt.date(2026, 5, 1), dt.date(2026, 5, 20))


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    with fresh_database(request.param, tmp_path_factory.mktemp("summary")) as url:
        database = Database(url)
        migrate.upgrade(database)
        reference_import.import_reference(database, resource_path("reference"))
        with database.read() as session:
            from sync.server.store import stations

            STATIONS[2:] = [s.code for s in stations.list_all(session)][:2]
        yield database
        database.dispose()


def visit_fields(draw: st.DrawFn, author: str) -> dict:
    day = draw(DAYS)
    return {"author_id": author, "station_id": draw(st.sampled_from(STATIONS)), "visit_date": day.isoformat(),
            "end_date": draw(st.none() | st.integers(0, 40).map(lambda n: (day + dt.timedelta(days=n)).isoformat())),
            "mode": draw(st.sampled_from(["onsite", "onsite", "phone", "wechat"])),
            "village_code": draw(st.sampled_from(VILLAGES)),
            "household_ids": draw(st.lists(st.sampled_from(HOUSEHOLDS), max_size=3, unique=True)),
            "service_types": draw(st.lists(st.sampled_from(["guidance", "policy", "training", "other"]),
                                           max_size=2, unique=True)),
            "industry": draw(st.sampled_from(INDUSTRIES)), "review_state": draw(st.sampled_from(STATES)),
            "deleted": draw(st.sampled_from([False, False, False, True]))}


def training_fields(draw: st.DrawFn, author: str) -> dict:
    return {"author_id": author, "station_id": draw(st.sampled_from(STATIONS)),
            "training_date": draw(DAYS).isoformat(), "village_code": draw(st.sampled_from(VILLAGES)),
            "industry": draw(st.sampled_from(INDUSTRIES)), "review_state": draw(st.sampled_from(STATES)),
            "attendees": {"backbone": draw(st.integers(0, 5)), "extension_staff": draw(st.integers(0, 5)),
                          "farmer": draw(st.integers(0, 9))}, "deleted": draw(st.sampled_from([False, False, True]))}


@st.composite
def histories(draw: st.DrawFn) -> list[list[tuple[str, str, dict]]]:
    """Transactions of writes (record type, id, fields): creates, then edits of what exists."""
    made: list[tuple[str, str]] = []
    batches: list = []
    for _ in range(draw(st.integers(1, 6))):
        if made and draw(st.integers(0, 3)) == 0:
            # A station manager merges two households: every visit naming the one names the other.
            batches.append(("merge", draw(st.sampled_from(HOUSEHOLDS)), draw(st.sampled_from(HOUSEHOLDS))))
            continue
        batch = []
        for _ in range(draw(st.integers(1, 6))):
            if made and draw(st.booleans()):
                kind, record_id = draw(st.sampled_from(made))
                author = record_id.split(":")[1]
            else:
                kind, author = draw(st.sampled_from(["visit", "visit", "training"])), draw(st.sampled_from(AUTHORS))
                record_id = f"{kind}:{author}:{len(made)}"
                made.append((kind, record_id))
            fields = visit_fields(draw, author) if kind == "visit" else training_fields(draw, author)
            batch.append((kind, record_id, fields))
        batches.append(batch)
    return batches


def merged(db: Database, gone: str, kept: str) -> list[tuple[str, str, dict]]:
    """The rewrites of the visits that name ``gone``, naming ``kept`` once instead."""
    with db.read() as session:
        found = session.execute(select(Record.record_id, Record.fields).where(Record.record_type == "visit")).all()
    batch = []
    for record_id, fields in found:
        if gone in fields["household_ids"] and gone != kept:
            households = [kept if h == gone else h for h in fields["household_ids"]]
            batch.append(("visit", record_id, {**fields, "household_ids": list(dict.fromkeys(households))}))
    return batch


def write(db: Database, batch) -> None:
    if batch and batch[0] == "merge":
        batch = merged(db, batch[1], batch[2])
        if not batch:
            return
    now = dt.datetime.now(dt.UTC)
    with db.write() as session:
        writes = []
        for kind, record_id, fields in batch:
            stored = records.load(session, kind, record_id)
            county = fields["village_code"][:6]
            writes.append(RowWrite(kind, record_id, (stored.revision if stored else 0) + 1, fields,
                                   RowScope(Audience.AUTHOR, fields["author_id"], fields["station_id"], county,
                                            county[:4]), is_new=stored is None))
        records.write(session, writes, now)


def documents(db: Database, reference: bool) -> list[dict]:
    found = []
    for year in (2025, 2026):
        for area in ("15", "150422"):
            for approved_only in (True, False):
                doc = evaluation_document(db, year, area, approved_only, reference=reference)
                doc.pop("generated_at")
                found.append(doc)
    return found


def summary_rows(db: Database) -> list[set[tuple]]:
    with db.read() as session:
        return [set(session.execute(select(*table.__table__.columns)).all())
                for table in SUMMARY_TABLES]


def reset(db: Database) -> None:
    with db.write() as session:
        session.execute(delete(Record).where(Record.record_type.in_(["visit", "training"])))
        for table in SUMMARY_TABLES:
            session.execute(delete(table))
        session.execute(delete(Meta).where(Meta.key.like("evaluation_summary_%")))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(history=histories())
def test_the_summaries_give_the_evaluation_of_every_record(db: Database, history) -> None:
    reset(db)
    assert documents(db, reference=False) == documents(db, reference=True)  # the empty years, now summarised
    for batch in history:
        write(db, batch)
        assert documents(db, reference=False) == documents(db, reference=True)
    kept = summary_rows(db)
    with db.write() as session:  # summarised afresh from every record: the very rows the writes kept
        session.execute(delete(Meta).where(Meta.key.like("evaluation_summary_%")))
        for year in (2025, 2026):
            evaluation_build.ensure_built(session, year)
    assert summary_rows(db) == kept


def test_records_written_around_the_summaries_are_summarised_when_their_year_is_first_evaluated(db: Database,
                                                                                                 tmp_path: Path):
    reset(db)
    now = dt.datetime.now(dt.UTC)
    fields = {"author_id": "a1", "station_id": None, "visit_date": "2026-05-02", "end_date": "2026-05-04",
              "mode": "onsite", "village_code": VILLAGES[0], "household_ids": ["h1", "h2"],
              "service_types": ["guidance"], "industry": "肉牛", "review_state": "approved", "deleted": False}
    with db.write() as session:  # as a bulk load would: straight into the table, no summary kept
        session.add(Record(record_type="visit", record_id="bulk", revision=1, change_seq=1, author_id="a1",
                           owner_id="a1", audience="author", station_id=None, county_code="150422",
                           league_code="1504", deleted=False, fields=fields, server_updated_at=now))
    doc = evaluation_document(db, 2026, "15")
    (unit,) = doc["units"]["specialist"]
    assert (unit["unit_id"], unit["criteria"]["onsite_days"]["achieved"], unit["criteria"]["households"]["achieved"]) \
        == ("a1", 3, 2)
