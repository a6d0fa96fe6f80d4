"""Benchmark: the server on PostgreSQL with N uvicorn workers under 500 simulated devices.

The devices first sign in (argon2 at production cost; timed apart: a sign-in happens once per laptop,
not once a day). Then each makes a typical day's sync: one push of a day's 30 records (5 households,
25 visits, gzipped as the app sends them) and pulls until nothing is left, on a connection of its
own as the app does. With several --concurrency values the day is repeated at each (a new day's
records each time). After an untimed catch-up pull each device makes a no-op sync: one pull that must
come back empty. Last, the floor: each device asks the health check once (one request, one
``SELECT 1``: the framework's fixed cost per request). At most N devices are at work at any moment (a closed loop: each frees its place when
done). Prints per phase requests/s, p50/p95/p99 latency per request and per whole sync, and errors (a
transport failure, an HTTP error, a rejected entry, or a "no-op" pull that was not empty); the CPU
each sync cost the server, PostgreSQL and the load generator, and what other processes took meanwhile
(the machine may be shared); and what the database backends were doing (lock waits, sampled).
Budget (DESIGN.md): p95 < 1 s and no error for the day's syncs. Prints figures, asserts nothing about time.

The load generator runs on the same machine, so it takes part of the CPU the server would have;
request bodies are built before the clock starts to keep that part small.

Run: `.venv/bin/python benchmarks/bench_server_load.py [--devices 500] [--workers 2] [--concurrency 32 [16 8]]`
(PostgreSQL on 127.0.0.1:5432).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg
import requests

from sync.domain.vocabulary import Role
from sync.protocol import (
    HEADER_DEVICE,
    HEADER_PROTOCOL,
    HEADER_SCHEMA,
    HEALTH_PATH,
    LOGIN_PATH,
    PROTOCOL_VERSION,
    PULL_PATH,
    PUSH_PATH,
    SCHEMA_VERSION,
)
from sync.server import security
from sync.server.services import admin
from sync.server.store import migrate
from sync.server.store.database import Database
from tests.server.conftest import free_port, fresh_database, server_command
from tests.server.support import household_fields, visit_fields

PASSWORD = "load test password 2026"
VILLAGE = "150422100200"
HOUSEHOLDS_A_DAY, VISITS_A_DAY = 5, 25


class Phase:
    """Latencies of one kind of request (or of whole syncs) and the errors seen."""

    def __init__(self, name: str):
        self.name = name
        self.latencies: list[float] = []
        self.errors = 0
        self.error_samples: list[str] = []
        self._lock = threading.Lock()

    def add(self, seconds: float, error: str | None = None) -> None:
        with self._lock:
            self.latencies.append(seconds)
            if error is not None:
                self.errors += 1
                if len(self.error_samples) < 3:
                    self.error_samples.append(error)

    def report(self, wall: float) -> str:
        lat = sorted(self.latencies)
        if not lat:
            return f"{self.name:<22} no requests"
        q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [lat[0]] * 99
        samples = f"  e.g. {self.error_samples}" if self.error_samples else ""
        return (f"{self.name:<22} {len(lat):>6}  {len(lat) / wall:>7.0f}/s  p50 {q[49] * 1000:>6.0f} ms  "
                f"p95 {q[94] * 1000:>6.0f} ms  p99 {q[98] * 1000:>6.0f} ms  max {lat[-1] * 1000:>6.0f} ms  "
                f"errors {self.errors}{samples}")


def timed(phase: Phase, send, check=None) -> requests.Response | None:  # noqa: ANN001
    """Send, time and judge one request: an exception, a status ≥ 400 or a failed ``check`` is an error."""
    started = time.perf_counter()
    try:
        response = send()
        _ = response.content
    except requests.RequestException as exc:
        phase.add(time.perf_counter() - started, type(exc).__name__)
        return None
    seconds = time.perf_counter() - started
    error = f"HTTP {response.status_code} {response.text[:120]}" if response.status_code >= 400 else None
    if error is None and check is not None:
        error = check(response)
    phase.add(seconds, error)
    return response if error is None else None


@dataclass
class SimulatedDevice:
    username: str
    device_id: str = field(default_factory=lambda: f"load-{uuid.uuid4()}")
    headers: dict[str, str] = field(default_factory=dict)
    user_id: str = ""
    station_id: str = ""
    cursor: int = 0
    day_body: bytes = b""
    seq: int = 0  # the last outbox seq pushed

    def __post_init__(self) -> None:
        self.headers = {HEADER_PROTOCOL: str(PROTOCOL_VERSION), HEADER_SCHEMA: str(SCHEMA_VERSION),
                        HEADER_DEVICE: self.device_id, "Accept-Encoding": "gzip"}

    def build_day(self) -> None:
        """The push body of a day's 30 records, encoded the way the app's transport encodes it."""
        households = [str(uuid.uuid4()) for _ in range(HOUSEHOLDS_A_DAY)]
        owner = {"author_id": self.user_id, "station_id": self.station_id}
        records = [("household", h, household_fields(village_code=VILLAGE, phone=f"1390000{i:04d}", **owner))
                   for i, h in enumerate(households)]
        records += [("visit", str(uuid.uuid4()), visit_fields(village_code=VILLAGE, household_ids=[households[i % 5]],
                                                               visit_date="2026-05-01", **owner))
                    for i in range(VISITS_A_DAY)]
        entries = [{"device_id": self.device_id, "seq": self.seq + i + 1, "record_type": kind, "record_id": record_id,
                    "kind": "create", "base_revision": 0, "time": "2026-05-01T08:00:00+00:00",
                    "changes": {k: {"new": v} for k, v in fields.items()}}  # "old": null is left out, as the app does
                   for i, (kind, record_id, fields) in enumerate(records)]
        self.seq += len(entries)
        raw = json.dumps({"entries": entries}, ensure_ascii=False, separators=(",", ":")).encode()
        self.day_body = gzip.compress(raw, compresslevel=6, mtime=0)


def sign_in(base: str, device: SimulatedDevice, phase: Phase) -> None:
    body = {"username": device.username, "password": PASSWORD, "device_id": device.device_id, "device_name": "load"}
    with requests.Session() as http:
        r = timed(phase, lambda: http.post(base + LOGIN_PATH, json=body, headers=device.headers, timeout=120))
    if r is not None:
        answer = r.json()
        device.headers["Authorization"] = f"Bearer {answer['token']}"
        device.user_id, device.station_id = answer["user_id"], answer["station_id"]


def _all_applied(response: requests.Response) -> str | None:
    bad = [r for r in response.json()["results"] if r["status"] not in ("applied", "merged")]
    return f"{len(bad)} entries {bad[0]['status']}: {bad[0].get('reason')}" if bad else None


def pull_to_end(base: str, http: requests.Session, device: SimulatedDevice, phase: Phase) -> None:
    for _ in range(1000):
        r = timed(phase, functools.partial(http.get, base + PULL_PATH, params={"cursor": device.cursor},
                                           headers=device.headers, timeout=120))
        if r is None:
            return
        page = r.json()
        device.cursor = page["next_cursor"]
        if not page["has_more"]:
            return


def day_sync(base: str, device: SimulatedDevice, push: Phase, pull: Phase, whole: Phase) -> None:
    """What the app does for a day's work: push the outbox, then pull until done, on a connection
    of its own (the app opens one per sync and closes it after)."""
    if "Authorization" not in device.headers:
        return
    started = time.perf_counter()
    errors_before = push.errors + pull.errors
    headers = {**device.headers, "Content-Type": "application/json", "Content-Encoding": "gzip"}
    with requests.Session() as http:
        timed(push, lambda: http.post(base + PUSH_PATH, data=device.day_body, headers=headers, timeout=120),
              _all_applied)
        pull_to_end(base, http, device, pull)
    failed = push.errors + pull.errors > errors_before
    whole.add(time.perf_counter() - started, "a request failed" if failed else None)


def _empty(response: requests.Response) -> str | None:
    page = response.json()
    return None if not page["changes"] and not page["has_more"] else f"{len(page['changes'])} changes: not a no-op"


def catch_up(base: str, device: SimulatedDevice, phase: Phase) -> None:
    if "Authorization" in device.headers:
        with requests.Session() as http:
            pull_to_end(base, http, device, phase)


def noop_sync(base: str, device: SimulatedDevice, phase: Phase) -> None:
    if "Authorization" in device.headers:
        with requests.Session() as http:
            timed(phase, lambda: http.get(base + PULL_PATH, params={"cursor": device.cursor},
                                          headers=device.headers, timeout=120), _empty)


def health_check(base: str, _device: SimulatedDevice, phase: Phase) -> None:
    """The floor: the framework's fixed cost of one request, the health check's one ``SELECT 1``
    (no token, no body), each on a connection of its own as a device's syncs are."""
    with requests.Session() as http:
        timed(phase, lambda: http.get(base + HEALTH_PATH, timeout=120))


