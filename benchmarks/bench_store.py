"""Benchmark: saving a visit and querying the visit list with 100,000 visits in the store.

Prints the median and 95th percentile of repeated runs; budgets (DESIGN.md): save ≤ 10 ms,
filter / search ≤ 50 ms. Each is measured on a plain and on an encrypted store in the same run,
and the ratio printed. Run: `.venv/bin/python benchmarks/bench_store.py [--visits N]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.store_fixture import build_profile  # noqa: E402
from desktop.domain.filters import RecordFilter  # noqa: E402
from desktop.domain.records import Visit  # noqa: E402
from desktop.services.records import RecordService  # noqa: E402
from desktop.store import store as store_module  # noqa: E402
from desktop.store.store_key import PASSPHRASE_ENV  # noqa: E402


def measure(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault(PASSPHRASE_ENV, "benchmark passphrase")  # where no OS key store keeps the key
    results = {}
    for encrypted in (False, True):
        store_module.ENCRYPT = encrypted
        print(f"--- {'encrypted (SQLCipher)' if encrypted else 'plain SQLite'} store")
        results[encrypted] = run(args)
    print("--- encrypted / plain, median")
    for label, plain in results[False].items():
        print(f"  {label:44s} {results[True][label] / plain:5.2f}x  ({plain:6.2f} → {results[True][label]:6.2f} ms)")


def run(args: argparse.Namespace) -> dict[str, float]:
    medians = {}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        profile = build_profile(Path(tmp), args.visits)
        print(f"built a store with {args.visits:,} visits in {time.perf_counter() - t0:.1f} s")
        me = profile.identity.current()
        service = RecordService(profile.store, me, today=lambda: dt.date(2026, 6, 30))
        template = Visit(visit_date=dt.date(2026, 6, 1), duration_hours=2.0, village_code="150422100200",
                         household_ids=("h-1",), service_types=("guidance",), industry="玉米",
                         problem="玉米螟危害严重", advice="释放赤眼蜂")
        counter = iter(range(10**9))
        med, p95 = measure(lambda: service.save(template.with_changes(id=f"bench-{next(counter)}")), args.runs)
        medians["save a visit"] = med
        print(f"save a visit (validate + write + outbox, fsync'd)     median {med:6.2f} ms  p95 {p95:6.2f} ms  budget 10 ms")
        queries = {
            "first page, newest first": RecordFilter(),
            "county + date range": RecordFilter(division_code="150422", date_from=dt.date(2025, 6, 1),
                                                date_to=dt.date(2025, 12, 31)),
            "industry + review state": RecordFilter(industry="玉米", review_state="submitted"),
            "search Chinese substring 玉米螟": RecordFilter(text="玉米螟"),
            "search pinyin initials blzq": RecordFilter(text="blzq"),
            "search household name 张宝山": RecordFilter(text="张宝山"),
        }
        print("filter / search the visit list (budget 50 ms): the first page the list shows, then the total count")
        for label, f in queries.items():
            page_med, page_p95 = measure(lambda: service.list_visits(f, 0, 200), args.runs)
            count_med, count_p95 = measure(lambda: service.count_visits(f), args.runs)
            medians[f"{label}: first 200"] = page_med
            medians[f"{label}: count"] = count_med
            print(f"  {label:34s} first 200 rows: median {page_med:6.2f} ms p95 {page_p95:6.2f} ms | "
                  f"count: median {count_med:6.2f} ms p95 {count_p95:6.2f} ms")
        profile.close()
    return medians


if __name__ == "__main__":
    main()
