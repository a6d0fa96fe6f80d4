"""Benchmark: push then pull 10,000 visits over loopback against PostgreSQL, bytes per visit, no-op sync.

Budgets (DESIGN.md): push and pull ≥ 2,000 records/s each way; one visit ≤ 400 bytes on the wire
(gzip); a no-op sync is one round trip and ≤ 2 KB. Beside the sync figures it prints a baseline:
the same visits bulk-inserted straight into PostgreSQL with psycopg (executemany and COPY).
Prints figures, asserts nothing about time.

Run: `.venv/bin/python benchmarks/bench_sync.py [--visits 10000] [--review-state submitted]` (PostgreSQL on 127.0.0.1:5432).

Beside them: the CPU each record cost the device (this process), the server and PostgreSQL, which
moves less with other work on the machine than the rates do. Last measured (idle 2-core machine,
10,200 records): push 1,046 → 1,988/s (drafts) and 1,770/s (submitted, summaries kept); pull by a
fresh device 2,210 → 3,661–4,366/s; CPU per pushed record device 0.57–0.61 ms, server 0.34 ms,
PostgreSQL 0.59 → 0.11–0.19 ms (see README "Performance").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg
from keyring.backends import fail

from desktop.domain.records import Household, Visit
from desktop.profile import open_profile
from desktop.services.sync_service import SyncService
from desktop.store import repository
from desktop.store.local_store import DesktopLocalStore
from desktop.store.store_key import make_session_key
from sync.client.credentials import CredentialStore
from sync.client.engine import SyncPhase, SyncProgress
from sync.domain.vocabulary import HouseholdKind, ReviewState, Role, ServiceType, VisitMode
from sync.protocol import compact_entry
from sync.server.services import admin
from sync.server.store.database import Database
from benchmarks.bench_server_load import _cpu_seconds
from tests.server.conftest import fresh_database
from tests.sync.harness import ServerProcess
from tests.sync.netsim import NetSim

PASSWORD = "bench password 2026"
VILLAGE = "150422100200"
PROBLEMS = ["玉米螟危害严重", "犊牛腹泻", "母羊产后瘫痪", "马铃薯晚疫病", "大棚蔬菜灰霉病", "牧草返青差"]


def device(folder: Path, server_url: str, username: str, role: Role) -> SyncService:
    make_session_key(folder)  # a throwaway profile: its store key lives in this process only
    profile = open_profile(folder)
    profile.identity.set_up(f"{username} 专家", role, "commissioner", "WS-045", "150422")
    service = SyncService(profile.store, CredentialStore(fail.Keyring()))
    service.sign_in(server_url, username, PASSWORD)
    return service


def make_visits(service: SyncService, visits: int, rng: random.Random, state: ReviewState) -> float:
    """Captured local saves, as the visit form makes them, in transactions of 500; returns seconds.
    Submitted visits count in the year-end evaluation, so the push keeps its summaries for them."""
    store = service.store
    user = service.local.store.state("user_id")
    started = time.perf_counter()
    with store.unit_of_work() as s:
        households = [repository.put(s, Household(name=f"户{i}", kind=HouseholdKind.FARMER, village_code=VILLAGE,
                                                  author_id=user)).id for i in range(200)]
    for start in range(0, visits, 500):
        with store.unit_of_work() as s:
            for i in range(start, min(visits, start + 500)):
                repository.put(s, Visit(
                    visit_date=dt.date(2026, 1, 1) + dt.timedelta(days=i % 300), mode=VisitMode.ONSITE,
                    duration_hours=2.0, village_code=VILLAGE, household_ids=(rng.choice(households),),
                    service_types=(ServiceType.GUIDANCE.value,), industry="肉牛", problem=rng.choice(PROBLEMS),
                    advice="补充电解质，圈舍消毒", author_id=user, review_state=state))
    return time.perf_counter() - started


def timed_sync(service: SyncService) -> tuple[float, float, float, object]:
    """(seconds pushing, seconds pulling, seconds in all, report) of one sync."""
    marks: dict[SyncPhase, list[float]] = {}

    def progress(p: SyncProgress) -> None:
        marks.setdefault(p.phase, []).append(time.perf_counter())

    started = time.perf_counter()
    report, _ = service.sync_now(progress)
    ended = time.perf_counter()
    assert report.error is None and report.finished, report.summary()
    push_end = marks.get(SyncPhase.PUSH, [started])[-1]
    pull_end = marks.get(SyncPhase.PULL, [push_end])[-1]
    return push_end - started, pull_end - push_end, ended - started, report


class CpuMeter:
    """CPU seconds this process (the device), the server process and the database's backends spend."""

    def __init__(self, server_pid: int, db_url: str):
        self.server_pid = server_pid
        self.conninfo = db_url.replace("postgresql+psycopg://", "postgresql://")

    def _backends(self) -> list[int]:
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            return [pid for (pid,) in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                                   "AND pid <> pg_backend_pid()")]

    def sample(self) -> tuple[float, float, float]:
        return time.process_time(), _cpu_seconds(self.server_pid), sum(map(_cpu_seconds, self._backends()))

    @staticmethod
    def per_record(before: tuple[float, float, float], after: tuple[float, float, float], records: int) -> str:
        client, server, database = (1000 * (a - b) / max(records, 1) for a, b in zip(after, before, strict=True))
        return f"CPU per record: device {client:.3f} ms, server {server:.3f} ms, PostgreSQL {database:.3f} ms"


