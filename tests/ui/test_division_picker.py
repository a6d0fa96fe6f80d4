"""The division picker: cascading combos and a search by Chinese text or pinyin initials."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.widgets.division_picker import DivisionPicker


def test_pinyin_initials_find_balin_left_banner_and_fill_the_combos(qtbot, profile, language):
    picker = DivisionPicker(profile.reference)
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.search, "blzq")
    assert picker.search_results()[0] == "赤峰市 / 巴林左旗"
    with qtbot.waitSignal(picker.division_changed) as changed:
        popup = picker._completer.popup()  # noqa: SLF001 - drive the real popup with the keyboard
        popup.setCurrentIndex(popup.model().index(0, 0))
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert changed.args == ["150422"]
    assert picker.combos["league"].currentText() == "赤峰市"
    assert picker.combos["county"].currentText() == "巴林左旗"
    assert picker.combos["township"].isEnabled() and picker.combos["township"].count() > 5
    assert picker.level() == "county"


def test_choosing_down_the_combos_reaches_a_village(qtbot, profile, language):
    picker = DivisionPicker(profile.reference)
    qtbot.addWidget(picker)
    picker.set_value("150422")
    township = picker.combos["township"]
    township.setCurrentIndex(township.findText("林东镇"))
    township.activated.emit(township.currentIndex())
    village = picker.combos["village"]
    assert village.findText("索布力嘎村委会") > 0
    village.setCurrentIndex(village.findText("索布力嘎村委会"))
    village.activated.emit(village.currentIndex())
    assert picker.value() == "150422100200" and picker.level() == "village"


def test_choosing_all_at_a_level_goes_back_to_the_level_above(qtbot, profile, language):
    picker = DivisionPicker(profile.reference)
    qtbot.addWidget(picker)
    picker.set_value("150422100200")
    picker.combos["township"].setCurrentIndex(0)
    picker.combos["township"].activated.emit(0)
    assert picker.value() == "150422"
    assert not picker.combos["village"].isEnabled()
