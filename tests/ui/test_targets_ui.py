"""The 统计 page's targets editor: a region admin changes a value against a real server and the page
compares with it at once; offline nothing changes; a specialist has no such button."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from PySide6.QtCore import Qt

from desktop.services.reference import ReferenceService
from desktop.services.sync_service import SyncService
from desktop.ui.statistics.page import StatisticsPage
from desktop.ui.statistics.targets_dialog import TargetsDialog
from sync.client.credentials import CredentialStore
from sync.domain.vocabulary import Role
from sync.server.services import reference_import
from sync.server.services import targets as target_service
from tests.server.conftest import free_port
from tests.server.support import PASSWORD
from tests.sync.conftest import quick_transport
from tests.ui.sync_fixtures import (  # noqa: F401 - fixtures reused
    backend,
    cheap_password_hashes,
    memory_keyring,
    server_db,
    sync_server,
    world,
)

pytestmark = pytest.mark.usefixtures("cheap_password_hashes")


@pytest.fixture(scope="module", autouse=True)
def shipped_targets(server_db) -> None:  # noqa: F811
    target_service.merge_shipped(server_db, reference_import.default_reference_dir())


@pytest.fixture
def admin_ctx(ctx, world, sync_server, memory_keyring):  # noqa: F811
    """This laptop signed in as a region administrator of the real server."""
    store = ctx.profile.store
    with store.unit_of_work() as s:  # every copy of the template would share its device id
        store.set_state(s, "device_id", str(uuid.uuid4()))
    account = world.user(Role.REGION_ADMIN)
    ctx.sync = SyncService(ctx.profile.store, CredentialStore(), transport_factory=quick_transport)
    ctx.sync.sign_in(sync_server.base_url, account.username, PASSWORD)
    ctx.set_identity(ctx.profile.identity.current())
    assert ctx.identity.role is Role.REGION_ADMIN
    yield ctx
    if ctx.network is not None:
        ctx.network.wait_idle()


def statistics_page(qtbot, ctx, settle) -> StatisticsPage:
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.start()
    settle()
    return page


def open_editor(qtbot, page: StatisticsPage, settle) -> TargetsDialog:
    assert page.edit_targets_button.isVisible()
    qtbot.mouseClick(page.edit_targets_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, TargetsDialog)
    settle()
    return dialog


def type_value(qtbot, dialog: TargetsDialog, key: str, text: str) -> None:
    box = dialog.values[key].lineEdit()
    box.selectAll()
    qtbot.keyClicks(box, text)


def local_value(ctx, key: str) -> float:
    return next(t.value for t in ReferenceService(ctx.profile.store).targets() if t.key == key)


def test_a_region_admin_edits_a_target_and_the_page_compares_with_the_new_value(qtbot, admin_ctx, settle,
                                                                                 server_db):  # noqa: F811
    page = statistics_page(qtbot, admin_ctx, settle)
    assert "100,000" in page.cards["households"].detail.text()
    dialog = open_editor(qtbot, page, settle)
    assert dialog.table.rowCount() == 19
    rows = {dialog.table.item(row, 0).toolTip(): row for row in range(dialog.table.rowCount())}
    row = rows["households_served"]
    assert [dialog.table.item(row, column).text() for column in (0, 2)] == ["科技特派员服务农牧户", "户"]
    assert dialog.values["households_served"].value() == 100000
    type_value(qtbot, dialog, "households_served", "120000")
    with qtbot.waitSignal(dialog.ctx.runner.changed, timeout=20000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert not dialog.isVisible()
    assert local_value(admin_ctx, "households_served") == 120000
    assert next(t.value for t in target_service.current(server_db).targets
                if t.key == "households_served") == 120000
    qtbot.waitUntil(lambda: "120,000" in page.cards["households"].detail.text(), timeout=10000)


def test_offline_the_editor_says_so_and_nothing_changes(qtbot, admin_ctx, settle, server_db):  # noqa: F811
    page = statistics_page(qtbot, admin_ctx, settle)
    dialog = open_editor(qtbot, page, settle)
    before_server = target_service.current(server_db)
    before_local = local_value(admin_ctx, "people_trained")
    nobody_listens = f"http://127.0.0.1:{free_port()}"
    admin_ctx.sync._transport_factory = lambda config, token: quick_transport(  # noqa: SLF001 - the line is down
        dataclasses.replace(config, server_url=nobody_listens), token)
    type_value(qtbot, dialog, "people_trained", "7777")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=20000)
    assert dialog.isVisible()
    assert dialog.message.text()  # the reason, in the user's language
    assert local_value(admin_ctx, "people_trained") == before_local
    assert target_service.current(server_db) == before_server


def test_signed_out_the_editor_asks_to_sign_in_and_nothing_changes(qtbot, admin_ctx, settle, server_db):  # noqa: F811
    admin_ctx.sync.sign_out()
    page = statistics_page(qtbot, admin_ctx, settle)
    dialog = open_editor(qtbot, page, settle)
    before_server = target_service.current(server_db)
    type_value(qtbot, dialog, "people_trained", "8888")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=20000)
    assert dialog.isVisible() and dialog.message.text()
    assert local_value(admin_ctx, "people_trained") != 8888
    assert target_service.current(server_db) == before_server


def test_a_specialist_sees_no_edit_targets_button(qtbot, ctx, settle):
    page = statistics_page(qtbot, ctx, settle)
    assert ctx.identity.role is Role.SPECIALIST
    assert not page.edit_targets_button.isVisible()
