"""Sync in the app, against a real server process: sign in, sync now with progress and a summary,
cancel, and the automatic sync when the server comes back."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from desktop.services.changes import Changes
from desktop.ui.sync.sign_in_dialog import SignInDialog
from desktop.ui.sync.messages import error_text
from sync.client.credentials import CredentialStore
from sync.client.errors import SESSION_ENDED, SyncError, SyncErrorKind
from tests.server.support import PASSWORD
from tests.sync.harness import server_records
from tests.ui.sync_fixtures import *  # noqa: F403 - the server and window fixtures


def _fill_sign_in(qtbot, dialog: SignInDialog, server: str, user: str, password: str) -> None:
    dialog.server.clear()
    qtbot.keyClicks(dialog.server, server)
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, user)
    qtbot.keyClicks(dialog.password, password)


def _pending_text(window) -> str:
    return window.status.pending_label.text()


def test_signing_in_then_sync_now_sends_every_change_with_progress_and_a_summary(
        qtbot, sync_window, sync_server, account, server_db, add_household, settle):
    household = add_household()
    review_before = sync_window.ctx.review  # made with the first-run user, before signing in
    sync_window.ctx.runner.announce(Changes(households=True), None)  # as the form does after a save
    settle()
    assert "1" in _pending_text(sync_window)
    dialog = sync_window.sync.open_sign_in()
    _fill_sign_in(qtbot, dialog, sync_server.base_url, account.username, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    settle()
    qtbot.waitUntil(lambda: account.username.split("-")[0] in sync_window.status.user_label.text(), timeout=5000)
    ctx = sync_window.ctx
    assert ctx.records.identity.user_id == review_before.identity.user_id == account.user_id  # new records are theirs

    progress = []
    sync_window.sync.controller.sync_progressed.connect(progress.append)
    shown = sync_window.sync.sync_now()
    with qtbot.waitSignal(sync_window.sync.controller.sync_finished, timeout=30000) as finished:
        pass
    settle()
    report = finished.args[0]
    assert report.finished and report.error is None and report.pushed >= 1
    assert progress, "no progress was shown while syncing"
    assert shown.summary.isVisible() and "已发送：" in shown.summary.text()
    assert shown.close_button.isVisible() and not shown.cancel_button.isVisible()
    qtbot.waitUntil(lambda: _pending_text(sync_window) == "修改均已同步", timeout=5000)
    assert sync_window.status.network_label.text() == "在线"
    assert "上次同步" in sync_window.status.last_sync_label.text()
    assert ("household", household.id) in server_records(server_db)


def test_a_wrong_password_is_told_in_the_users_language(qtbot, sync_window, sync_server, account):
    dialog = sync_window.sync.open_sign_in()
    _fill_sign_in(qtbot, dialog, sync_server.base_url, account.username, "not the password")
    with qtbot.waitSignal(sync_window.sync.controller.sign_in_failed, timeout=20000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.message.text() == "用户名或密码错误。"
    assert dialog.sign_in_button.isEnabled()
    assert not sync_window.sync.controller.signed_in


def test_an_unreachable_server_is_told_as_offline(qtbot, sync_window, account):
    dialog = sync_window.sync.open_sign_in()
    _fill_sign_in(qtbot, dialog, "http://127.0.0.1:9", account.username, PASSWORD)
    with qtbot.waitSignal(sync_window.sync.controller.sign_in_failed, timeout=30000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text().startswith("无法连接服务器")
    assert sync_window.status.network_label.text() == "离线"


def test_cancel_stops_the_sync_and_the_next_one_finishes_the_job(
        qtbot, sync_window, sign_in, add_household, server_db, settle):
    sign_in()
    saved = [add_household(name=f"户主{n}", phone=f"1391234{n:04d}") for n in range(5)]
    service = sync_window.ctx.sync
    pressed = threading.Event()
    real_sync = service.sync_now

    def after_cancel_pressed(progress, cancelled):
        pressed.wait(10)
        return real_sync(progress, cancelled)

    service.sync_now = after_cancel_pressed
    dialog = sync_window.sync.sync_now()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    pressed.set()
    with qtbot.waitSignal(sync_window.sync.controller.sync_finished, timeout=30000) as finished:
        pass
    settle()
    assert finished.args[0].cancelled
    assert dialog.summary.text().startswith("同步已取消")
    assert service.local.pending_count() == 5  # nothing half-sent: all still waiting
    qtbot.waitUntil(lambda: "5" in _pending_text(sync_window), timeout=5000)

    service.sync_now = real_sync
    sync_window.sync.sync_now()
    with qtbot.waitSignal(sync_window.sync.controller.sync_finished, timeout=30000) as finished:
        pass
    settle()
    assert finished.args[0].finished
    on_server = server_records(server_db)
    assert all(("household", h.id) in on_server for h in saved)
    qtbot.waitUntil(lambda: _pending_text(sync_window) == "修改均已同步", timeout=5000)


def test_the_server_going_away_shows_offline_and_its_return_starts_a_sync(
        qtbot, sync_window, sign_in, sync_server, add_household, server_db, settle):
    sign_in()
    controller = sync_window.sync.controller
    controller.health_timer.setInterval(300)
    sync_server.stop()
    try:
        with qtbot.waitSignal(controller.online_changed, timeout=15000) as went:
            controller.check_server()
        assert went.args == [False]
        assert sync_window.status.network_label.text() == "离线"
        household = add_household(name="离线时登记")
        assert service_pending(sync_window) == 1
    finally:
        sync_server.start()
    with qtbot.waitSignal(controller.sync_finished, timeout=30000) as finished:
        pass
    settle()
    assert finished.args[0].finished
    assert sync_window.status.network_label.text() == "在线"
    assert ("household", household.id) in server_records(server_db)
    qtbot.waitUntil(lambda: _pending_text(sync_window) == "修改均已同步", timeout=5000)


def test_a_window_opened_signed_in_asks_the_server_at_once(qtbot, sync_window, sign_in, settle):
    """The online light of a laptop started signed in is the server's answer within seconds, not
    "not checked" until the first health interval (a minute) has passed."""
    sign_in()
    ctx = sync_window.ctx
    assert sync_window.sync.controller.health_timer.interval() == 60_000
    again = type(sync_window)(ctx)  # the app started again on the same profile and session
    qtbot.addWidget(again)
    assert again.status.network_label.text() == "尚未连接服务器"
    with qtbot.waitSignal(again.sync.controller.online_changed, timeout=10000) as answered:
        again.show()
        again.start()
    assert answered.args == [True]
    assert again.status.network_label.text() == "在线"
    again.sync.shutdown()
    settle()


def service_pending(window) -> int:
    return window.ctx.sync.local.pending_count()


def test_without_a_secure_key_store_the_dialog_says_the_sign_in_lasts_this_session_only(
        qtbot, sync_window, sync_server, account):
    from keyring.backends import fail

    from desktop.services.sync_service import SyncService
    from tests.sync.conftest import quick_transport

    sync_window.ctx.sync = SyncService(sync_window.ctx.profile.store, CredentialStore(fail.Keyring()),
                                       transport_factory=quick_transport)
    assert sync_window.sync.controller.service is sync_window.ctx.sync  # the controller asks the context each time
    dialog = sync_window.sync.open_sign_in()
    _fill_sign_in(qtbot, dialog, sync_server.base_url, account.username, PASSWORD)
    with qtbot.waitSignal(sync_window.sync.controller.sign_in_finished, timeout=20000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible(), "the notice went by unseen"
    assert "本机没有安全的密钥存储，下次启动时需要重新登录。" in dialog.message.text()
    assert sync_window.sync.controller.service.signed_in()  # kept in memory for this session


@pytest.mark.parametrize(("kind", "text"), [
    (SyncErrorKind.OFFLINE, "无法连接服务器。请检查网络连接后重试。"),
    (SyncErrorKind.REVOKED, "本设备已被管理员停用。请联系管理员恢复后重新登录。"),
    (SyncErrorKind.UPGRADE_REQUIRED, "此版本的服务日志过旧，服务器已不再支持，请升级。"),
    (SyncErrorKind.SERVER, "服务器出现问题。您的记录已安全保存在本机，请稍后再试。"),
])
def test_every_kind_of_sync_failure_reads_in_chinese(language, kind, text):
    assert error_text(SyncError(kind)) == text


def test_too_many_sign_ins_tells_how_long_to_wait_in_chinese(language):
    error = SyncError(SyncErrorKind.AUTH, "Too many failed sign-ins. Try again in 42 seconds.")
    assert error_text(error) == "登录失败次数过多，请 42 秒后再试。"


def test_an_ended_session_asks_to_sign_in_again_in_chinese(language):
    error = SyncError(SyncErrorKind.AUTH, SESSION_ENDED)
    assert error_text(error) == "您的密码、角色或工作站已更改，登录已失效。请重新登录；尚未发送的更改都已保留，登录后将一并发送。"
