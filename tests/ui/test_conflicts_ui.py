"""The conflicts window, against a real server: two laptops change the same household field offline."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from desktop.domain.records import Household
from tests.ui.sync_fixtures import *  # noqa: F403 - the server and window fixtures


def _open(qtbot, sync_window):
    dialog = sync_window.sync.open_conflicts()
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.table.rowCount() == 1, timeout=5000)
    return dialog


def test_the_conflicts_window_shows_both_values_side_by_side_and_who_made_the_other(qtbot, sync_window, conflict):
    wang, h = conflict
    qtbot.waitUntil(lambda: sync_window.status.conflicts_button.isVisible(), timeout=5000)
    assert sync_window.status.conflicts_button.text() == "1 个冲突"
    dialog = _open(qtbot, sync_window)
    row = [dialog.table.item(0, c).text() for c in range(5)]
    assert dialog.table.horizontalHeaderItem(3).text() == "服务器上的值由谁修改"
    assert row[:3] + row[4:] == ["服务对象 张宝山", "牲畜（头/只）", "50", "60"]
    stored = wang.records.get(Household, h.id).updated_at  # when Wang's change reached the server
    who, when = row[3].split("，")
    assert who == f"Name of {wang.username}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", when) and stored is not None
    assert dialog.keep_server.isEnabled() and dialog.keep_mine.isEnabled() and dialog.edit.isEnabled()


def test_keeping_mine_syncs_and_the_other_laptop_then_holds_my_value(qtbot, sync_window, conflict, settle):
    wang, h = conflict
    dialog = _open(qtbot, sync_window)
    with qtbot.waitSignal(sync_window.sync.controller.sync_finished, timeout=30000):
        qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    settle()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=5000)
    assert dialog.empty.isVisible()
    qtbot.waitUntil(lambda: not sync_window.status.conflicts_button.isVisible(), timeout=5000)
    assert sync_window.ctx.sync.local.pending_count() == 0
    wang.sync_ok()
    assert wang.records.get(Household, h.id).livestock_head == 60
    assert not wang.service.overview().open_conflicts


def test_editing_by_hand_sets_a_value_of_neither_side(qtbot, sync_window, conflict, settle):
    wang, h = conflict
    dialog = _open(qtbot, sync_window)
    editor = dialog.edit_by_hand()
    assert editor.text.toPlainText() == "60"  # pre-filled with this laptop's value
    editor.text.clear()
    qtbot.keyClicks(editor.text, "many")
    editor.save()
    assert editor.message.text() == "请输入数字。"
    editor.text.clear()
    qtbot.keyClicks(editor.text, "55")
    with qtbot.waitSignal(sync_window.sync.controller.sync_finished, timeout=30000):
        editor.save()
    settle()
    wang.sync_ok()
    assert wang.records.get(Household, h.id).livestock_head == 55
    assert sync_window.ctx.records.get(Household, h.id).livestock_head == 55
