"""Industries come from the reference list (searched by Chinese, pinyin or English), with 其他 + text
for the rest; free text on no list is shown to a manager, who maps it."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from desktop.domain.filters import RecordFilter
from desktop.domain.records import Training, Visit
from desktop.services.identity import Identity
from desktop.ui.forms.visit_form import VisitForm
from desktop.ui.review.page import ReviewPage
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import install_language
from sync.domain.vocabulary import Role

from .conftest import COUNTY, STATION


@pytest.fixture
def form(qtbot, ctx, settle):
    f = VisitForm(ctx, Visit())
    qtbot.addWidget(f)
    f.show()
    settle()
    yield f
    f._dirty = False  # noqa: SLF001 - no prompt on teardown


@pytest.mark.parametrize("typed", ["rn", "rouniu", "肉牛", "RouNiu"])
def test_typing_chinese_or_pinyin_offers_the_industry_and_choosing_it_sets_it(qtbot, ime, form, typed):
    picker = form.industry
    if typed.isascii():
        qtbot.keyClicks(picker.combo.lineEdit(), typed)
    else:
        ime(picker.combo.lineEdit(), typed)
        picker._search_edited(picker.combo.currentText())  # noqa: SLF001 - an IME commit is no textEdited
    offered = picker.search_results()
    assert "肉牛" in offered
    picker.choose_search_result(offered.index("肉牛"))
    qtbot.wait(10)
    assert picker.value() == "肉牛" and picker.combo.currentText() == "肉牛"
    assert form.collect().industry == "肉牛"


def test_text_on_no_list_goes_beside_other_as_typed_and_is_saved_so(qtbot, form, ctx, settle):
    picker = form.industry
    qtbot.keyClicks(picker.combo.lineEdit(), "shaji")  # no industry is 沙棘 in the list
    assert picker.search_results()[-1] == "其他：shaji"
    picker.choose_search_result(len(picker.search_results()) - 1)
    qtbot.wait(10)
    assert picker.other.isVisible() and picker.other.text() == "shaji"
    picker.other.setText("沙棘")
    assert picker.combo.currentData() is not None and picker.value() == "沙棘"
    assert form.collect().industry == "沙棘"


def test_leaving_the_combo_with_unlisted_text_moves_it_beside_other_unchanged(qtbot, form):
    picker = form.industry
    qtbot.keyClicks(picker.combo.lineEdit(), "Seabuckthorn")
    picker._completer.popup().hide()  # noqa: SLF001 - as Esc does
    picker.combo.lineEdit().editingFinished.emit()
    assert picker.other.isVisible() and picker.other.text() == "Seabuckthorn"
    assert picker.value() == "Seabuckthorn"


def test_a_stored_free_text_industry_opens_beside_other(qtbot, ctx, settle):
    f = VisitForm(ctx, Visit(industry="沙棘"))
    qtbot.addWidget(f)
    f.show()
    settle()
    assert f.industry.other.isVisible() and f.industry.other.text() == "沙棘"
    assert f.collect().industry == "沙棘"
    f._dirty = False  # noqa: SLF001


def test_the_english_ui_shows_and_finds_industries_in_english(qtbot, ctx, settle):
    install_language("en")
    f = VisitForm(ctx, Visit(industry="肉牛"))
    qtbot.addWidget(f)
    f.show()
    settle()
    assert f.industry.combo.currentText() == "Beef cattle"
    f.industry.combo.setEditText("")
    qtbot.keyClicks(f.industry.combo.lineEdit(), "potat")
    assert f.industry.search_results()[0] == "Potatoes (马铃薯)"
    f.industry.choose_search_result(0)
    assert f.collect().industry == "马铃薯"  # stored by its reference name
    f._dirty = False  # noqa: SLF001


@pytest.fixture
def manager_ctx(profile, runner, settings, language) -> AppContext:
    return AppContext.create(profile, Identity("mgr-1", "李站长", Role.STATION_MANAGER, "", STATION, COUNTY),
                             runner, settings)


def test_a_manager_sees_unlisted_industries_with_counts_and_maps_one(qtbot, ctx, manager_ctx, add_household,
                                                                      add_visit, settle):
    household = add_household()
    for industry in ("沙棘", "沙棘", "葵花籽"):
        visit = add_visit((household.id,))
        ctx.records.save(dataclasses.replace(visit, industry=industry), base=visit)
    ctx.records.save(Training(training_date=visit.visit_date, village_code=visit.village_code,
                              topic="沙棘修剪", industry="沙棘", attendees={"farmer": 5},
                              trainers=("张伟",), hours=2))
    page = ReviewPage(manager_ctx)
    qtbot.addWidget(page)
    page.show()
    dialog = page.open_unlisted_industries()
    settle()
    assert [dialog.model.row_values(r) for r in range(dialog.model.rowCount())] == [("沙棘", 2, 1, 0), ("葵花籽", 1, 0, 0)]
    dialog.table.selectRow(0)
    qtbot.keyClicks(dialog.target.combo.lineEdit(), "jingjilin")
    dialog.target.choose_search_result(dialog.target.search_results().index("经济林"))
    with qtbot.waitSignal(manager_ctx.runner.changed, timeout=5000):
        qtbot.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
    settle()
    assert [dialog.model.row_values(r)[0] for r in range(dialog.model.rowCount())] == ["葵花籽"]
    assert "经济林" in dialog.status.text()
    industries = sorted(v.industry for v in ctx.records.list_visits(RecordFilter()))
    assert industries == sorted(["经济林", "经济林", "葵花籽"])
    assert ctx.records.list_trainings(RecordFilter())[0].industry == "经济林"


def test_the_english_ui_lists_industries_and_services_in_english(qtbot, ctx, settle, add_household, add_visit):
    from desktop.ui.shell.main_window import MainWindow

    add_visit((add_household().id,))  # 玉米, 技术指导
    install_language("en")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.start()
    settle()
    model = window.visits_page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    row = dict(zip(headers, (model.index(0, c).data() for c in range(model.columnCount())), strict=True))
    assert (row["Industry"], row["Services"], row["Township"]) == ("Maize", "Technical guidance", "林东镇")
    industry_filter = window.visits_page.filters.industry
    assert industry_filter.itemText(industry_filter.findData("玉米")) == "Maize"
    ctx.runner.wait_idle()