def run_phase(concurrency: int, work, devices: list[SimulatedDevice]) -> float:  # noqa: ANN001
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(work, devices))
    return time.perf_counter() - started


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process, from /proc (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (/proc/stat: everything but idle and iowait)."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


class WaitSampler:
    """Samples what the database's backends are doing ten times a second while a phase runs:
    working, waiting on a lock (which one), waiting on WAL flushes or client reads, idle."""

    def __init__(self, conninfo: str):
        self.conninfo = conninfo
        self.counts: dict[str, int] = {}
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> WaitSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            while not self._stop.wait(0.1):
                rows = conn.execute(
                    "SELECT state, wait_event_type, wait_event, left(query, 30) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall()
                self.samples += 1
                for state, wait_type, wait, query in rows:
                    if state == "active" and wait_type == "Lock":  # which statement waits tells which lock
                        what = f"waiting on {wait_type}:{wait} in {' '.join(query.split()[:3])}"
                    elif state == "active":
                        what = f"waiting on {wait_type}:{wait}" if wait_type else "working"
                    else:
                        what = state or "other"
                    self.counts[what] = self.counts.get(what, 0) + 1

    def summary(self) -> str:
        if not self.samples:
            return "no samples"
        busiest = sorted(self.counts.items(), key=lambda kv: -kv[1])
        return ", ".join(f"{what} {n / self.samples:.1f}" for what, n in busiest[:6] if n / self.samples >= 0.05)


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    found, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in found]
        found.update(children)
        frontier.extend(children)
    return found


class CpuMeter:
    """CPU seconds spent during a phase by the server's processes (the CLI and its uvicorn workers),
    the PostgreSQL backends serving its database, and this load generator: what a phase costs
    whatever else shares the machine. Backends that exit during the phase are not counted."""

    def __init__(self, server_pid: int, conninfo: str):
        self.server_pid, self.conninfo = server_pid, conninfo

    def _backends(self) -> set[int]:
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                "AND pid <> pg_backend_pid()").fetchall()
        return {pid for (pid,) in rows}

    def snapshot(self) -> dict[str, dict[int, float]]:
        return {"server": {p: _cpu_seconds(p) for p in _descendants(self.server_pid)},
                "database": {p: _cpu_seconds(p) for p in self._backends()},
                "load generator": {os.getpid(): sum(os.times()[:2])},
                "machine": {0: _machine_busy_seconds()}}

    @staticmethod
    def spent(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]) -> dict[str, float]:
        return {part: sum(t - before[part].get(pid, 0.0) for pid, t in after[part].items()) for part in after}


