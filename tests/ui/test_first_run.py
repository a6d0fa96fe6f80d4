"""First run on a new laptop: the user tells who they are, offline, finding places by pinyin."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.shell.first_run_dialog import FirstRunDialog
from sync.domain.vocabulary import Role


def test_first_run_sets_up_the_user_with_station_and_county_found_by_pinyin(qtbot, profile, runner, language, settle):
    assert profile.identity.current() is None
    dialog = FirstRunDialog(profile.identity, profile.reference, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Bater")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.STATION_MANAGER.value))
    assert len(dialog.station.texts()) == 74
    qtbot.keyClicks(dialog.county.search, "blzq")
    assert dialog.county.texts() == ["赤峰市 / 巴林左旗"]
    dialog.county.list.setCurrentRow(0)
    qtbot.keyClicks(dialog.station.search, "ysc")  # 晟源山茶…: initials of 源山茶 inside the name
    assert any("山茶" in t for t in dialog.station.texts())
    dialog.station.list.setCurrentRow(0)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle()
    me = profile.identity.current()
    assert me is not None and me.display_name == "Bater"
    assert me.role == Role.STATION_MANAGER and me.home_county_code == "150422"
    assert me.station_code == dialog.station.value()


def test_first_run_also_finds_the_county_by_chinese_text(qtbot, profile, runner, language):
    dialog = FirstRunDialog(profile.identity, profile.reference, runner)
    qtbot.addWidget(dialog)
    dialog.county.search.setText("巴林")
    assert "赤峰市 / 巴林左旗" in dialog.county.texts()
    assert "赤峰市 / 巴林右旗" in dialog.county.texts()


def test_first_run_without_a_name_says_so_and_sets_up_nobody(qtbot, profile, runner, language, settle):
    dialog = FirstRunDialog(profile.identity, profile.reference, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.county.search, "blzq")
    dialog.county.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle()
    assert dialog.errors.messages()["display_name"] == "此项为必填项。"
    assert profile.identity.current() is None
    assert dialog.isVisible()
