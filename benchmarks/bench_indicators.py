"""Benchmark: a region's year of indicators (400,000 visits by 4,000 specialists), computed three ways.

1. ``sync.indicators.compute`` on facts already in memory (with and without 三覆盖 coverage);
2. the device path: ``IndicatorService.year`` over a temporary SQLite store filled by bulk insert;
3. the server path: ``services.reports.indicator_report`` over PostgreSQL (or SQLite) with the
   records table filled by COPY, as a region admin asks for it, and beside it the slower way it
   does not take (loading each record's whole JSON document and picking the fields in Python).

A tenth more visits fall in the year before, so the year filter has something to leave out.
Prints figures; asserts nothing about time. Run:
`.venv/bin/python benchmarks/bench_indicators.py [--visits 400000] [--specialists 4000] [--server postgres|sqlite|none]`
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select  # noqa: E402

from desktop.profile import open_profile  # noqa: E402
from desktop.services.indicators import IndicatorService  # noqa: E402
from desktop.store.models import TrainingRow, VisitRow  # noqa: E402
from resources import resource_path  # noqa: E402
from sync.domain.coverage import CountyGeography
from sync.indicators import Area, TrainingFact, VisitFact, compute
from sync.domain.vocabulary import AttendeeCategory, Role, ServiceType, VisitMode
from sync.server.scope import Viewer  # noqa: E402
from sync.server.services import reference_import  # noqa: E402
from sync.server.services.auth import Caller  # noqa: E402
from sync.server.services.reports import ReportRequest, indicator_report  # noqa: E402
from sync.server.store import migrate  # noqa: E402
from sync.server.store.database import Database  # noqa: E402
from sync.server.store.models import Record  # noqa: E402
from tests.server.conftest import fresh_database  # noqa: E402

YEAR = 2026
INDUSTRIES = ["玉米", "肉牛", "肉羊", "马铃薯", "大宗蔬菜", "牧草", "水稻", "大豆", "向日葵", "中药材", "高粱"]
MODES = [VisitMode.ONSITE.value] * 3 + [VisitMode.PHONE.value, VisitMode.WECHAT.value]
TYPES = [s.value for s in ServiceType]


def timed(fn, runs: int = 3):
    """(best seconds of ``runs``, last result)."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def villages_by_county() -> dict[str, list[str]]:
    with resource_path("reference", "divisions.csv").open(encoding="utf-8") as f:
        found: dict[str, list[str]] = {}
        for row in csv.DictReader(f):
            if row["level"] == "village":
                found.setdefault(row["code"][:6], []).append(row["code"])
    return found


