"""同步 → 导出同步包… / 导入同步包… in the window: the entries are there, and a laptop that cannot
bundle yet, or a file that is no bundle, gets a message in Chinese and nothing changes."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def _texts(window) -> list[str]:
    return [a.text() for a in window.sync.menu.actions()]


def test_the_sync_menu_offers_bundles_both_ways(window):
    assert "导出同步包(&E)…" in _texts(window)
    assert "导入同步包(&I)…" in _texts(window)


def test_a_laptop_never_signed_in_is_told_to_sign_in_once_first(window, qtbot, tmp_path, settle):
    target = tmp_path / "stick" / "wang.fbsync"
    target.parent.mkdir()
    with qtbot.waitSignal(window.sync.bundles.finished) as said:
        window.sync.bundles.export_to(target)
    assert "请先联网登录一次服务器" in said.args[0]
    assert not target.exists()
    assert window.ctx.settings.bundle_folder == target.parent
    box = window.findChild(QMessageBox, "bundle_message")
    assert box is not None and box.icon() == QMessageBox.Icon.Warning


def test_a_file_that_is_no_bundle_changes_nothing(window, qtbot, tmp_path):
    window.sync.bundles.service.local.set_server_bundle_key("ab" * 32)
    other = tmp_path / "photo.jpg"
    other.write_bytes(b"\xff\xd8 not a bundle")
    pending = window.sync.bundles.service.local.pending_count()
    with qtbot.waitSignal(window.sync.bundles.finished) as said:
        window.sync.bundles.import_from(other)
    assert said.args[0] == "未做任何更改。 此文件不是 Fieldbook 同步包。"
    assert window.sync.bundles.service.local.pending_count() == pending
