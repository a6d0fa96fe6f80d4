"""Desktop benchmarks: cold start to a usable main window with 100,000 visits in the store, as a
ratio to a bare PySide6 window started the same way, and list filter / search times at 100k.

    .venv/bin/python benchmarks/bench_startup.py [--visits 100000] [--runs 5]

"Usable" means the main window is shown and the visit list holds its first page (the count and the
first rows came back from the database worker). Every start is a separate process; the figure is
the median. Prints figures only; never asserts on time (DESIGN.md budgets: ≤ 1.5 s and ≤ 2× bare
for the start, ≤ 50 ms for a filter).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = textwrap.dedent("""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
    app = QApplication([])
    window = QMainWindow()
    window.setCentralWidget(QLabel("bare"))
    window.resize(1280, 800)
    window.show()
    def ready():
        print("READY", flush=True)
        app.quit()
    QTimer.singleShot(0, ready)
    app.exec()
""")

# The real entry point (desktop.ui.shell.launch.run_gui) with a timer that reports once the window is usable.
FIELDBOOK = textwrap.dedent("""
    import argparse, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    def poll():
        from desktop.ui.shell.main_window import MainWindow
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].visits_page.model.rowCount() > 0:
            print("READY", windows[0].visits_page.model.total, flush=True)
            windows[0].close()
            app.quit()
        else:
            QTimer.singleShot(2, poll)
    QTimer.singleShot(0, poll)
    import desktop.store.store
    desktop.store.store.ENCRYPT = sys.argv[2] == "encrypted"
    from desktop.ui.shell.launch import run_gui
    sys.exit(run_gui(argparse.Namespace(profile=Path(sys.argv[1]), self_test=False, lang="zh_CN")))
