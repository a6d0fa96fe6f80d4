"""Benchmark: the CPU each synced record costs each side, without the HTTP between them, beside a floor.

    .venv/bin/python benchmarks/bench_sync_cpu.py [--visits 10000] [--runs 3] [--baseline ../before]

Three measurements, each in a process of its own, on 200 households and ``--visits`` visits:
- **server push**: the server's push service (sync.server.services.push) applies the records in
  batches of 500 compact entries, as a device sends them, on a fresh PostgreSQL database. Floor:
  the same records' fields written into a plain table of that database by psycopg's executemany.
- **device pull**: a fresh device stores the records from pull pages of 500 (parsed as the
  transport parses them) in its encrypted store. Floor: the same records' fields written into a
  plain table of an encrypted SQLCipher file by the driver's executemany.
- **device pull-back**: the same pages again, the server having set each record's time, as a
  device pulls back what it pushed.
Figures are CPU time of the process per record (the server's, the device's; PostgreSQL's backends
apart) and records per second of wall time; the median of ``--runs``. Wall-clock rates on a shared
2-core machine move with whatever else runs; CPU per record moves much less. With ``--baseline``
(another checkout, e.g. a git worktree of an older commit) each measurement also runs with that
checkout's code, in the same turns, and the ratio is printed. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("server push", "device pull", "device pull-back")
VILLAGE = "150422100200"
BATCH = 500


def _records(visits: int) -> list[tuple[str, str, dict]]:
    import uuid

    from tests.server.support import household_fields, visit_fields
    households = [str(uuid.uuid4()) for _ in range(200)]
    made = [("household", h, household_fields(village_code=VILLAGE)) for h in households]
    made += [("visit", str(uuid.uuid4()), visit_fields(village_code=VILLAGE, household_ids=[households[i % 200]],
                                                       visit_date="2026-05-01")) for i in range(visits)]
    return made


def _server_push(visits: int) -> dict[str, float]:
    import datetime as dt
    import tempfile

    import psycopg
    from sqlalchemy import text

    from benchmarks.bench_server_load import _cpu_seconds
    from sync.domain.vocabulary import Role
    from sync.protocol import compact_row
    from sync.server.scope import Viewer
    from sync.server.services import admin
    from sync.server.services import push as push_service
    from sync.server.services.auth import Caller
    from sync.server.store import migrate
    from sync.server.store.database import Database
    from tests.server.conftest import fresh_database

    with tempfile.TemporaryDirectory() as tmp, fresh_database("postgres", Path(tmp)) as url:
        db = Database(url)
        migrate.upgrade(db)
        admin.add_station(db, "S1", "S1", VILLAGE[:6])
        admin.add_user(db, "wang", "wang", Role.SPECIALIST, "bench password 2026", admin.Area(station="S1"))
        with db.read() as s:
            user = s.execute(text("SELECT id FROM users WHERE username = 'wang'")).scalar()
        caller = Caller("bench-device", Viewer(user, Role.SPECIALIST, "S1", VILLAGE[:6], VILLAGE[:4]), "epoch")
        when = dt.datetime(2026, 5, 1, 8, tzinfo=dt.UTC)
        made = _records(visits)
        entries = [compact_row(seq, kind, record_id, "create", 0,
                               {k: {"new": v} for k, v in {**fields, "author_id": user, "station_id": "S1"}.items()},
                               when) for seq, (kind, record_id, fields) in enumerate(made, start=1)]
        batches = [push_service.PushEnvelope.model_validate({"entries": entries[i:i + BATCH]})
                   for i in range(0, len(entries), BATCH)]
        conninfo = url.replace("postgresql+psycopg://", "postgresql://")

        def database_cpu() -> float:
            with psycopg.connect(conninfo, autocommit=True) as conn:
                return sum(_cpu_seconds(pid) for (pid,) in conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"))

        database, cpu, wall = database_cpu(), time.process_time(), time.perf_counter()
        for envelope in batches:
            answer = push_service.push(db, caller, envelope)
            assert all(r.status.value == "applied" for r in answer.results), answer.results[0]
        cpu, wall, database = time.process_time() - cpu, time.perf_counter() - wall, database_cpu() - database
        db.dispose()
        rows = [(kind, record_id, 1, json.dumps(fields, ensure_ascii=False)) for kind, record_id, fields in made]
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute("CREATE TABLE floor_records (record_type text, record_id text, revision int, fields jsonb, "
                         "PRIMARY KEY (record_type, record_id))")
            floor = time.perf_counter()
            with conn.transaction(), conn.cursor() as cursor:
                cursor.executemany("INSERT INTO floor_records VALUES (%s, %s, %s, %s)", rows)
            floor = time.perf_counter() - floor
    n = len(made)
    return {"cpu_ms": 1000 * cpu / n, "rate": n / wall, "database_ms": 1000 * database / n, "floor_rate": n / floor}


def _device_pull(visits: int, pull_back: bool) -> dict[str, float]:
    import tempfile

    from desktop.profile import open_profile
    from desktop.store import cipher
    from desktop.store.local_store import DesktopLocalStore
    from desktop.store.store_key import make_session_key
    from sync.domain.vocabulary import Role
    from sync.protocol import PullResponse

    made = _records(visits)
    stamp = {"author_id": "u-1", "station_id": "WS-045", "created_at": "2026-05-01T08:00:00+00:00",
             "updated_at": "2026-05-01T08:00:00+00:00"}
    changes = [{"record_type": kind, "record_id": record_id, "revision": 1, "fields": {**fields, **stamp}}
               for kind, record_id, fields in made]

    def pages() -> list[bytes]:
        return [json.dumps({"changes": changes[i:i + BATCH], "next_cursor": i + BATCH,
                            "has_more": i + BATCH < len(changes), "server_epoch": "e1", "acked_seq": 0},
                           ensure_ascii=False).encode() for i in range(0, len(changes), BATCH)]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "device"
        make_session_key(folder)
        profile = open_profile(folder)
        profile.identity.set_up("王芳", Role.SPECIALIST, "commissioner", "WS-045", VILLAGE[:6])
        local = DesktopLocalStore(profile.store)
        if pull_back:
            for raw in pages():
                local.apply_pull_page(PullResponse.model_validate_json(raw))
            for change in changes:
                change["fields"]["updated_at"] = "2026-05-02T08:00:00+00:00"  # the server's time
        sent = pages()
        cpu, wall = time.process_time(), time.perf_counter()
        for raw in sent:
            local.apply_pull_page(PullResponse.model_validate_json(raw))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        stored = _stored(profile.store)
        assert stored == len(made), f"{stored} of {len(made)} records stored"
        profile.close()
        floor = _sqlcipher_floor(cipher, Path(tmp) / "floor.db", made)
    n = len(made)
    return {"cpu_ms": 1000 * cpu / n, "rate": n / wall, "floor_rate": n / floor}


def _stored(store) -> int:  # noqa: ANN001
    """Households and visits in the device's store, at the pulled revision and time."""
    from sqlalchemy import func, select

    from desktop.store.models import HouseholdRow, VisitRow
    with store.reader() as s:
        return sum(s.scalar(select(func.count()).select_from(row).where(row.revision == 1)) or 0
                   for row in (HouseholdRow, VisitRow))


