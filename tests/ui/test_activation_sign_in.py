"""A roster account's first sign-in from the app: activation code and a new password, against a real server."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from desktop.store.models import User
from sync.server.services import admin, audit, roster_import
from tests.server.roster_files import xlsx_bytes
from tests.ui.sync_fixtures import *  # noqa: F403 - the server and window fixtures

ACTOR = audit.Actor("console:test", "test")


def _roster_account(server_db, station: str, phone: str) -> str:
    roster = xlsx_bytes([("其木格", phone, "专家", "三区人才", station, "", "")])
    roster_import.import_roster(server_db, roster, "roster.xlsx", ACTOR)
    return admin.reset_activation_code(server_db, phone, ACTOR)


def _fill(qtbot, dialog, server: str, phone: str, code: str, password: str, repeat: str) -> None:
    dialog.server.clear()
    qtbot.keyClicks(dialog.server, server)
    qtbot.keyClicks(dialog.username, phone)
    # on the box itself: the check box stretches across the form, its middle is empty space
    qtbot.mouseClick(dialog.first_time, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.first_time.height() // 2))
    assert dialog.activation_code.isVisible() and dialog.repeat.isVisible()
    qtbot.keyClicks(dialog.activation_code, code)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClicks(dialog.repeat, repeat)


def test_a_new_account_signs_in_with_its_code_sets_a_password_and_gets_its_specialist_type(
        qtbot, sync_window, sync_server, server_db, station, settle):
    code = _roster_account(server_db, station, "13500000001")
    dialog = sync_window.sync.open_sign_in()
    assert not dialog.activation_code.isVisible()
    _fill(qtbot, dialog, sync_server.base_url, "13500000001", code, "grassland-2026", "grassland-2026")
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    settle()
    qtbot.waitUntil(lambda: "其木格" in sync_window.status.user_label.text(), timeout=5000)
    sync_window.sync.sync_now()
    with qtbot.waitSignal(sync_window.sync.controller.sync_finished, timeout=30000):
        pass
    settle()
    with sync_window.ctx.profile.store.reader() as s:
        assert s.get(User, sync_window.ctx.records.identity.user_id).specialist_type == "three_areas"
    # the code is used up: the password chosen is what signs in from now on
    again = sync_window.sync.open_sign_in()
    _fill(qtbot, again, sync_server.base_url, "", code, "grassland-2026", "grassland-2026")
    with qtbot.waitSignal(sync_window.sync.controller.sign_in_failed, timeout=20000):
        qtbot.mouseClick(again.sign_in_button, Qt.MouseButton.LeftButton)
    assert "激活码" in again.message.text()


def test_the_dialog_checks_the_new_password_before_asking_the_server(qtbot, sync_window, sync_server, server_db,
                                                                    station):
    code = _roster_account(server_db, station, "13500000002")
    dialog = sync_window.sync.open_sign_in()
    _fill(qtbot, dialog, sync_server.base_url, "13500000002", code, "long enough 1", "long enough 2")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "两次输入的密码不一致。"
    assert dialog.sign_in_button.isEnabled()
