"""The operation runner: one serial worker off the UI thread, answers on the UI thread, no error lost."""

from __future__ import annotations

import threading
import time

import shiboken6
from PySide6.QtCore import QObject

from desktop.domain.validation import FieldError, ValidationError
from desktop.services.changes import Changes


def test_calls_run_one_at_a_time_off_the_ui_thread_in_order(qtbot, runner, settle):
    ui_thread = threading.get_ident()
    ran, answered = [], []

    def work(n):
        def call():
            ran.append((n, threading.get_ident(), time.perf_counter()))
            time.sleep(0.02)
            return n
        return call

    for n in range(5):
        runner.run(work(n), on_success=lambda result: answered.append((result, threading.get_ident())))
    settle()
    assert [n for n, _t, _s in ran] == [0, 1, 2, 3, 4]
    assert len({t for _n, t, _s in ran}) == 1 and ran[0][1] != ui_thread
    starts = [s for _n, _t, s in ran]
    assert all(b - a >= 0.019 for a, b in zip(starts, starts[1:], strict=False))  # never two at once
    assert answered == [(n, ui_thread) for n in range(5)]


def test_a_validation_error_goes_to_the_field_handler(qtbot, runner, settle):
    shown = []

    def invalid():
        raise ValidationError([FieldError("problem", "This field is required.")])

    runner.run(invalid, on_invalid=lambda e: shown.append(e.field), on_failure=lambda e: shown.append("failure"))
    settle()
    assert shown == ["problem"]


def test_an_unexpected_error_nobody_handles_is_reported_not_swallowed(qtbot, runner, settle):
    def broken():
        raise OSError("disk full")

    with qtbot.waitSignal(runner.failed, timeout=5000) as failed:
        runner.run(broken, on_success=lambda _r: None)
    error, trace = failed.args
    assert isinstance(error, OSError) and "disk full" in trace


def test_an_answer_for_a_deleted_widget_is_dropped(qtbot, runner, settle):
    class Asker(QObject):
        answers: list = []

        def take(self, result):
            self.answers.append(result)

    asker = Asker()
    runner.run(lambda: time.sleep(0.05) or 42, on_success=asker.take)
    shiboken6.delete(asker)
    settle()
    assert Asker.answers == []


def test_a_write_is_announced_once_after_its_callback_even_when_the_asker_is_gone(qtbot, runner, settle):
    heard, order = [], []
    runner.changed.connect(lambda changes, initiator: heard.append((changes, initiator)) or order.append("bus"))

    class Asker(QObject):
        def take(self, _result):
            order.append("callback")

    asker, gone = Asker(), Asker()
    runner.write(lambda: ("saved", Changes.of("visits", ["v1"])), asker, on_success=asker.take)
    runner.write(lambda: time.sleep(0.05) or Changes.of("households", ["h1"]), gone, on_success=gone.take)
    shiboken6.delete(gone)
    runner.write(lambda: Changes(), asker)  # nothing changed: nothing said
    settle()
    assert order == ["callback", "bus", "bus"]
    assert [(c.ids, i is asker) for c, i in heard] == [({("visits", "v1")}, True), ({("households", "h1")}, False)]


def test_a_write_that_does_not_say_what_it_changed_is_reported(qtbot, runner, settle):
    failures = []
    runner.failed.connect(lambda error, _trace: failures.append(error))
    runner.write(lambda: 42, None)
    settle()
    assert isinstance(failures[0], TypeError)


def test_garbage_holding_a_qt_object_is_freed_on_the_ui_thread_not_on_the_worker(qtbot, runner, settle):
    """A cycle holding a Qt object, freed by a collection the worker triggers, would run the
    object's destructor on the worker, where it can deadlock with the UI thread."""
    import gc

    from PySide6.QtCore import Qt

    from desktop.ui.shell.garbage import collect_if_due

    ui_thread = threading.get_ident()
    freed_on: list[int] = []

    class Holder:
        pass

    def make_cycle() -> None:
        holder = Holder()
        holder.itself = holder
        holder.obj = QObject()
        holder.obj.destroyed.connect(lambda *_: freed_on.append(threading.get_ident()),
                                     Qt.ConnectionType.DirectConnection)

    def allocate() -> int:  # enough new containers to pass the youngest generation's threshold many times
        return len([[] for _ in range(50 * gc.get_threshold()[0])])

    make_cycle()
    runner.run(allocate)
    settle()
    assert freed_on == []  # the worker allocated plenty, yet collected nothing
    assert not gc.isenabled()
    while collect_if_due() == 0 and not freed_on:
        gc.collect()
    assert freed_on == [ui_thread]
