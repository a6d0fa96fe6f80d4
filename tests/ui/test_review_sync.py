"""Review across two synced laptops and a real server: the manager returns a visit, the specialist
fixes and resubmits it from the 审核 page, the manager approves, and both laptops end with the same
record and the same trail."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop.domain.records import Visit
from desktop.services.changes import Changes
from desktop.ui.shell.context import AppContext
from desktop.ui.review.dialog import ReviewDialog
from desktop.ui.review.page import ReviewPage
from sync.domain.vocabulary import Role
from tests.factories import household
from tests.ui.conftest import VILLAGE
from tests.ui.sync_fixtures import account, sign_in, sync_window  # noqa: F401 - fixtures reused
from tests.ui.sync_fixtures import (  # noqa: F401 - fixtures reused
    backend,
    cheap_password_hashes,
    make_device,
    memory_keyring,
    open_device,
    server_db,
    station,
    sync_server,
    world,
)

pytestmark = pytest.mark.usefixtures("cheap_password_hashes")


def synced(ctx: AppContext) -> None:
    report, _changes = ctx.sync.sync_now()
    assert report.error is None and report.finished, report.summary()


def trail(ctx_or_review, visit_id: str) -> list[tuple[str, str]]:
    return [(e.action, e.to_state) for e in ctx_or_review.trail(visit_id)]


def test_return_fix_resubmit_and_approve_travel_between_two_laptops(
        qtbot, sync_window, ctx, sign_in, make_device, station, runner, settings, settle):  # noqa: F811
    sign_in()
    h, _ = ctx.records.save(household(village_code=VILLAGE))
    v, _ = ctx.records.save(Visit(visit_date=dt.date.today(), duration_hours=2.0, village_code=VILLAGE,
                                  household_ids=(h.id,), service_types=("guidance",), industry="玉米",
                                  problem="玉米叶片发黄", advice="追施氮肥"))
    ctx.review.submit("visit", v.id)
    synced(ctx)

    manager = make_device("manager", station, Role.STATION_MANAGER)
    manager.sync_ok()
    manager_ctx = AppContext.create(manager.profile, manager.profile.identity.current(), runner, settings)
    page = ReviewPage(manager_ctx)
    qtbot.addWidget(page)
    page.show()
    page.start()
    settle()
    assert page.queue.model.rowCount() == 1  # the specialist's submitted visit reached the manager

    dialog = ReviewDialog(manager_ctx, "visit", v.id)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    dialog.comment.setPlainText("请写明施肥量")
    with qtbot.waitSignal(dialog.ctx.runner.changed):
        qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    manager.sync_ok()

    synced(ctx)
    sync_window.show_page("review")
    settle()
    queue = sync_window.review_page.queue
    qtbot.waitUntil(lambda: queue.returned.isVisible(), timeout=10000)
    assert "请写明施肥量" in queue.returned.text()
    queue.select_row(0)
    with qtbot.waitSignal(sync_window.forms.form_opened) as opened:
        qtbot.mouseClick(queue.fix_button, Qt.MouseButton.LeftButton)
    form = opened.args[0]
    form.advice.setPlainText("每亩追施尿素 10 公斤")
    with qtbot.waitSignal(sync_window.ctx.runner.changed):
        qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    settle()
    synced(ctx)

    manager.sync_ok()
    page.apply_changes(Changes(reviews=True, visits=True))
    settle()
    qtbot.waitUntil(lambda: page.queue.model.rowCount() == 1, timeout=10000)
    page.queue.select_row(0)
    qtbot.mouseClick(page.queue.approve_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.ctx.runner.changed, timeout=15000):
        pass  # the approval is recorded once its Undo time is over
    settle()
    manager.sync_ok()
    synced(ctx)

    mine, theirs = ctx.records.get(Visit, v.id), manager_ctx.records.get(Visit, v.id)
    assert mine.review_state == theirs.review_state == "approved"
    assert mine.advice == theirs.advice == "每亩追施尿素 10 公斤"
    expected = [("submit", "submitted"), ("return", "returned"), ("submit", "submitted"), ("approve", "approved")]
    assert trail(ctx.review, v.id) == trail(manager_ctx.review, v.id) == expected
