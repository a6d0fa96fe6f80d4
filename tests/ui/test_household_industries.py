"""A household's industries come from the reference list (searched by Chinese, pinyin or English) with
其他 + text for the rest, through the visit form's industry picker; free text is listed for a manager."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from desktop.domain.records import Household
from desktop.ui.forms.household_form import HouseholdForm
from desktop.ui.review.page import ReviewPage
from desktop.ui.widgets.industry_picker import IndustryPicker

from .conftest import VILLAGE
from .test_households import new_household_form
from .test_industry_picker import manager_ctx  # noqa: F401 - fixture reused


def open_form(qtbot, ctx, settle, record: Household) -> HouseholdForm:
    form = HouseholdForm(ctx, record)
    qtbot.addWidget(form)
    form.show()
    settle()
    return form


def test_industries_are_picked_from_the_list_by_pinyin_and_other_keeps_typed_text(qtbot, window, ctx, settle):
    form = new_household_form(qtbot, window)
    picker = form.industries
    assert isinstance(picker.pickers[0], IndustryPicker)  # the visit form's picker, not a copy
    qtbot.keyClicks(picker.pickers[0].combo.lineEdit(), "rouniu")
    picker.pickers[0].choose_search_result(picker.pickers[0].search_results().index("肉牛"))
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    second = picker.pickers[1]
    qtbot.keyClicks(second.combo.lineEdit(), "shaji")
    second.choose_search_result(len(second.search_results()) - 1)  # 其他：shaji
    qtbot.wait(10)
    second.other.setText("沙棘")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)  # a third row left empty is no industry
    assert form.collect().industries == ("肉牛", "沙棘")

    qtbot.keyClicks(form.name, "Bater")
    form.village.set_value(VILLAGE, notify=True)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    [saved] = ctx.records.list_households()
    assert saved.industries == ("肉牛", "沙棘")


def test_a_stored_list_opens_one_picker_each_and_removing_one_drops_it(qtbot, ctx, settle):
    form = open_form(qtbot, ctx, settle, Household(name="巴特尔", village_code=VILLAGE, industries=("玉米", "葵花籽")))
    picker = form.industries
    assert [p.combo.currentText() for p in picker.pickers] == ["玉米", "其他（请填写）"]
    assert picker.pickers[1].other.text() == "葵花籽" and picker.pickers[1].other.isVisible()
    remove = picker.findChildren(QToolButton, "remove_industry")
    assert len(remove) == 2
    remove[0].click()
    assert form.collect().industries == ("葵花籽",)
    assert form.is_dirty
    form._dirty = False  # noqa: SLF001


def test_the_same_industry_twice_is_kept_once(qtbot, ctx, settle):
    form = open_form(qtbot, ctx, settle, Household(name="巴特尔", village_code=VILLAGE))
    picker = form.industries
    picker.pickers[0].set_value("肉牛")
    picker.add_picker().set_value("肉牛")
    assert form.collect().industries == ("肉牛",)
    form._dirty = False  # noqa: SLF001


def test_a_manager_sees_households_free_text_industries_and_maps_them(qtbot, ctx, manager_ctx, settle):  # noqa: F811
    ctx.records.save(Household(name="巴特尔", village_code=VILLAGE, industries=("玉米", "沙棘")))
    ctx.records.save(Household(name="乌力吉", village_code=VILLAGE, industries=("沙棘",)))
    page = ReviewPage(manager_ctx)
    qtbot.addWidget(page)
    page.show()
    dialog = page.open_unlisted_industries()
    settle()
    assert [dialog.model.row_values(r) for r in range(dialog.model.rowCount())] == [("沙棘", 0, 0, 2)]
    dialog.table.selectRow(0)
    qtbot.keyClicks(dialog.target.combo.lineEdit(), "jingjilin")
    dialog.target.choose_search_result(dialog.target.search_results().index("经济林"))
    with qtbot.waitSignal(manager_ctx.runner.changed, timeout=5000):
        qtbot.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
    settle()
    assert dialog.model.rowCount() == 0
    assert sorted(h.industries for h in ctx.records.list_households()) == [("玉米", "经济林"), ("经济林",)]
