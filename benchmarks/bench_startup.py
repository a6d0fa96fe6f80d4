"""Desktop benchmarks: cold start to a usable main window with 100,000 visits in the store, as a
ratio to a bare PySide6 window started the same way, and list filter / search times at 100k.

    .venv/bin/python benchmarks/bench_startup.py [--visits 100000] [--runs 5] [--baseline ../before]

"First paint" is the first widget painted (the start-up frame, before the store is opened);
"usable" means the main window is shown and the visit list holds its first rows from the database
worker. The floor is a bare PySide6 window's first paint, measured in the same run. Every start is
a separate process; the figure is the median. Prints figures only; never asserts on time (goals:
first paint ≤ 2× bare, usable list ≤ 600 ms; ≤ 50 ms for a filter).
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

# Both children print PAINT when the first widget of theirs is painted (an application-wide event
# filter, removed after that one event so it costs nothing later).
PAINT_WATCH = textwrap.dedent("""
    from PySide6.QtCore import QEvent, QObject
    class PaintWatch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.seen = True
                print("PAINT", flush=True)
                app.removeEventFilter(self)
            return False
    watch = PaintWatch()
    watch.seen = False
    app.installEventFilter(watch)
""")

BARE = textwrap.dedent("""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
    app = QApplication([])
""") + PAINT_WATCH + textwrap.dedent("""
    window = QMainWindow()
    window.setCentralWidget(QLabel("bare"))
    window.resize(1280, 800)
    window.show()
    def ready():  # the bare window is usable once painted
        if watch.seen:
            print("READY", flush=True)
            app.quit()
        else:
            QTimer.singleShot(2, ready)
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
""") + PAINT_WATCH + textwrap.dedent("""
    def poll():
        main_window = sys.modules.get("desktop.ui.shell.main_window")
        windows = [w for w in QApplication.topLevelWidgets()
                   if main_window and isinstance(w, main_window.MainWindow) and w.isVisible()]
        if windows and windows[0].visits_page.model.rowCount() > 0:
            print("READY", windows[0].visits_page.model.total, flush=True)
            windows[0].close()
            app.quit()
        else:
            QTimer.singleShot(2, poll)
    QTimer.singleShot(0, poll)
    # The store module is imported after the first paint: set its ENCRYPT flag as it loads.
    import importlib.abc, importlib.util
    class SetEncrypt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name != "desktop.store.store":
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(name)
            run = spec.loader.exec_module
            def exec_module(module):
                run(module)
                module.ENCRYPT = sys.argv[2] == "encrypted"
            spec.loader.exec_module = exec_module
            return spec
    sys.meta_path.insert(0, SetEncrypt())
    from desktop.ui.shell.launch import run_gui
    sys.exit(run_gui(argparse.Namespace(profile=Path(sys.argv[1]), self_test=False, lang="zh_CN")))
""")


def start_time(script: str, *args: str, env: dict[str, str], root: Path = ROOT) -> tuple[float, float]:
    """Wall time from spawning the process (the code of the checkout at ``root``) to its first
    paint (PAINT) and to its READY line."""
    env = dict(env, PYTHONPATH=str(root))
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=root)
    painted = None
    for line in proc.stdout:
        if line.startswith("PAINT") and painted is None:
            painted = time.perf_counter() - began
        if line.startswith("READY"):
            elapsed = time.perf_counter() - began
            proc.wait(timeout=60)
            if painted is None:
                raise RuntimeError("the child was ready before anything was painted")
            return painted, elapsed
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


def bench_start(folders: dict[str, Path], runs: int, baseline: Path | None = None) -> None:
    """Cold start of the bare window and of Fieldbook on the plain and the encrypted store, in turns:
    the first paint and the usable list, each as a ratio to the bare window's first paint. With
    ``baseline`` (another checkout, e.g. a git worktree of an older commit) its app starts in the
    same turns, on the same stores, and the two are compared."""
    env = dict(os.environ, XDG_CONFIG_HOME=str(folders["plain"].parent / "config"), PYTHONPATH=str(ROOT))
    # As an installed app starts: from cached bytecode (the first, warming run writes it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start_time(BARE, env=env)  # warm the OS file cache for all
    for kind, folder in folders.items():
        start_time(FIELDBOOK, str(folder), kind, env=env)
    bare: list[tuple[float, float]] = []
    app: dict[str, list[tuple[float, float]]] = {kind: [] for kind in folders}
    before: dict[str, list[tuple[float, float]]] = {kind: [] for kind in folders}
    for _ in range(runs):
        bare.append(start_time(BARE, env=env))
        for kind, folder in folders.items():
            app[kind].append(start_time(FIELDBOOK, str(folder), kind, env=env))
            if baseline is not None:
                before[kind].append(start_time(FIELDBOOK, str(folder), kind, env=env, root=baseline))
    floor = statistics.median(p for p, _ in bare)
    print(f"bare PySide6 window, first paint (the floor): median {floor * 1000:5.0f} ms  (runs: "
          + ", ".join(f"{p * 1000:.0f}" for p, _ in bare) + ")")
    for kind, times in app.items():
        paint = statistics.median(p for p, _ in times)
        usable = statistics.median(u for _, u in times)
        print(f"Fieldbook, {kind:9s} store, 100k-visit list:")
        print(f"  first paint  median {paint * 1000:5.0f} ms = {paint / floor:.2f}x the bare window's "
              f"{floor * 1000:.0f} ms (goal ≤ 2x)  (runs: " + ", ".join(f"{p * 1000:.0f}" for p, _ in times) + ")")
        print(f"  usable list  median {usable * 1000:5.0f} ms = {usable / floor:.2f}x the bare window's "
              f"{floor * 1000:.0f} ms (goal ≤ 600 ms)  (runs: " + ", ".join(f"{u * 1000:.0f}" for _, u in times) + ")")
    if baseline is not None:
        print(f"baseline {baseline}, started in the same turns:")
        for kind, times in before.items():
            then = statistics.median(u for _, u in times)
            now = statistics.median(u for _, u in app[kind])
            print(f"  {kind:9s} store: first paint median {statistics.median(p for p, _ in times) * 1000:5.0f} ms, "
                  f"usable list median {then * 1000:5.0f} ms; this checkout's usable list is {now / then:.2f}x it  "
                  "(runs: " + ", ".join(f"{u * 1000:.0f}" for _, u in times) + ")")
    plain, encrypted = (statistics.median(u for _, u in app[k]) for k in ("plain", "encrypted"))
    print(f"usable list, encrypted / plain store: {encrypted / plain:.2f}x "
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
    parser.add_argument("--baseline", type=Path,
                        help="another checkout (e.g. `git worktree add ../before HEAD~3`) whose app is started in "
                             "turns with this one, for a before/after figure from one run")
    parser.add_argument("--no-filters", action="store_true", help="cold starts only")
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
        bench_start(folders, args.runs, args.baseline)
        for kind, folder in (() if args.no_filters else folders.items()):
            store_module.ENCRYPT = kind == "encrypted"
            print(f"--- {kind} store")
            bench_filters(folder, args.runs)


if __name__ == "__main__":
    main()
