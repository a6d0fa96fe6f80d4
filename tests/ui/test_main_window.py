"""The main window: navigation, shortcuts, status bar, settings and the language switch."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.shell.app_shell import AppShell
from desktop.ui.forms.household_form import HouseholdForm
from desktop.ui.forms.training_form import TrainingForm
from desktop.ui.forms.visit_form import VisitForm


def test_the_navigation_offers_the_six_pages_in_chinese(window):
    names = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert names == ["服务记录", "培训", "农牧户", "示范基地和项目", "审核", "统计"]
    window.nav.setCurrentRow(4)
    assert window.stack.currentWidget() is window.review_page


def test_ctrl_n_creates_a_record_of_the_kind_on_screen(qtbot, window):
    for page, form_class in (("visits", VisitForm), ("trainings", TrainingForm), ("households", HouseholdForm)):
        window.show_page(page)
        window.activateWindow()
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        form = window.forms.forms[-1]
        assert isinstance(form, form_class)
        form.reject()


def test_the_status_bar_shows_the_user_and_the_changes_waiting_to_sync(qtbot, window, ctx, settle, add_household):
    status = window.status
    assert "张伟" in status.user_label.text() and "科技特派员" in status.user_label.text()
    assert status.network_label.text() == "未配置服务器"  # no server set yet: neither online nor offline
    assert status.last_sync_label.text() == "尚未同步"
    add_household()
    status.refresh()
    settle()
    assert status.pending_label.text() == "1 项修改待同步"


def test_switching_the_language_shows_english(qtbot, ctx, settle):
    shell = AppShell(ctx)
    window = shell.show()  # the shell owns its windows and retires the old one itself
    settle()
    dialog = window.open_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.accept()
    settle()
    english = shell.window
    assert english is not window
    assert [english.nav.item(i).text() for i in range(english.nav.count())] == [
        "Service visits", "Trainings", "Households", "Demonstrations", "Review", "Statistics"]
    assert english.visits_page.new_button.text() == "New visit"
    assert english.menuBar().actions()[0].text() == "&File"
    assert english.visits_page.model.headerData(0, Qt.Orientation.Horizontal) == "Date"
    assert ctx.settings.language == "en"
    english.close()
