"""Python's garbage collector runs on the UI thread only.

A reference cycle that holds a Qt object (a closed dialog and its lambdas, say) is freed by
whichever thread happens to trigger a collection. Freed on the store's worker, the object's
destructor takes Qt's connection lock and then waits for the interpreter lock, while the UI
thread, connecting a signal, holds the interpreter lock and waits for Qt's: the app freezes.
So while the app runs, automatic collection is off and a timer on the UI thread collects when
the allocation counts pass the collector's own thresholds (the way Anki keeps its collector on
the main thread).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

#: How often the UI thread looks at the collector's counts.
CHECK_MS = 500

_collector: QObject | None = None


class _Collector(QObject):
    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(collect_if_due)
        self.timer.start()


def collect_if_due() -> int:
    """Collect the oldest generation whose count passed its threshold, as the automatic collector
    would; returns the number of objects freed."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            return gc.collect(generation)
    return 0


def collect_on_ui_thread() -> None:
    """Turn automatic collection off and collect from the UI thread instead (once per application;
    call it on the UI thread, with the QApplication made)."""
    global _collector
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("the application object must exist before the collector moves to its thread")
    gc.disable()
    if _collector is None:
        _collector = _Collector(app)
        _collector.destroyed.connect(_forget)


def _forget(*_args) -> None:
    global _collector
    _collector = None
    gc.enable()