""")


def start_time(script: str, *args: str, env: dict[str, str]) -> float:
    """Wall time from spawning the process to its READY line."""
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=ROOT)
    for line in proc.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - began
            proc.wait(timeout=60)
            return elapsed
    raise RuntimeError(f"no READY from the child: {proc.stderr.read()[-2000:]}")


def build(folder: Path, visits: int):
    from benchmarks.store_fixture import build_profile
    from desktop.domain.filters import RecordFilter
    from desktop.domain.records import Visit
    from desktop.services.records import RecordService

    began = time.perf_counter()
    profile = build_profile(folder, visits)
    identity = profile.identity.current()
    records = RecordService(profile.store, identity)
    some = records.list_visits(RecordFilter(), 0, 1)[0]
    original = records.get(Visit, some.id)
    # One save through the service: change capture and derived keys still work on the bulk-built store.
    saved, _ = records.save(original.with_changes(problem=original.problem + "（复查）",
                                                  visit_date=dt.date.today()))
    from sqlalchemy import text
    with profile.store.reader() as s:
        outbox = s.execute(text("SELECT count(*) FROM outbox WHERE record_id = :i"), {"i": saved.id}).scalar()
    print(f"store: {records.count_visits(RecordFilter()):,} visits built in {time.perf_counter() - began:.1f} s; "
          f"one save through RecordService captured {outbox} outbox entr{'y' if outbox == 1 else 'ies'}")
    profile.close()


def bench_start(folders: dict[str, Path], runs: int) -> None:
    """Cold start of the bare window and of Fieldbook on the plain and the encrypted store, in turns."""
    env = dict(os.environ, XDG_CONFIG_HOME=str(folders["plain"].parent / "config"), PYTHONPATH=str(ROOT))
    start_time(BARE, env=env)  # warm the OS file cache for all
    for kind, folder in folders.items():
        start_time(FIELDBOOK, str(folder), kind, env=env)
    bare, app = [], {kind: [] for kind in folders}
    for _ in range(runs):
        bare.append(start_time(BARE, env=env))
        for kind, folder in folders.items():
            app[kind].append(start_time(FIELDBOOK, str(folder), kind, env=env))
    b = statistics.median(bare)
    print(f"cold start, bare PySide6 window:         median {b * 1000:7.0f} ms  (runs: "
          + ", ".join(f"{x * 1000:.0f}" for x in bare) + ")")
    for kind, times in app.items():
        a = statistics.median(times)
        print(f"cold start, Fieldbook, {kind:9s} store:  median {a * 1000:7.0f} ms  (runs: "
              + ", ".join(f"{x * 1000:.0f}" for x in times) + f"); {a / b:.2f}x bare (budget ≤ 1.5 s)")
    plain, encrypted = (statistics.median(app[k]) for k in ("plain", "encrypted"))
    print(f"ratio encrypted / plain cold start:      {encrypted / plain:.2f}x "
          "(the encrypted store's key derived from a passphrase with argon2 at every start)")


def bench_filters(folder: Path, repeats: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.domain.filters import RecordFilter
    from desktop.profile import open_profile
    from desktop.services.records import RecordService
    from desktop.ui.shell.operations import OperationRunner
    from desktop.ui.lists.record_columns import VISIT_COLUMNS, visit_source
    from desktop.ui.lists.record_table_model import RecordTableModel

    app = QApplication.instance() or QApplication([])
    profile = open_profile(folder)
    records = RecordService(profile.store, profile.identity.current())
    runner = OperationRunner()
    model = RecordTableModel(runner, visit_source(records), VISIT_COLUMNS)

    def refresh_ms(f: RecordFilter) -> tuple[float, float, int]:
        """Milliseconds until the first rows are in the model, until the count is, and the count."""
        loop = QEventLoop()
        first_rows: list[float] = []
        on_rows = lambda: first_rows.append(time.perf_counter())  # noqa: E731
        model.rows_loaded.connect(on_rows)
        model.loaded.connect(loop.quit)
        QTimer.singleShot(30000, loop.quit)
        began = time.perf_counter()
        model.set_filter(f)
        loop.exec()
        model.loaded.disconnect(loop.quit)
        model.rows_loaded.disconnect(on_rows)
        return (first_rows[0] - began) * 1000, (time.perf_counter() - began) * 1000, model.total or 0

    cases = [("no filter", RecordFilter()), ("text 玉米", RecordFilter(text="玉米")),
             ("pinyin initials zhl (张海龙)", RecordFilter(text="zhl")),
             ("county 巴林左旗 + industry 玉米", RecordFilter(division_code="150422", industry="玉米")),
             ("review state submitted", RecordFilter(review_state="submitted"))]
    print("list refresh on the worker, until the model has the first 200 rows / also the total count:")
    for name, f in cases:
        refresh_ms(f)  # warm
        times = [refresh_ms(f) for _ in range(repeats)]
        rows = statistics.median(t[0] for t in times)
        counted = statistics.median(t[1] for t in times)
        print(f"  {name:34s} rows {rows:6.1f} ms   count {counted:6.1f} ms   ({times[0][2]:,} match)")
    refresh_ms(RecordFilter())
    loop_ms = []
    for _ in range(5):
        loop = QEventLoop()
        model.page_loaded.connect(loop.quit)
        t0 = time.perf_counter()
        model.fetchMore()
        loop.exec()
        model.page_loaded.disconnect(loop.quit)
        loop_ms.append((time.perf_counter() - t0) * 1000)
    print(f"  fetchMore (next page of 200)       median {statistics.median(loop_ms):6.1f} ms")
    runner.wait_idle()
    model.deleteLater()
    runner.deleteLater()
    app.processEvents()
    profile.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the store here (reused if it exists)")
    args = parser.parse_args()
    # No OS key store on a benchmark machine: the encrypted store's key comes from a passphrase.
    os.environ.setdefault("FIELDBOOK_PASSPHRASE", "benchmark passphrase")
    import desktop.store.store as store_module

    with tempfile.TemporaryDirectory(prefix="fieldbook-bench-") as tmp:
        root = args.keep or Path(tmp)
        folders = {"plain": root / "plain", "encrypted": root / "encrypted"}
        for kind, folder in folders.items():
            store_module.ENCRYPT = kind == "encrypted"
            if not (folder / "fieldbook.db").exists():
                build(folder, args.visits)
        bench_start(folders, args.runs)
        for kind, folder in folders.items():
            store_module.ENCRYPT = kind == "encrypted"
            print(f"--- {kind} store")
            bench_filters(folder, args.runs)


if __name__ == "__main__":
    main()
