"""The status bar is honest about sync: no server set is not "online"."""

from __future__ import annotations

from desktop.ui.shell.main_window import MainWindow


def test_without_a_server_the_status_bar_says_no_server_is_set(window):
    assert window.status.network_label.text() == "未配置服务器"


def test_with_a_server_the_status_bar_says_online_or_offline(qtbot, ctx, settle):
    ctx.settings.server_url = "https://fieldbook.example.cn"
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.start()
    settle()
    assert window.status.network_label.text() in ("在线", "离线")
    window.status.set_online(False)
    assert window.status.network_label.text() == "离线"
