"""The operation runner: service calls run on one serial database worker, results come back by signal.

Anki-style: a widget asks for work, the runner executes the call on a thread pool of exactly one
thread (so writes to SQLite never race each other), and the outcome is delivered on the UI thread.
A worker never touches a widget.

Every write goes through ``write(call, initiator)``: the call returns the ``Changes`` it made (alone,
or last in a tuple) and the runner announces them once, as ``changed(changes, initiator)``, the one
signal the window and its pages listen to (Anki's ``CollectionOp`` and ``operation_did_execute``).
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop.domain.validation import ValidationError
from desktop.services.changes import Changes
from desktop.ui.shell.garbage import collect_on_ui_thread

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


@dataclass
class _Pending:
    on_success: Callback | None
    on_invalid: Callback | None
    on_failure: Callback | None
    label: str
    owner: QObject | None = None
    result: Any = None
    error: BaseException | None = None
    writes: bool = False  # asked by ``write``: its changes go on the bus
    initiator: object = None

    def owner_gone(self) -> bool:
        """The widget that asked was closed and deleted meanwhile: its answer has nowhere to go."""
        owners = [self.owner] + [getattr(c, "__self__", None) for c in (self.on_success, self.on_invalid,
                                                                         self.on_failure)]
        return any(isinstance(o, QObject) and not shiboken6.isValid(o) for o in owners)


class _Relay(QObject):
    """Lives on the UI thread; the worker emits through it so delivery is queued to that thread."""

    done = Signal(int)


class _Job(QRunnable):
    def __init__(self, op_id: int, call: Callable[[], Any], pending: _Pending, relay: _Relay,
                 worker: threading.local):
        super().__init__()
        self.setAutoDelete(True)
        self._op_id, self._call, self._pending, self._relay = op_id, call, pending, relay
        self._worker = worker

    def run(self) -> None:
        self._worker.here = True
        try:
            self._pending.result = self._call()
        except BaseException as exc:  # noqa: BLE001 - every failure is reported on the UI thread
            self._pending.error = exc
        finally:
            self._worker.here = False
        self._relay.done.emit(self._op_id)


class _Blocking(QRunnable):
    """A call handed over by another thread, which waits for it (see ``OperationRunner.call_blocking``)."""

    def __init__(self, call: Callable[[], Any], worker: threading.local):
        super().__init__()
        self.setAutoDelete(False)
        self._call, self._worker = call, worker
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        self._worker.here = True
        try:
            self.result = self._call()
        except BaseException as exc:  # noqa: BLE001 - raised again in the waiting thread
            self.error = exc
        finally:
            self._worker.here = False
            self.done.set()


class OperationRunner(QObject):
    """Runs callables on the database worker, one at a time, in the order they were asked for.

    ``run(call, on_success, on_invalid, on_failure)``: on the UI thread, ``on_success(result)`` is
    called, or ``on_invalid(error)`` for a ValidationError (shown at the field), or
    ``on_failure(error)`` for anything else. An error nobody takes is logged and emitted as
    ``failed`` (the window shows it in a dialog): never swallowed. With ``owner`` (the widget that
    asked), nothing is delivered if that widget was deleted before the answer came.
    """

    started = Signal()
    finished = Signal()  # the queue ran empty
    failed = Signal(object, str)  # unexpected error nobody handled, with its traceback
    #: The change bus: ``(Changes, initiator)`` after every write that changed something.
    changed = Signal(object, object)

    def __init__(self, parent: QObject | None = None, *, bus: OperationRunner | None = None):
        """With ``bus`` (the store's runner), writes run here but are announced on ``bus.changed``."""
        super().__init__(parent)
        collect_on_ui_thread()  # no worker may free a Qt object (see garbage)
        self._bus = bus or self
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the worker: its SQLite connection stays warm
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._pending: dict[int, _Pending] = {}
        self._ids = itertools.count(1)
        self._worker = threading.local()  # ``here`` is True on this runner's worker, while it runs a call

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(self, call: Callable[[], Any], on_success: Callback | None = None,
            on_invalid: Callback | None = None, on_failure: Callback | None = None, label: str = "",
            owner: QObject | None = None) -> int:
        return self._submit(call, _Pending(on_success, on_invalid, on_failure,
                                           label or getattr(call, "__qualname__", "operation"), owner))

    def _submit(self, call: Callable[[], Any], pending: _Pending) -> int:
        op_id = next(self._ids)
        if not self._pending:
            self.started.emit()
        self._pending[op_id] = pending
        self._pool.start(_Job(op_id, call, pending, self._relay, self._worker))
        return op_id

    def write(self, call: Callable[[], Any], initiator: object, on_success: Callback | None = None,
              on_invalid: Callback | None = None, on_failure: Callback | None = None, label: str = "",
              owner: QObject | None = None) -> int:
        """Run a write; ``call`` returns its ``Changes``, alone or as the last item of a tuple.

        On success, ``on_success(result)`` runs first (with the whole result), then the bus
        announces ``changed(changes, initiator)`` unless nothing changed. The announcement is made
        even when the widget that asked is gone by then: what was written was written."""
        return self._submit(call, _Pending(on_success, on_invalid, on_failure,
                                           label or getattr(call, "__qualname__", "write"), owner,
                                           writes=True, initiator=initiator))

    def call_blocking(self, call: Callable[[], Any]) -> Any:
        """Run ``call`` on this runner's worker, after what is queued, and wait for its result (or
        its error, raised here). For another worker thread (the sync's), so that every write of
        the store is made on one thread; on this runner's own worker the call simply runs."""
        if getattr(self._worker, "here", False):
            return call()
        job = _Blocking(call, self._worker)
        self._pool.start(job)
        job.done.wait()
        if job.error is not None:
            raise job.error
        return job.result

    def announce(self, changes: Changes, initiator: object) -> None:
        """Tell the views about ``changes`` (a write made elsewhere, e.g. a restore replacing the store)."""
        if changes.any():
            self._bus.changed.emit(changes, initiator)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until the worker is idle (for shutdown and tests); results are still delivered later."""
        return self._pool.waitForDone(msecs)

    def report(self, error: BaseException, label: str = "operation") -> None:
        """Log an unexpected error and hand it to whoever shows errors (the window's dialog)."""
        trace = "".join(traceback.format_exception(error))
        log.error("%s failed:\n%s", label, trace)
        self.failed.emit(error, trace)

    @Slot(int)
    def _deliver(self, op_id: int) -> None:
        pending = self._pending.pop(op_id, None)
        if pending is None:
            return
        try:
            self._call_back(pending)
        finally:
            if pending.writes and pending.error is None:  # after the asker's own callback, even if it is gone
                try:
                    self.announce(changes_of(pending.result), pending.initiator)
                except Exception as exc:  # noqa: BLE001 - a broken view must not kill the event loop
                    self.report(exc, f"changes of {pending.label}")
            if not self._pending:
                self.finished.emit()

    def _call_back(self, pending: _Pending) -> None:
        error = pending.error
        if pending.owner_gone():
            if error is not None and not isinstance(error, ValidationError):
                self.report(error, pending.label)  # still worth knowing, even if nobody waits
            return
        try:
            if error is None:
                if pending.on_success is not None:
                    pending.on_success(pending.result)
            elif isinstance(error, ValidationError) and pending.on_invalid is not None:
                pending.on_invalid(error)
            elif pending.on_failure is not None:
                pending.on_failure(error)
            else:
                self.report(error, pending.label)
        except Exception as exc:  # noqa: BLE001 - a broken callback must not kill the event loop
            self.report(exc, f"callback of {pending.label}")

def changes_of(result: Any) -> Changes:
    """The ``Changes`` a write returned: the result itself, or the last item of a tuple."""
    if isinstance(result, Changes):
        return result
    if isinstance(result, tuple) and result and isinstance(result[-1], Changes):
        return result[-1]
    raise TypeError(f"a write must return its Changes, not {type(result).__name__}")
