"""The Qt binding the app runs on does not leak references to None (PySide6 6.12.0 did, and
Python 3.11 aborted after a few thousand Qt calls: drawing a report or a busy window)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont


def test_void_qt_calls_leave_nones_reference_count_alone(qapp):
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(500):
        font.setBold(True)
    assert sys.getrefcount(None) - before > -50
