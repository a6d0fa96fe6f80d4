"""Start-up: the window frame is painted before the store (or SQLAlchemy) is loaded, the sync stack
is loaded off the main thread, and no query runs twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections import Counter

import pytest

# Runs the real entry point. At the first paint it notes what is loaded, then counts every SQL
# statement (a SQLAlchemy event listener) until the lists, the status and the sync overview are in.
SCRIPT = textwrap.dedent("""
    import argparse, json, sys
    from pathlib import Path
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    report = {"statements": [], "sync_stack_on_main_thread": []}
    # The sync stack (wire schema, HTTP client, engine, bundles' crypto): which of it is first
    # imported on the main thread, i.e. on the way to the window's first rows. (keyring is not: the
    # store's own key may be in the OS key store.)
    import importlib.abc, threading
    SYNC_STACK = {"pydantic", "requests", "nacl", "sync.protocol", "sync.client.engine", "sync.client.transport",
                  "sync.bundle_file"}
    class FirstImport(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name in SYNC_STACK:
                SYNC_STACK.discard(name)
                if threading.current_thread() is threading.main_thread():
                    report["sync_stack_on_main_thread"].append(name)
            return None
    sys.meta_path.insert(0, FirstImport())
    HEAVY = ("sqlalchemy", "desktop.store", "desktop.store.store", "desktop.profile", "requests", "pydantic",
             "sync.protocol", "sync.client.engine", "keyring")
    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                app.removeEventFilter(self)
                report["painted"] = type(obj.window()).__name__
                report["loaded_at_paint"] = [m for m in HEAVY if m in sys.modules]
                report["windows_at_paint"] = [type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible()]
                from sqlalchemy import event
                from sqlalchemy.engine import Engine
                event.listen(Engine, "before_cursor_execute",
                             lambda c, cur, statement, params, ctx, many: report["statements"].append(
                                 [" ".join(statement.split()), repr(params)]))
            return False
    watch = FirstPaint()
    app.installEventFilter(watch)
    def poll():
        main_window = sys.modules.get("desktop.ui.shell.main_window")
        windows = [w for w in QApplication.topLevelWidgets()
                   if main_window and isinstance(w, main_window.MainWindow) and w.isVisible()]
        w = windows[0] if windows else None
        if w and all(p.model.total is not None for p in (w.visits_page, w.trainings_page, w.households_page)) \\
                and w.sync.controller.overview is not None and w.status.status is not None:
            w.ctx.runner.wait_idle()
            report["visits"] = w.visits_page.model.total
            print("REPORT " + json.dumps(report), flush=True)
            w.close()
            app.quit()
        else:
            QTimer.singleShot(5, poll)
    QTimer.singleShot(0, poll)
    from desktop.ui.shell.launch import run_gui
    sys.exit(run_gui(argparse.Namespace(profile=Path(sys.argv[1]), self_test=False, lang="zh_CN")))
""")


@pytest.fixture
def start_up(profile_dir, tmp_path, ctx, add_visit, add_household):
    """What one start of the app on a profile with a user and a visit reported."""
    add_visit((add_household().id,))
    ctx.profile.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(profile_dir)], capture_output=True, text=True,
                            env=env, timeout=120)
    lines = [line for line in result.stdout.splitlines() if line.startswith("REPORT ")]
    assert lines, result.stdout + result.stderr[-3000:]
    return json.loads(lines[0].removeprefix("REPORT "))


def test_the_window_frame_is_painted_before_the_store_is_opened(start_up):
    assert start_up["painted"] == "StartupFrame"
    assert start_up["windows_at_paint"] == ["StartupFrame"]
    # Not even imported: the store cannot have been opened, nor SQLAlchemy, sync or pydantic loaded.
    assert start_up["loaded_at_paint"] == []
    assert start_up["visits"] == 1  # and the main window then listed the profile's visit


def test_the_sync_stack_is_loaded_off_the_main_thread(start_up):
    """pydantic, requests, the engine and libsodium are first needed by the sync overview,
    which runs on the store's worker after the lists' first queries: the main thread, which builds
    the window and shows its first rows, never waits for them."""
    assert start_up["sync_stack_on_main_thread"] == []


def test_no_query_runs_twice_at_start_up(start_up):
    queries = [(sql, params) for sql, params in start_up["statements"]
               if not sql.startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA"))]
    assert any("FROM visits" in sql for sql, _ in queries)
    repeated = {q: n for q, n in Counter(queries).items() if n > 1}
    assert repeated == {}
