"""Benchmark: the region's year-end evaluation on the server (400,000 visits, 4,000 specialists, 108 counties).

Fills a fresh PostgreSQL database with a year (nine records in ten approved, the rest submitted)
by COPY, so the records bypass the pushes that keep the evaluation's summaries: the first
evaluation summarises the year once (timed apart). Then times ``services.evaluation.evaluation_document``
for the region and for one county, which read the summaries, beside a plain GROUP BY over the same
rows (visits and distinct visit days per specialist), and prints the ratios and the load average. Prints figures; asserts nothing about time. Run:
`.venv/bin/python benchmarks/bench_evaluation.py [--visits 400000] [--specialists 4000]`
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_indicators import YEAR, _bulk_insert, make_year, timed  # noqa: E402
from resources import resource_path  # noqa: E402
from sync.server.services import reference_import  # noqa: E402
from sync.server.services.evaluation import evaluation_document  # noqa: E402
from sync.server.store import migrate  # noqa: E402
from sync.server.store.database import Database  # noqa: E402
from tests.server.conftest import fresh_database  # noqa: E402

PLAIN_GROUP_BY = """
SELECT author_id, count(*), count(DISTINCT fields->>'visit_date')
FROM records
WHERE record_type = 'visit' AND NOT deleted AND fields->>'review_state' = 'approved'
  AND fields->>'visit_date' BETWEEN '{year}-01-01' AND '{year}-12-31'
GROUP BY author_id
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=400_000)
    parser.add_argument("--specialists", type=int, default=4_000)
    parser.add_argument("--backend", choices=["postgres", "sqlite"], default="postgres")
    args = parser.parse_args()
    started = time.perf_counter()
    visits, trainings = make_year(args.visits, args.specialists, random.Random(2026))
    for i, record in enumerate(visits + trainings):
        record["review_state"] = "submitted" if i % 10 == 0 else "approved"
    print(f"made {len(visits):,} visits and {len(trainings):,} trainings in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp, fresh_database(args.backend, Path(tmp)) as url:
        db = Database(url)
        migrate.upgrade(db)
        reference_import.import_reference(db, resource_path("reference"))
        started = time.perf_counter()
        _bulk_insert(db, visits, trainings)
        print(f"records table filled                {time.perf_counter() - started:7.1f} s   ({args.backend})")
        built, _ = timed(lambda: evaluation_document(db, YEAR, "15"), runs=1)
        print(f"summaries built once from the records {built:7.2f} s   (a push keeps them up to date after)")
        region, doc = timed(lambda: evaluation_document(db, YEAR, "15"))
        county, _ = timed(lambda: evaluation_document(db, YEAR, "150422"))
        plain = float("nan")
        if db.is_postgres:
            with db.engine.connect() as connection:
                plain, _ = timed(lambda: connection.exec_driver_sql(PLAIN_GROUP_BY.format(year=YEAR)).all())
        units = {kind: len(found) for kind, found in doc["units"].items()}
        print(f"evaluation, region                  {region:7.2f} s   ({units}; budget 2 s)")
        print(f"evaluation, one county (150422)     {county:7.2f} s   (budget 0.2 s)")
        print(f"plain GROUP BY per specialist       {plain:7.2f} s   region / plain = {region / plain:.2f}x, "
              f"county / plain = {county / plain:.2f}x")
        print("load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
        db.dispose()


if __name__ == "__main__":
    main()