def make_year(visits: int, specialists: int, rng: random.Random) -> tuple[list[dict], list[dict]]:
    """Visits and trainings as plain dicts of wire fields: each specialist works in one county."""
    by_county = villages_by_county()
    counties = sorted(by_county)
    people = [(f"user-{i:05d}", f"ST-{i % 300:03d}", counties[i % len(counties)]) for i in range(specialists)]
    households = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(visits // 3)]
    total = visits + visits // 10
    visit_rows = []
    for i in range(total):
        author, station, county = people[i % specialists]
        day = dt.date(YEAR if i < visits else YEAR - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        visit_rows.append({
            "author_id": author, "station_id": station, "visit_date": day.isoformat(), "mode": rng.choice(MODES),
            "village_code": rng.choice(by_county[county]), "household_ids": rng.sample(households, rng.randint(1, 3)),
            "service_types": rng.sample(TYPES, rng.randint(1, 2)), "industry": rng.choice(INDUSTRIES),
            "problem": "玉米螟危害严重，建议释放赤眼蜂并及时秸秆还田", "advice": "按技术规程处理，两周后回访",
            "duration_hours": 2.5, "review_state": "submitted", "deleted": False})
    trainings = []
    for i in range(visits // 20):
        author, station, county = people[i % specialists]
        trainings.append({
            "author_id": author, "station_id": station,
            "training_date": (dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randint(0, 364))).isoformat(),
            "village_code": rng.choice(by_county[county]), "industry": rng.choice(INDUSTRIES),
            "attendees": {c.value: rng.randint(0, 20) for c in AttendeeCategory}, "review_state": "submitted",
            "topic": "玉米密植高产技术", "deleted": False})
    return visit_rows, trainings


def pure(visits: list[dict], trainings: list[dict], geography: list[CountyGeography]) -> None:
    facts = [VisitFact(v["author_id"], v["station_id"], dt.date.fromisoformat(v["visit_date"]), v["mode"],
                       v["village_code"], tuple(v["household_ids"]), tuple(v["service_types"]), v["industry"])
             for v in visits]
    training_facts = [TrainingFact(t["author_id"], t["station_id"], dt.date.fromisoformat(t["training_date"]),
                                   t["village_code"], t["industry"], t["attendees"]) for t in trainings]
    bare, figures = timed(lambda: compute(YEAR, Area("15"), facts, training_facts))
    full, _ = timed(lambda: compute(YEAR, Area("15"), facts, training_facts, geography))
    print(f"pure compute, region, no coverage   {bare:7.2f} s   ({figures.visits:,} visits of the year, "
          f"{len(figures.specialists):,} specialists, {figures.households_served:,} households)")
    print(f"pure compute, region, 108 counties  {full:7.2f} s")


def device(visits: list[dict], trainings: list[dict], folder: Path) -> None:
    started = time.perf_counter()
    profile = open_profile(folder)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    common = {"created_at": now, "updated_at": now, "revision": 1, "extra": {}}
    with profile.store.unit_of_work(remote=True) as s:
        conn = s.connection()
        for start in range(0, len(visits), 20000):
            conn.execute(insert(VisitRow), [
                {**common, **v, "id": str(uuid.uuid4()), "visit_date": dt.date.fromisoformat(v["visit_date"]),
                 "photo_ids": [], "search_key": ""} for v in visits[start:start + 20000]])
        conn.execute(insert(TrainingRow), [
            {**common, **t, "id": str(uuid.uuid4()), "training_date": dt.date.fromisoformat(t["training_date"]),
             "trainers": [], "attendee_household_ids": [], "photo_ids": [], "search_key": "", "place": ""}
            for t in trainings])
    print(f"device store filled                 {time.perf_counter() - started:7.1f} s   (bulk insert, SQLite)")
    service = IndicatorService(profile.store)
    region, figures = timed(lambda: service.year(YEAR, Area("15")))
    county, _ = timed(lambda: service.year(YEAR, Area("150422")))
    print(f"device IndicatorService, region     {region:7.2f} s   ({figures.visits:,} visits, coverage of "
          f"{len(figures.coverage)} counties)")
    print(f"device IndicatorService, one county {county:7.2f} s")
    profile.close()


def server(visits: list[dict], trainings: list[dict], backend: str, folder: Path) -> None:
    with fresh_database(backend, folder) as url:
        db = Database(url)
        migrate.upgrade(db)
        reference_import.import_reference(db, resource_path("reference"))
        started = time.perf_counter()
        _bulk_insert(db, visits, trainings)
        print(f"server records table filled         {time.perf_counter() - started:7.1f} s   ({backend})")
        caller = Caller("bench-device", Viewer("bench-admin", Role.REGION_ADMIN), "epoch")
        region, report = timed(lambda: indicator_report(db, caller, ReportRequest(YEAR, "15")))
        bare, _ = timed(lambda: indicator_report(db, caller, ReportRequest(YEAR, "15", with_coverage=False)))
        county, _ = timed(lambda: indicator_report(db, caller, ReportRequest(YEAR, "150422")))
        whole, _ = timed(lambda: _whole_documents(db), runs=1)
        print(f"server report, region               {region:7.2f} s   ({report.visits:,} visits; "
              f"{len(report.coverage)} counties; JSON of {len(report.model_dump_json()) / 1e6:.1f} MB)")
        print(f"server report, region, no coverage  {bare:7.2f} s")
        print(f"server report, one county           {county:7.2f} s")
        print(f"  (not taken: whole JSON documents   {whole:7.2f} s   just to read the year's visits)")
        db.dispose()


def _bulk_insert(db: Database, visits: list[dict], trainings: list[dict]) -> None:
    now = dt.datetime.now(dt.UTC)
    rows = [("visit", v) for v in visits] + [("training", t) for t in trainings]
    values = [{"record_type": kind, "record_id": str(uuid.uuid4()), "revision": 1, "change_seq": i + 1,
               "author_id": f["author_id"], "owner_id": f["author_id"], "audience": "author",
               "station_id": f["station_id"], "county_code": f["village_code"][:6],
               "league_code": f["village_code"][:4], "attachment_sha256": None, "deleted": False, "fields": f,
               "server_updated_at": now} for i, (kind, f) in enumerate(rows)]
    if db.is_postgres:
        raw = db.engine.raw_connection()
        try:
            with raw.cursor() as cursor, cursor.copy(
                    "COPY records (record_type, record_id, revision, change_seq, author_id, owner_id, audience, "
                    "station_id, county_code, league_code, deleted, fields, server_updated_at) FROM STDIN") as copy:
                for v in values:
                    copy.write_row((v["record_type"], v["record_id"], 1, v["change_seq"], v["author_id"],
                                    v["owner_id"], "author", v["station_id"], v["county_code"], v["league_code"],
                                    False, json.dumps(v["fields"], ensure_ascii=False), now))
            raw.commit()
        finally:
            raw.close()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE records")
        return
    with db.write() as session:
        for start in range(0, len(values), 20000):
            session.execute(insert(Record), values[start:start + 20000])


def _whole_documents(db: Database) -> int:
    count = 0
    with db.read() as session:
        stmt = select(Record.fields).where(Record.record_type == "visit").execution_options(yield_per=5000)
        for fields in session.execute(stmt).scalars():
            if fields["visit_date"].startswith(str(YEAR)) and not fields.get("deleted"):
                VisitFact(fields["author_id"], fields["station_id"], dt.date.fromisoformat(fields["visit_date"]),
                          fields["mode"], fields["village_code"], tuple(fields["household_ids"]),
                          tuple(fields["service_types"]), fields["industry"])
                count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=400_000)
    parser.add_argument("--specialists", type=int, default=4_000)
    parser.add_argument("--server", choices=["postgres", "sqlite", "none"], default="postgres")
    args = parser.parse_args()
    started = time.perf_counter()
    visits, trainings = make_year(args.visits, args.specialists, random.Random(2026))
    print(f"made {len(visits):,} visits ({args.visits:,} in {YEAR}) and {len(trainings):,} trainings by "
          f"{args.specialists:,} specialists in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        profile_dir = Path(tmp) / "profile"
        device(visits, trainings, profile_dir)
        from desktop.store import indicator_queries

        reference = open_profile(profile_dir)
        with reference.store.reader() as s:
            geography = indicator_queries.county_geographies(s, "15")
        reference.close()
        pure(visits, trainings, geography)
        if args.server != "none":
            server(visits, trainings, args.server, Path(tmp))


if __name__ == "__main__":
    main()