def _sqlcipher_floor(cipher, path: Path, made: list[tuple[str, str, dict]]) -> float:  # noqa: ANN001
    """Seconds to write the records' fields into a plain table of an encrypted file (a random key,
    the store's settings), a page of 500 a commit."""
    rows = [(kind, record_id, 1, json.dumps(fields, ensure_ascii=False)) for kind, record_id, fields in made]
    connection = cipher.connect(path, os.urandom(32), isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE records (record_type TEXT, record_id TEXT, revision INT, fields TEXT, "
                       "PRIMARY KEY (record_type, record_id))")
    started = time.perf_counter()
    for start in range(0, len(rows), BATCH):
        connection.execute("BEGIN")
        connection.executemany("INSERT INTO records VALUES (?, ?, ?, ?)", rows[start:start + BATCH])
        connection.execute("COMMIT")
    seconds = time.perf_counter() - started
    connection.close()
    return seconds


def _measure_one(kind: str, visits: int) -> dict[str, float]:
    if kind == "server push":
        return _server_push(visits)
    return _device_pull(visits, pull_back=kind == "device pull-back")


def _run(root: Path, kind: str, visits: int) -> dict[str, float]:
    """One measurement in a process of its own with ``root``'s packages, by this file's functions
    (a baseline checkout may predate it)."""
    code = (f"import sys, json, runpy; sys.path[:0] = [{str(root)!r}]; "
            f"b = runpy.run_path({str(Path(__file__).resolve())!r}, run_name='bench'); "
            f"print(json.dumps(b['_measure_one']({kind!r}, {visits})))")
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} in {root} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout, measured in the same turns")
    args = parser.parse_args()
    roots = {"this build": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    figures: dict[tuple[str, str], list[dict[str, float]]] = {}
    for _ in range(args.runs):
        for kind in KINDS:
            for name, root in roots.items():
                figures.setdefault((name, kind), []).append(_run(root, kind, args.visits))
    records = args.visits + 200
    print(f"{records:,} records (200 households, {args.visits:,} visits), median of {args.runs} runs")
    for kind in KINDS:
        for name in roots:
            runs = figures[(name, kind)]
            cpu = statistics.median(r["cpu_ms"] for r in runs)
            rate = statistics.median(r["rate"] for r in runs)
            floor = statistics.median(r["floor_rate"] for r in runs)
            database = f", PostgreSQL {statistics.median(r['database_ms'] for r in runs):.3f} ms" \
                if "database_ms" in runs[0] else ""
            print(f"{kind:<17} {name:<10} CPU {cpu:.3f} ms per record{database}; {rate:,.0f} records/s beside a "
                  f"floor of {floor:,.0f} rows/s ({floor / rate:.1f}× slower); runs {[round(r['cpu_ms'], 3) for r in runs]}")
        if args.baseline:
            before = statistics.median(r["cpu_ms"] for r in figures[("baseline", kind)])
            after = statistics.median(r["cpu_ms"] for r in figures[("this build", kind)])
            print(f"{kind:<17} CPU per record this build / baseline: {after / before:.2f}")


if __name__ == "__main__":
    main()
