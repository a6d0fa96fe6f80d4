"""Fixtures of the sync UI tests: a real server process over SQLite, the app's window wired to it with
a quick transport and an in-memory key store, and a second laptop from the sync tests' harness."""

from __future__ import annotations

import uuid

import pytest

from desktop.domain.records import Household
from desktop.services.changes import Changes
from desktop.services.sync_service import SyncService
from desktop.ui.shell.main_window import MainWindow
from sync.client.credentials import CredentialStore
from sync.domain.vocabulary import Role
from tests.factories import household
from tests.server.support import PASSWORD
from tests.sync.conftest import (  # noqa: F401 - fixtures reused
    cheap_password_hashes,
    make_device,
    memory_keyring,
    open_device,
    quick_transport,
    server_db,
    station,
    sync_server,
    world,
)


@pytest.fixture(scope="module")
def backend() -> str:
    """The UI tests talk to the SQLite server; the sync tests cover PostgreSQL."""
    return "sqlite"


@pytest.fixture
def sync_window(qtbot, ctx, settle, memory_keyring):  # noqa: F811 - the fixture imported above
    """The main window of a profile set up on first run and not signed in yet."""
    store = ctx.profile.store
    with store.unit_of_work() as s:  # every copy of the template would share its device id
        store.set_state(s, "device_id", str(uuid.uuid4()))
    ctx.sync = SyncService(ctx.profile.store, CredentialStore(), transport_factory=quick_transport)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.start()
    settle()
    yield w
    w.sync.shutdown()
    ctx.runner.wait_idle()


@pytest.fixture
def account(world, station):  # noqa: F811
    return world.user(Role.SPECIALIST, station)


@pytest.fixture
def sign_in(qtbot, sync_window, sync_server, account, settle):  # noqa: F811
    """Signs the window in the way the dialog does (the controller, on the network worker)."""
    def run() -> None:
        controller = sync_window.sync.controller
        outcome = []
        controller.sign_in_finished.connect(outcome.append)
        controller.sign_in_failed.connect(outcome.append)
        controller.sign_in(sync_server.base_url, account.username, PASSWORD)
        qtbot.waitUntil(lambda: bool(outcome), timeout=20000)
        assert not isinstance(outcome[0], Exception), repr(outcome[0])
        qtbot.waitUntil(lambda: controller.signed_in, timeout=10000)
        settle()
    return run


def sync_once(qtbot, window, settle):
    """One sync of the window by its controller; it must finish without error."""
    controller = window.sync.controller
    with qtbot.waitSignal(controller.sync_finished, timeout=30000) as finished:
        controller.sync_now()
    settle()
    report = finished.args[0]
    assert report.error is None and report.finished, report.summary()
    return report


@pytest.fixture
def conflict(qtbot, sync_window, sign_in, make_device, station, settle):
    """Wang (another laptop) and this window both changed the head of livestock of one household."""
    sign_in()
    wang = make_device("wang", station)
    h, _ = wang.records.save(household(name="张宝山", notes=""))
    wang.sync_ok()
    sync_once(qtbot, sync_window, settle)
    wang.records.save(wang.records.get(Household, h.id).with_changes(livestock_head=50))
    wang.sync_ok()
    records = sync_window.ctx.records
    records.save(records.get(Household, h.id).with_changes(livestock_head=60))
    sync_window.ctx.runner.announce(Changes(households=True), None)
    assert sync_once(qtbot, sync_window, settle).conflicts == 1
    return wang, h
