"""The 审核 page: a manager approves or returns the team's records; the author sees a return and resubmits."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop.domain.records import Visit
from desktop.services.identity import Identity
from desktop.services.review import ReviewService
from desktop.ui.shell.context import AppContext
from desktop.ui.review.dialog import ReviewDialog
from desktop.ui.review.page import ReviewPage
from sync.domain.vocabulary import Role
from tests.ui.conftest import COUNTY, STATION


@pytest.fixture
def submitted(ctx, add_household, add_visit):
    """A visit the specialist (张伟) wrote and submitted."""
    h = add_household()
    v = add_visit((h.id,), problem="玉米叶片发黄", day=dt.date.today())
    ctx.review.submit("visit", v.id)
    return v


@pytest.fixture
def manager_ctx(profile, runner, settings, language) -> AppContext:
    manager = Identity("mgr-1", "李站长", Role.STATION_MANAGER, "", STATION, COUNTY)
    return AppContext.create(profile, manager, runner, settings)


@pytest.fixture
def manager_page(qtbot, submitted, manager_ctx, settle):
    page = ReviewPage(manager_ctx)
    qtbot.addWidget(page)
    page.show()
    page.start()
    settle()
    return page


def state_of(ctx, visit_id):
    return ctx.records.get(Visit, visit_id).review_state


def test_a_manager_approves_from_the_queue_and_the_trail_records_it(manager_page, manager_ctx, submitted, settle,
                                                                     qtbot):
    queue = manager_page.queue
    assert queue.model.rowCount() == 1
    assert queue.model.row_values(0)[2] == "张伟"
    queue.select_row(0)
    assert queue.approve_button.isVisible() and queue.approve_button.isEnabled()
    qtbot.mouseClick(queue.approve_button, Qt.MouseButton.LeftButton)
    assert queue.undo_button.isVisible()  # recorded once the undo time is over
    with qtbot.waitSignal(manager_page.ctx.runner.changed, timeout=15000):
        pass
    settle()
    assert state_of(manager_ctx, submitted.id) == "approved"
    trail = manager_ctx.review.trail(submitted.id)
    assert [(e.action, e.author_id) for e in trail][-1] == ("approve", "mgr-1")
    settle()
    assert queue.model.rowCount() == 0  # the default filter shows what still waits for review


def test_returning_with_an_empty_comment_is_refused_in_the_dialog(qtbot, manager_ctx, submitted, settle):
    dialog = ReviewDialog(manager_ctx, "visit", submitted.id)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    assert "玉米叶片发黄" in dialog.details.toPlainText()
    qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    settle()
    assert dialog.error.isVisible() and dialog.isVisible()
    assert state_of(manager_ctx, submitted.id) == "submitted"
    dialog.comment.setPlainText("请补充施肥量")
    assert not dialog.error.isVisible()
    with qtbot.waitSignal(dialog.ctx.runner.changed):
        qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    assert state_of(manager_ctx, submitted.id) == "returned"
    assert manager_ctx.review.trail(submitted.id)[-1].comment == "请补充施肥量"


def test_the_author_sees_the_returned_comment_and_resubmits_from_the_form(window, ctx, manager_ctx, submitted,
                                                                          settle, qtbot):
    ReviewService(ctx.profile.store, manager_ctx.identity).return_for_fixes("visit", submitted.id, "请补充施肥量")
    window.show_page("review")
    settle()
    queue = window.review_page.queue
    assert queue.returned.isVisible() and "请补充施肥量" in queue.returned.text()
    assert queue.model.row_values(0)[5] == "请补充施肥量"
    queue.select_row(0)
    with qtbot.waitSignal(window.forms.form_opened) as opened:
        qtbot.mouseClick(queue.fix_button, Qt.MouseButton.LeftButton)
    form = opened.args[0]
    with qtbot.waitSignal(window.ctx.runner.changed):
        qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    settle()
    assert state_of(ctx, submitted.id) == "submitted"
    assert [e.action for e in ctx.review.trail(submitted.id)] == ["submit", "return", "submit"]
    assert not queue.returned.isVisible()  # the page refreshed through the change bus


def test_a_specialist_has_no_approve_or_return_and_the_service_refuses(window, ctx, submitted, settle, qtbot):
    window.show_page("review")
    settle()
    queue = window.review_page.queue
    assert queue.model.rowCount() == 1
    queue.select_row(0)
    assert not queue.approve_button.isVisible() and not queue.return_button.isVisible()
    dialog = queue.open_selected()
    settle()
    assert not dialog.approve_button.isVisible() and not dialog.return_button.isVisible()
    dialog.approve()  # even if asked directly, the service refuses
    settle()
    assert state_of(ctx, submitted.id) == "submitted"
    dialog.close()


def test_a_returned_record_shows_the_managers_comment_inside_its_edit_form(window, ctx, manager_ctx, submitted,
                                                                           settle, qtbot):
    ReviewService(ctx.profile.store, manager_ctx.identity).return_for_fixes("visit", submitted.id, "请补充施肥量")
    window.show_page("review")
    settle()
    queue = window.review_page.queue
    queue.select_row(0)
    with qtbot.waitSignal(window.forms.form_opened) as opened:
        qtbot.mouseClick(queue.fix_button, Qt.MouseButton.LeftButton)
    form = opened.args[0]
    assert form.returned_note.isVisibleTo(form)
    assert "请补充施肥量" in form.returned_note.text()
    form._dirty = False  # noqa: SLF001 - no close prompt in teardown


def test_the_team_log_opens_on_the_current_year(manager_page):
    period = manager_page.team_log.period.period()
    assert (period.kind, period.year) == ("year", dt.date.today().year)


def test_a_manager_does_not_see_a_members_draft_in_the_lists_or_the_queue(qtbot, ctx, manager_ctx, add_household,
                                                                          add_visit):
    from desktop.domain.filters import RecordFilter
    h = add_household()
    draft = add_visit((h.id,), problem="还没写完", day=dt.date.today())
    assert [v.id for v in ctx.records.list_visits(RecordFilter())] == [draft.id]  # the author sees it
    assert manager_ctx.records.list_visits(RecordFilter()) == []
    assert manager_ctx.records.count_visits(RecordFilter()) == 0
    assert manager_ctx.review.queue(state=None) == []


def test_a_manager_approves_several_records_at_once_and_can_undo_the_last_batch(
        qtbot, ctx, manager_ctx, add_household, add_visit, settle):
    h = add_household()
    visits = [add_visit((h.id,), problem=f"问题{n}", day=dt.date.today()) for n in range(3)]
    for v in visits:
        ctx.review.submit("visit", v.id)
    page = ReviewPage(manager_ctx)
    qtbot.addWidget(page)
    page.show()
    page.start()
    settle()
    queue = page.queue
    assert queue.model.rowCount() == 3
    queue.table.selectAll()
    assert queue.approve_button.isEnabled() and "3" in queue.approve_button.text()
    qtbot.mouseClick(queue.approve_button, Qt.MouseButton.LeftButton)
    assert queue.undo_button.isVisible() and "3" in queue.pending_note.text()
    qtbot.mouseClick(queue.undo_button, Qt.MouseButton.LeftButton)
    settle()
    assert [state_of(manager_ctx, v.id) for v in visits] == ["submitted"] * 3
    assert not queue.undo_button.isVisible()

    queue.table.selectAll()
    qtbot.mouseClick(queue.approve_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.ctx.runner.changed, timeout=5000):
        page.hide()  # leaving the page records the approvals at once
    settle()
    assert [state_of(manager_ctx, v.id) for v in visits] == ["approved"] * 3