def set_up_accounts(url: str, devices: int, stations: int) -> list[str]:
    db = Database(url)
    migrate.upgrade(db)
    codes = [f"LOAD-{i:03d}" for i in range(stations)]
    for code in codes:
        admin.add_station(db, code, code, VILLAGE[:6])
    # One argon2 hash (production cost) for every account: logins still verify at full cost, and
    # setting up 500 accounts does not take 500 hashes.
    hash_once = functools.cache(security.hash_password)
    with_hash = security.hash_password
    security.hash_password = hash_once
    try:
        users = [f"load{i}" for i in range(devices)]
        for i, name in enumerate(users):
            admin.add_user(db, name, name, Role.SPECIALIST, PASSWORD, admin.Area(station=codes[i % stations]))
    finally:
        security.hash_password = with_hash
        db.dispose()
    return users


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (the README's production setting: 2)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[32],
                        help="devices at work at the same moment; several values: a day's syncs at each")
    parser.add_argument("--stations", type=int, default=25)
    parser.add_argument("--py-spy", metavar="FILE", help="sample the server with py-spy (folded stacks into FILE)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, fresh_database("postgres", Path(tmp)) as url:
        users = set_up_accounts(url, args.devices, args.stations)
        port = free_port()
        (Path(tmp) / "ref").mkdir()
        log_path = Path(tmp) / "server.log"
        with open(log_path, "wb") as log:
            command = server_command(
                "serve", "--db", url, "--data-dir", str(Path(tmp) / "data"), "--port", str(port),
                "--workers", str(args.workers), "--reference-dir", str(Path(tmp) / "ref"), "--log-level", "warning")
            if args.py_spy:
                command = [str(Path(sys.executable).with_name("py-spy")), "record", "--subprocesses", "--format", "raw",
                           "--rate", "200", "--gil", "--nonblocking", "--output", args.py_spy, "--", *command]
            # its own process group, so that no worker outlives the run (py-spy leaves them behind)
            server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_for(base, server, log_path)
            run = Run(args, CpuMeter(server.pid, url.replace("postgresql+psycopg://", "postgresql://")))
            run.all(base, [SimulatedDevice(u) for u in users])
        finally:
            server.send_signal(signal.SIGINT if args.py_spy else signal.SIGTERM)  # py-spy writes on SIGINT
            server.wait(timeout=60)
            try:
                os.killpg(server.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            server_log = log_path.read_text(errors="replace")
    run.print_figures()
    tracebacks = server_log.count("Traceback")
    print(f"server log: {tracebacks} tracebacks" + (f"; its end:\n{server_log[-3000:]}" if tracebacks else ""))


class Run:
    """The phases of one benchmark run and what they measured: sign-in once, then a day's syncs at
    each concurrency level (a new day's records each time), then no-op syncs."""

    def __init__(self, args: argparse.Namespace, meter: CpuMeter):
        self.args, self.meter = args, meter
        self.phases: dict[str, Phase] = {}
        self.walls: dict[str, float] = {}
        self.loads: dict[str, float] = {}
        self.cpu: dict[str, dict[str, float]] = {}
        self.waits: dict[str, WaitSampler] = {}

    def phase(self, name: str) -> Phase:
        return self.phases.setdefault(name, Phase(name))

    def all(self, base: str, devices: list[SimulatedDevice]) -> None:
        levels = self.args.concurrency
        self.loads["at the start"] = os.getloadavg()[0]
        self.walls["sign-in"] = run_phase(levels[0], lambda d: sign_in(base, d, self.phase("sign-in")), devices)
        for level in levels:
            for device in devices:
                device.build_day()
            day = f"day sync ×{level}"
            push, pull, whole = self.phase(f"push ×{level}"), self.phase(f"pull ×{level}"), self.phase(day)
            before = self.meter.snapshot()
            with WaitSampler(self.meter.conninfo) as self.waits[day]:
                self.walls[day] = run_phase(level, lambda d: day_sync(base, d, push, pull, whole), devices)
            self.cpu[day] = self.meter.spent(before, self.meter.snapshot())
            self.loads[f"after {day}"] = os.getloadavg()[0]
            run_phase(level, lambda d: catch_up(base, d, self.phase("catch-up pull")), devices)
        noop = f"no-op sync ×{levels[0]}"
        before = self.meter.snapshot()
        self.walls[noop] = run_phase(levels[0], lambda d: noop_sync(base, d, self.phase(noop)), devices)
        self.cpu[noop] = self.meter.spent(before, self.meter.snapshot())
        health = f"health check ×{levels[0]}"
        before = self.meter.snapshot()
        self.walls[health] = run_phase(levels[0], lambda d: health_check(base, d, self.phase(health)), devices)
        self.cpu[health] = self.meter.spent(before, self.meter.snapshot())

    def print_figures(self) -> None:
        args, walls, cores = self.args, self.walls, os.cpu_count() or 1
        records = args.devices * (HOUSEHOLDS_A_DAY + VISITS_A_DAY)
        print(f"{args.devices} devices at {args.stations} stations, {args.workers} uvicorn workers, PostgreSQL, "
              f"{cores} CPUs; ×N: N devices at work at a time. Load average "
              + ", ".join(f"{v:.1f} {k}" for k, v in self.loads.items()))
        print(f"{'':<22} {'count':>6}  {'rate':>9}")
        print(self.phases["sign-in"].report(walls["sign-in"]))
        for level in args.concurrency:
            day = f"day sync ×{level}"
            for name in (f"push ×{level}", f"pull ×{level}", day):
                print(self.phases[name].report(walls[day]))
            print(f"{'':<22} {walls[day]:.1f} s for the {args.devices} syncs: {args.devices / walls[day]:.1f} syncs/s, "
                  f"{records / walls[day]:,.0f} records pushed/s")
        noop = f"no-op sync ×{args.concurrency[0]}"
        print(self.phases[noop].report(walls[noop]))
        health = f"health check ×{args.concurrency[0]}"
        print(self.phases[health].report(walls[health]) + "  (the floor: one request, one SELECT 1)")
        catch_up_phase = self.phases.get("catch-up pull")
        if catch_up_phase is not None and catch_up_phase.errors:
            print(f"catch-up pulls failed: {catch_up_phase.errors} {catch_up_phase.error_samples}")
        floor = self.cpu[health]["server"] / args.devices * 1000
        for name, spent in self.cpu.items():
            per = {part: seconds / args.devices * 1000 for part, seconds in spent.items()}
            serving = per["server"] + per["database"]
            others = max(0.0, spent["machine"] - spent["server"] - spent["database"] - spent["load generator"])
            print(f"CPU per {name}: server {per['server']:.1f} ms ({per['server'] / floor:.1f}x a health check's "
                  f"{floor:.1f} ms) + PostgreSQL {per['database']:.1f} ms "
                  f"(load generator {per['load generator']:.0f} ms): {cores} cores to themselves would serve "
                  f"about {cores * 1000 / serving:,.0f} such syncs/s. Cores busy: {spent['machine'] / walls[name]:.2f} "
                  f"of {cores}, {others / walls[name]:.2f} of them for other processes")
        for name, sampler in self.waits.items():
            print(f"database backends during {name} (average number in each state): {sampler.summary()}")


def _wait_for(base: str, server: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited at start:\n{log_path.read_text(errors='replace')}")
        try:
            if requests.get(base + HEALTH_PATH, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("the server did not come up within 60 s")


if __name__ == "__main__":
    main()