def baseline(db_url: str, service: SyncService) -> tuple[float, float, int]:
    """rows/s for executemany and for COPY of the pushed visits' fields into a plain PostgreSQL table."""
    rows = []
    for entry in service.local.pending_entries(10**9):
        fields = {name: change.new for name, change in entry.changes.items()}
        rows.append((entry.record_type.value, entry.record_id, 1, json.dumps(fields, ensure_ascii=False)))
    conninfo = db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_records (record_type text, record_id text, revision int, "
                     "fields jsonb, PRIMARY KEY (record_type, record_id))")
        conn.execute("TRUNCATE bench_records")
        started = time.perf_counter()
        with conn.transaction(), conn.cursor() as cur:
            cur.executemany("INSERT INTO bench_records VALUES (%s, %s, %s, %s)", rows)
        many = len(rows) / (time.perf_counter() - started)
        conn.execute("TRUNCATE bench_records")
        started = time.perf_counter()
        with conn.transaction(), conn.cursor() as cur, cur.copy("COPY bench_records FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        copied = len(rows) / (time.perf_counter() - started)
        conn.execute("DROP TABLE bench_records")
    return many, copied, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--review-state", choices=[ReviewState.DRAFT.value, ReviewState.SUBMITTED.value],
                        default=ReviewState.DRAFT.value, help="the state the visits are pushed in")
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp, fresh_database("postgres", Path(tmp)) as db_url:
        root = Path(tmp)
        server = ServerProcess("postgres", db_url, root)
        server.start()
        proxy = NetSim(server.port)
        db = Database(db_url)
        try:
            station = f"BENCH-{uuid.uuid4().hex[:6]}"
            admin.add_station(db, station, "基准测试工作站", "150422")
            for name, role in (("wang", Role.SPECIALIST), ("li", Role.STATION_MANAGER)):
                admin.add_user(db, name, name, role, PASSWORD, admin.Area(station=station))
            wang = device(root / "wang", proxy.url, "wang", Role.SPECIALIST)
            li = device(root / "li", server.base_url, "li", Role.STATION_MANAGER)

            saving = make_visits(wang, args.visits, rng, ReviewState(args.review_state))
            records = wang.local.pending_count()
            many, copied, base_rows = baseline(db_url, wang)
            proxy.reset_traffic()
            meter = CpuMeter(server.process.pid, db_url)
            at_start = meter.sample()
            push_s, echo_s, _, report = timed_sync(wang)
            after_push = meter.sample()
            traffic = proxy.reset_traffic()
            _, pull_s, _, pulled = timed_sync(li)
            after_pull = meter.sample()

            noop = wang.sync_now()[0]
            noop_traffic = proxy.reset_traffic()
            one = _one_visit(wang, proxy, noop_traffic.up)
        finally:
            proxy.close()
            server.stop()
            db.dispose()

    print(f"load average {os.getloadavg()[0]:.1f} at the end (2 cores shared: compare figures of one run)")
    print(f"records pushed            {records:>10,}   ({args.visits:,} visits + 200 households; "
          f"{args.review_state}; saving them locally took {saving:.1f} s)")
    print(f"push                      {records / push_s:>10,.0f} records/s   ({push_s:.1f} s; "
          f"{traffic.up / 1e6:.2f} MB up, gzip)")
    print(f"  push and pull-back: {CpuMeter.per_record(at_start, after_push, records)}")
    print(f"pull (fresh device)       {pulled.pulled / pull_s:>10,.0f} records/s   ({pull_s:.1f} s for "
          f"{pulled.pulled:,} records, {pulled.bytes_received / 1e6:.2f} MB down)")
    print(f"  {CpuMeter.per_record(after_push, after_pull, pulled.pulled)}")
    print(f"pull-back of own records  {report.pulled / echo_s:>10,.0f} records/s   ({echo_s:.1f} s)")
    print(f"baseline executemany      {many:>10,.0f} rows/s      ({base_rows:,} rows straight into PostgreSQL; push "
          f"{many * push_s / records:.1f}× slower)")
    print(f"baseline COPY             {copied:>10,.0f} rows/s")
    print(f"one visit on the wire     {one['body']:>10,} B gzip body   ({one['json']:,} B as JSON; whole push "
          f"request with headers {one['request']:,} B)")
    print(f"no-op sync                {noop_traffic.total:>10,} B          ({noop_traffic.requests} request, "
          f"{noop_traffic.connections} connection; {noop_traffic.up} B up, {noop_traffic.down} B down; "
          f"{noop.requests} HTTP call)")


def _one_visit(service: SyncService, proxy: NetSim, pull_request_bytes: int) -> dict[str, int]:
    """Sizes of pushing one new visit: the gzip body as sent, its (compact) JSON, the whole request with headers."""
    user = service.store.state("user_id")
    with service.store.unit_of_work() as s:
        h = repository.put(s, Household(name="张宝山", kind=HouseholdKind.FARMER, village_code=VILLAGE, author_id=user))
    service.sync_now()
    with service.store.unit_of_work() as s:
        repository.put(s, Visit(visit_date=dt.date(2026, 6, 10), mode=VisitMode.ONSITE, duration_hours=3.0,
                                village_code=VILLAGE, household_ids=(h.id,), service_types=("guidance",),
                                industry="肉牛", problem="犊牛腹泻", advice="补充电解质，圈舍消毒", author_id=user))
    [entry] = DesktopLocalStore(service.store).pending_entries(10)
    raw = json.dumps({"entries": [compact_entry(entry)]}, ensure_ascii=False, separators=(",", ":")).encode()
    proxy.reset_traffic()
    report, _ = service.sync_now()
    traffic = proxy.reset_traffic()
    return {"body": report.bytes_sent, "json": len(raw), "request": traffic.up - pull_request_bytes}


if __name__ == "__main__":
    main()
