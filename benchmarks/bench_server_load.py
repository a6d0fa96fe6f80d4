"""Benchmark: the server on PostgreSQL with N uvicorn workers under 500 simulated devices.

Each device logs in once, pushes a day's 30 visits in one request and pulls until done; then every
device makes a no-op sync (one pull). Concurrency is bounded (--concurrency threads). Prints
requests/s, p50/p95/p99 latency and errors per phase. Budget (DESIGN.md): p95 < 1 s, no error.
Prints figures, asserts nothing about time.

Run: `.venv/bin/python benchmarks/bench_server_load.py [--devices 500] [--workers 2] [--concurrency 32]`
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests

from sync.protocol import HEADER_PROTOCOL, PROTOCOL_VERSION, Role
from sync.server.services import admin
from sync.server.store import migrate
from sync.server.store.database import Database
from tests.server.conftest import fresh_database, free_port, server_command
from tests.server.support import visit_fields

PASSWORD = "load test password 2026"
API = {HEADER_PROTOCOL: str(PROTOCOL_VERSION)}


class Phase:
    def __init__(self, name: str):
        self.name, self.latencies, self.errors, self.started, self.ended = name, [], 0, 0.0, 0.0

    def timed(self, send) -> requests.Response | None:  # noqa: ANN001
        t = time.perf_counter()
        try:
            response = send()
        except requests.RequestException:
            response = None
        self.latencies.append(time.perf_counter() - t)
        if response is None or response.status_code >= 400:
            self.errors += 1
        return response

    def report(self) -> str:
        lat = sorted(self.latencies)
        q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [lat[0]] * 99
        rps = len(lat) / (self.ended - self.started)
        return (f"{self.name:<12} {len(lat):>6} requests  {rps:>7.0f} req/s  p50 {q[49] * 1000:>6.0f} ms  "
                f"p95 {q[94] * 1000:>6.0f} ms  p99 {q[98] * 1000:>6.0f} ms  errors {self.errors}")


def device_day(base: str, username: str, phases: dict[str, Phase]) -> None:
    http = requests.Session()
    device_id = f"load-{uuid.uuid4()}"
    body = {"username": username, "password": PASSWORD, "device_id": device_id, "device_name": "load"}
    r = phases["login"].timed(lambda: http.post(base + "/api/v1/auth/login", json=body, headers=API, timeout=60))
    if r is None or r.status_code != 200:
        return
    headers = {**API, "Authorization": f"Bearer {r.json()['token']}"}
    entries = [{"device_id": device_id, "seq": i + 1, "record_type": "visit", "record_id": str(uuid.uuid4()),
                "kind": "create", "base_revision": 0, "time": "2026-05-01T08:00:00+00:00",
                "changes": {k: {"old": None, "new": v} for k, v in visit_fields().items()}} for i in range(30)]
    phases["push"].timed(lambda: http.post(base + "/api/v1/sync/push", json={"entries": entries}, headers=headers,
                                           timeout=60))
    cursor, has_more = 0, True
    for _ in range(100):
        if not has_more:
            break
        r = phases["pull"].timed(lambda: http.get(base + "/api/v1/sync/pull", params={"cursor": cursor},
                                                  headers=headers, timeout=60))
        if r is None or r.status_code != 200:
            break
        cursor, has_more = r.json()["next_cursor"], r.json()["has_more"]
    phases["_tokens"].latencies.append((http, headers, cursor))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--stations", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, fresh_database("postgres", Path(tmp)) as url:
        db = Database(url)
        migrate.upgrade(db)
        stations = [f"LOAD-{i:03d}" for i in range(args.stations)]
        for code in stations:
            admin.add_station(db, code, code, "150422")
        users = [f"load{i}" for i in range(args.devices)]
        for i, name in enumerate(users):
            admin.add_user(db, name, name, Role.SPECIALIST, PASSWORD, admin.Area(station=stations[i % len(stations)]))
        db.dispose()
        port = free_port()
        (Path(tmp) / "ref").mkdir()
        log = open(Path(tmp) / "server.log", "wb")
        server = subprocess.Popen(server_command("serve", "--db", url, "--data-dir", str(Path(tmp) / "data"),
                                                 "--port", str(port), "--workers", str(args.workers),
                                                 "--reference-dir", str(Path(tmp) / "ref"), "--log-level", "warning"),
                                  stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    if requests.get(base + "/api/v1/health", timeout=2).status_code == 200:
                        break
                except requests.ConnectionError:
                    time.sleep(0.1)
            phases = {name: Phase(name) for name in ("login", "push", "pull", "no-op sync", "_tokens")}
            started = time.perf_counter()
            for p in phases.values():
                p.started = started
            with ThreadPoolExecutor(args.concurrency) as pool:
                list(pool.map(lambda u: device_day(base, u, phases), users))
            for name in ("login", "push", "pull"):
                phases[name].ended = time.perf_counter()
            noop = phases["no-op sync"]
            noop.started = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                list(pool.map(lambda t: noop.timed(lambda: t[0].get(base + "/api/v1/sync/pull",
                                                                    params={"cursor": t[2]}, headers=t[1],
                                                                    timeout=60)), phases["_tokens"].latencies))
            noop.ended = time.perf_counter()
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    print(f"{args.devices} devices, {args.workers} uvicorn workers, {args.concurrency} concurrent, PostgreSQL; "
          f"each: login, push 30 visits, pull; then one no-op sync each. Day phase took "
          f"{phases['push'].ended - started:.1f} s")
    for name in ("login", "push", "pull", "no-op sync"):
        print(phases[name].report())


if __name__ == "__main__":
    main()
