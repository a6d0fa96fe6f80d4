"""Recording a visit through the real form: fill, save, find it in the list, reopen, edit, and fail."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from desktop.domain.filters import RecordFilter
from desktop.domain.records import Visit
from desktop.ui.forms.visit_form import VisitForm
from sync.domain.vocabulary import ReviewState

from .conftest import VILLAGE


def open_new_visit(qtbot, window, settle) -> VisitForm:
    qtbot.mouseClick(window.visits_page.new_button, Qt.MouseButton.LeftButton)
    form = window.forms.forms[-1]
    assert isinstance(form, VisitForm)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def closed(form) -> bool:
    return not shiboken6.isValid(form) or not form.isVisible()


def fill_visit(qtbot, ime, form: VisitForm) -> None:
    """As a user would: hours, village, the household found by pinyin initials, service, texts."""
    form.duration.setValue(2.5)
    form.village.set_value(VILLAGE, notify=True)
    qtbot.keyClicks(form.households.search, "wjg")  # 王建国
    assert form.households.results.count() >= 1
    qtbot.keyClick(form.households.search, Qt.Key.Key_Return)
    guidance = form.service_checks["guidance"]
    qtbot.mouseClick(guidance, Qt.MouseButton.LeftButton, pos=QPoint(8, guidance.height() // 2))
    assert guidance.isChecked()
    form.industry.set_value("玉米")
    ime(form.problem, "玉米叶片发黄，下部叶片尤其明显")
    ime(form.advice, "每亩追施尿素10公斤，一周后复查")


def test_a_filled_visit_is_saved_and_shows_in_the_list(qtbot, window, ctx, settle, add_household, ime):
    owner = add_household()
    form = open_new_visit(qtbot, window, settle)
    fill_visit(qtbot, ime, form)
    with qtbot.waitSignal(window.ctx.runner.changed, timeout=5000):
        qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert form.errors.messages() == {}
    stored = ctx.records.get(Visit, form.record.id)
    assert stored is not None and stored.household_ids == (owner.id,)
    assert stored.duration_hours == 2.5 and stored.service_types == ("guidance",)
    model = window.visits_page.model
    assert model.rowCount() == 1
    assert "玉米叶片发黄" in model.index(0, 7).data()
    assert (model.index(0, 2).data(), model.index(0, 3).data()) == ("林东镇", "索布力嘎村委会")


def test_a_saved_visit_reopens_with_its_values_and_can_be_edited(qtbot, window, ctx, settle, add_household,
                                                                  add_visit, ime):
    owner = add_household()
    saved = add_visit((owner.id,))
    window.visits_page.model.refresh()
    settle()
    index = window.visits_page.model.index(0, 0)
    window.visits_page.table.doubleClicked.emit(index)
    settle()
    form = window.forms.forms[-1]
    assert form.record.id == saved.id
    assert form.problem.toPlainText() == "玉米叶片发黄"
    assert form.households.value() == (owner.id,)
    form.problem.selectAll()
    ime(form.problem, "玉米螟虫害")
    assert form.is_dirty
    with qtbot.waitSignal(window.ctx.runner.changed, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert ctx.records.get(Visit, saved.id).problem == "玉米螟虫害"
    assert window.visits_page.model.index(0, 7).data() == "玉米螟虫害"
    assert ctx.records.count_visits(RecordFilter()) == 1


def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(qtbot, window, ctx, settle, add_household, ime):
    add_household()
    form = open_new_visit(qtbot, window, settle)
    fill_visit(qtbot, ime, form)
    form.problem.clear()
    form.duration.setValue(0)
    before = ctx.records.count_visits(RecordFilter())
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    shown = form.errors.messages()
    assert shown["problem"] == "此项为必填项。"
    assert "duration_hours" in shown
    assert ctx.records.count_visits(RecordFilter()) == before
    assert form.duration.hasFocus() or form.focusWidget() is form.duration
    assert form.is_dirty


def test_submitting_for_review_saves_the_visit_as_submitted(qtbot, window, ctx, settle, add_household, ime):
    add_household()
    form = open_new_visit(qtbot, window, settle)
    fill_visit(qtbot, ime, form)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    settle()
    assert ctx.records.get(Visit, form.record.id).review_state == ReviewState.SUBMITTED
    assert closed(form)


def test_escape_on_an_edited_form_asks_before_closing(qtbot, window, ctx, settle, add_household, ime):
    form = open_new_visit(qtbot, window, settle)
    ime(form.problem, "草地贪夜蛾")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible()
    prompt = form.close_prompt
    assert prompt is not None and prompt.isVisible()
    qtbot.mouseClick(prompt.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert form.isVisible()
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.mouseClick(form.close_prompt.button(QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton)
    settle()
    assert closed(form)
    assert ctx.drafts.pending() == []


def test_escape_on_an_untouched_form_closes_it_at_once(qtbot, window, settle):
    form = open_new_visit(qtbot, window, settle)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert closed(form)
