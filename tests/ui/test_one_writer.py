"""SQLite is written from one thread: the sync's store writes run on the operations runner's worker,
not on the network worker beside it."""

from __future__ import annotations

import threading

from sqlalchemy import event

from desktop.domain.records import Household
from tests.factories import household
from tests.ui.sync_fixtures import *  # noqa: F403 - the server and window fixtures


def test_sign_in_and_sync_write_the_store_only_on_the_store_worker(
        qtbot, sync_window, sign_in, make_device, station, settle):
    ctx = sync_window.ctx
    writers: set[int] = set()
    engine = ctx.profile.store.engine  # the writer connection's engine
    listener = lambda *_args: writers.add(threading.get_ident())  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        sign_in()
        wang = make_device("wang", station)
        h, _ = wang.records.save(household(name="张宝山", notes=""))
        wang.sync_ok()
        sync_once(qtbot, sync_window, settle)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert ctx.records.get(Household, h.id) is not None  # the pull was written
    store_worker = []
    ctx.runner.run(threading.get_ident, on_success=store_worker.append)
    settle()
    network_worker = []
    ctx.network_runner().run(threading.get_ident, on_success=network_worker.append)
    qtbot.waitUntil(lambda: bool(network_worker), timeout=5000)
    assert writers == set(store_worker) and store_worker != network_worker
