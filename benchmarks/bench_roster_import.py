"""Benchmark: a region's roster of 4,000 specialists over the 74 stations, imported by ``fieldbook-server user import``.

Times the whole command as an office runs it (read the workbook, check every row, write the accounts,
their user records and activation codes in one transaction, render the per-station PDF sheets), then
the same file again (checked, nothing to write). Prints figures; asserts nothing about time. Run:
`.venv/bin/python benchmarks/bench_roster_import.py [--rows 4000] [--server postgres|sqlite]`
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sync.server import cli  # noqa: E402
from sync.server.services import reference_import  # noqa: E402
from sync.server.store import migrate  # noqa: E402
from sync.server.store.database import Database  # noqa: E402
from tests.server.conftest import fresh_database  # noqa: E402
from tests.server.roster_files import big_roster, write_xlsx  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=4000)
    parser.add_argument("--server", choices=["postgres", "sqlite"], default="postgres")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="bench-roster-"))
    stations = [s["code"] for s in json.loads(
        (reference_import.default_reference_dir() / "stations.json").read_text(encoding="utf-8"))]
    roster = write_xlsx(directory / "roster.xlsx", big_roster(args.rows, stations))
    print(f"roster: {args.rows} rows over {len(stations)} stations, {roster.stat().st_size / 1e6:.2f} MB xlsx")
    with fresh_database(args.server, directory) as url:
        db = Database(url)
        migrate.upgrade(db)
        reference_import.import_reference(db, reference_import.default_reference_dir())
        db.dispose()
        for label in ("first import (creates every account)", "second import (nothing to change)"):
            started = time.perf_counter()
            status = cli.main(["user", "import", str(roster), "--db", url, "--sheets", str(directory / "sheets.pdf")])
            elapsed = time.perf_counter() - started
            assert status == 0
            print(f"{label}: {elapsed:.2f} s ({args.rows / elapsed:,.0f} rows/s) on {args.server}")
    print(f"activation sheets: {(directory / 'sheets.pdf').stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
