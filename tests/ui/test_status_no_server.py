"""The status bar is honest about sync: no server set is not "online", and a server nobody has
asked yet is neither online nor offline (the light is the server's answer, not the OS's)."""

from __future__ import annotations

from desktop.ui.shell.main_window import MainWindow


def test_without_a_server_the_status_bar_says_no_server_is_set(window):
    assert window.status.network_label.text() == "未配置服务器"


def test_with_a_server_not_asked_yet_the_status_bar_says_so_then_what_it_answered(qtbot, ctx, settle):
    ctx.settings.server_url = "https://fieldbook.example.cn"
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.start()
    settle()
    # Not signed in: nothing asked the server, so the bar claims neither online nor offline.
    assert window.status.network_label.text() == "尚未连接服务器"
    assert "立即同步" in window.status.network_label.toolTip()
    window.status.set_online(False)
    assert window.status.network_label.text() == "离线"
    assert "保存在本机" in window.status.network_label.toolTip()
    window.status.set_online(True)
    assert (window.status.network_label.text(), window.status.network_label.toolTip()) == ("在线", "")
    assert window.status.is_online()
