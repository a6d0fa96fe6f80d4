"""A record from the server this laptop cannot store: the status bar and the conflicts window tell of it."""

from __future__ import annotations

from sync.domain.vocabulary import RecordType
from tests.server.support import household_fields, store_as_an_older_server
from tests.ui.sync_fixtures import *  # noqa: F403 - the server and window fixtures


def test_a_nameless_household_from_an_older_server_is_shown_as_set_aside(qtbot, sync_window, sign_in, station,
                                                                        server_db, settle):
    sign_in()
    bad = store_as_an_older_server(server_db, RecordType.HOUSEHOLD, {**household_fields(), "name": None}, station)
    controller = sync_window.sync.controller
    with qtbot.waitSignal(controller.sync_finished, timeout=30000) as finished:
        controller.sync_now()
    settle()
    report = finished.args[0]
    assert report.error is None and report.finished and report.set_aside == 1
    badge = sync_window.status.conflicts_button
    qtbot.waitUntil(badge.isVisible, timeout=5000)
    assert badge.text() == "1 条收到的记录未能保存"
    dialog = sync_window.sync.open_conflicts()
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.set_aside.rowCount() == 1, timeout=5000)
    assert dialog.set_aside.isVisible() and dialog.set_aside_title.isVisible()
    assert dialog.set_aside.item(0, 0).text() == "服务对象"
    assert "NOT NULL constraint failed: households.name" in dialog.set_aside.item(0, 1).text()
    assert [c.record_id for c in dialog.view.set_aside] == [bad]
