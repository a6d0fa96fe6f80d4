"""A station manager marks a record a typical case (典型案例) in the review dialog, offline, and the
统计 page's year-end evaluation lists it; a specialist has no such buttons. Screens at 1366×768."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from desktop.services.identity import Identity
from desktop.ui.review.dialog import ReviewDialog
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import install_language
from desktop.ui.statistics.page import StatisticsPage
from sync.domain.vocabulary import Role
from tests.ui.conftest import COUNTY, STATION

WRITE_UP = "玉米追肥示范：叶片返绿，亩增产约一成，周边农户自发效仿"


@pytest.fixture
def manager_ctx(profile, runner, settings, language) -> AppContext:
    manager = Identity("mgr-1", "李站长", Role.STATION_MANAGER, "", STATION, COUNTY)
    return AppContext.create(profile, manager, runner, settings)


@pytest.fixture
def approved(ctx, manager_ctx, add_household, add_visit):
    """A visit the specialist (张伟) wrote, submitted and the manager approved."""
    visit = add_visit((add_household().id,), problem="玉米叶片发黄", day=dt.date.today())
    ctx.review.submit("visit", visit.id)
    manager_ctx.review.approve("visit", visit.id)
    return visit


def open_dialog(qtbot, ctx, visit, settle) -> ReviewDialog:
    dialog = ReviewDialog(ctx, "visit", visit.id)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    return dialog


def show_county(page: StatisticsPage, settle) -> None:
    """The 统计 page on the county of the visit's village (the test station lies in another county)."""
    page.area.setCurrentIndex(next(i for i in range(page.area.count()) if page.area.itemData(i).level == "county"))
    settle()
    assert page.evaluation.doc["area_code"] == COUNTY


def test_a_manager_marks_a_typical_case_and_the_evaluation_lists_it(qtbot, manager_ctx, approved, settle, tmp_path):
    dialog = open_dialog(qtbot, manager_ctx, approved, settle)
    assert dialog.mark_button.isVisible() and dialog.mark_button.isEnabled()
    assert not dialog.unmark_button.isEnabled() and dialog.typical_state.text() == "尚未标记为典型案例。"
    qtbot.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)  # no write-up yet: refused, nothing written
    assert dialog.error.isVisible() and dialog.isVisible()
    assert [e.action for e in manager_ctx.review.trail(approved.id)] == ["submit", "approve"]
    dialog.write_up.insertPlainText(WRITE_UP)  # as an input method commits the text
    assert not dialog.error.isVisible()
    with qtbot.waitSignal(manager_ctx.runner.changed, timeout=15000):
        qtbot.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)
    settle()
    last = manager_ctx.review.trail(approved.id)[-1]
    assert (last.action, last.comment, last.from_state, last.to_state) == ("mark_typical", WRITE_UP, "approved",
                                                                         "approved")
    again = open_dialog(qtbot, manager_ctx, approved, settle)
    assert again.typical_state.text() == f"典型案例：{WRITE_UP}" and again.unmark_button.isEnabled()
    assert "标记为典型案例" in again.trail.toPlainText()

    page = StatisticsPage(manager_ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.start()
    settle()
    show_county(page, settle)
    cases = page.evaluation.cases_model
    assert cases.rowCount() == 1
    assert cases.row_values(0)[0] == approved.visit_date.isoformat() and cases.row_values(0)[5] == WRITE_UP
    assert page.evaluation.cases_heading.text() == "典型案例（1 个）"
    for language in ("zh_CN", "en"):  # the screens, made afresh in each language
        install_language(language)
        shown = open_dialog(qtbot, manager_ctx, approved, settle)
        shown.grab().save(str(tmp_path / f"typical-case-review-dialog-{language}.png"))
        shown.close()
        screen = StatisticsPage(manager_ctx)
        qtbot.addWidget(screen)
        screen.resize(1366, 768)
        screen.show()
        screen.start()
        settle()
        show_county(screen, settle)
        screen.findChild(QScrollArea).ensureWidgetVisible(screen.evaluation.export_button)
        settle()
        screen.grab().save(str(tmp_path / f"typical-case-statistics-{language}.png"))
        screen.close()
    install_language("zh_CN")

    with qtbot.waitSignal(manager_ctx.runner.changed, timeout=15000):
        qtbot.mouseClick(again.unmark_button, Qt.MouseButton.LeftButton)
    settle()
    page.refresh()
    settle()
    assert cases.rowCount() == 0 and "尚未标记" in page.evaluation.cases_heading.text()


def test_a_specialist_has_no_typical_case_buttons_and_the_service_refuses(qtbot, ctx, approved, settle):
    dialog = open_dialog(qtbot, ctx, approved, settle)
    assert not dialog.mark_button.isVisible() and not dialog.write_up.isVisible()
    dialog.write_up.setPlainText(WRITE_UP)
    dialog.mark_typical()  # even if asked directly, the service refuses
    settle()
    assert [e.action for e in ctx.review.trail(approved.id)] == ["submit", "approve"]
