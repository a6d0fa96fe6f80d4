"""Runs sign-in, sync and the server health check on the network worker, and syncs by itself when
the server comes back."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services.changes import Changes
from desktop.services.sync_service import SignInResult, SyncOverview, SyncService
from desktop.ui.shell.context import AppContext
from sync.client.report import SyncReport
from sync.client.errors import SyncError, SyncErrorKind

#: How often the server is asked whether it is there, while signed in and not syncing.
HEALTH_INTERVAL_MS = 60_000


class _ProgressRelay(QObject):
    """Lives on the UI thread; the worker emits through it, so progress arrives queued."""

    progressed = Signal(object)


class SyncController(QObject):
    """The window's sync: ``sign_in``, ``sync_now`` / ``cancel``, and a health timer.

    Signals: ``sign_in_finished(SignInResult)`` / ``sign_in_failed(SyncError)``, ``sync_started(automatic)``,
    ``sync_progressed(SyncProgress)``, ``sync_finished(SyncReport)``, ``online_changed(bool)``,
    ``signed_in_changed(bool)`` and ``overview_loaded(SyncOverview)``. Sign-in, sign-out and sync
    are writes: what they changed reaches the views on the bus (``ctx.runner.changed``), initiator
    this controller. Network calls go to ``ctx.network_runner()``, reads of the store to ``ctx.runner``.
    """

    sign_in_finished = Signal(object)
    sign_in_failed = Signal(object)
    signed_in_changed = Signal(bool)
    sync_started = Signal(bool)
    sync_progressed = Signal(object)
    sync_finished = Signal(object)
    online_changed = Signal(bool)
    overview_loaded = Signal(object)

    def __init__(self, ctx: AppContext, parent: QObject | None = None, health_interval_ms: int = HEALTH_INTERVAL_MS):
        super().__init__(parent)
        self.ctx = ctx
        self.network = ctx.network_runner()
        self.signed_in = False
        self.online: bool | None = None  # None until the server was asked
        self.syncing = False
        self.overview: SyncOverview | None = None
        self._cancel = threading.Event()
        self._checking = False
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self.sync_progressed)
        self.health_timer = QTimer(self)
        self.health_timer.setInterval(health_interval_ms)
        self.health_timer.timeout.connect(self.check_server)

    @property
    def service(self) -> SyncService:
        """The profile's sync service, made on first use: the first is the start's overview, on the
        store's worker, so the window is up before the sync engine and its libraries are loaded."""
        return self.ctx.sync_service()

    def start(self) -> None:
        """Learn whether a token is at hand (on the worker), then start watching the server."""
        self.refresh_overview()

    # --- sign in ------------------------------------------------------------------------------

    def sign_in(self, server_url: str, username: str, password: str, activation_code: str | None = None) -> None:
        """Ends in ``sign_in_finished(SignInResult)`` or ``sign_in_failed(SyncError)``; with an activation
        code it is a new account's first sign-in, setting ``password`` as its password."""
        def failed(error: BaseException) -> None:
            if not isinstance(error, SyncError):
                self.network.report(error, "sign in")
                error = SyncError(SyncErrorKind.PROTOCOL, detail=str(error))
            elif error.kind == SyncErrorKind.OFFLINE:
                self._set_online(False)
            self.sign_in_failed.emit(error)

        identities = self.ctx.profile.identity

        def call() -> tuple[SignInResult, object, Changes]:
            result, changes = self.service.sign_in(server_url, username, password, activation_code=activation_code)
            return result, identities.current(), changes

        def done(outcome: tuple[SignInResult, object, Changes]) -> None:
            result, identity, _changes = outcome
            self.ctx.settings.server_url = server_url
            self._set_online(True)
            if identity is not None:  # the first-run user became the server account: new records are its
                self.ctx.set_identity(identity)
            self.refresh_overview()
            self.sign_in_finished.emit(result)

        self.network.write(call, self, on_success=done, on_failure=failed, label="sign in", owner=self)

    def sign_out(self) -> None:
        self.ctx.runner.write(self.service.sign_out, self, on_success=lambda _c: self.refresh_overview(),
                              label="sign out", owner=self)

    # --- sync ---------------------------------------------------------------------------------

    def sync_now(self, *, automatic: bool = False) -> bool:
        """Start a sync unless one is running; returns whether it started."""
        if self.syncing:
            return False
        self.syncing = True
        self._cancel.clear()
        self.health_timer.stop()
        self.sync_started.emit(automatic)
        relay = self._relay
        self.network.write(lambda: self.service.sync_now(relay.progressed.emit, self._cancel.is_set), self,
                           on_success=self._sync_done, on_failure=self._sync_failed, label="sync", owner=self)
        return True

    def cancel(self) -> None:
        """Ask the running sync to stop before its next request; what was done stays done."""
        self._cancel.set()

    def _sync_done(self, outcome: tuple[SyncReport, Changes]) -> None:
        report, _changes = outcome
        self.syncing = False
        error = report.error
        self._set_online(error is None or error.kind != SyncErrorKind.OFFLINE)
        if error is not None and error.kind in (SyncErrorKind.AUTH, SyncErrorKind.REVOKED):
            self._set_signed_in(False)  # the service forgot the token: the user must sign in again
        self.sync_finished.emit(report)
        self.refresh_overview()

    def _sync_failed(self, error: BaseException) -> None:
        self.syncing = False
        self.network.report(error, "sync")
        report = SyncReport(error=error if isinstance(error, SyncError) else SyncError(SyncErrorKind.PROTOCOL))
        self.sync_finished.emit(report)
        self.refresh_overview()

    # --- overview and health ------------------------------------------------------------------

    def refresh_overview(self) -> None:
        self.ctx.runner.run(lambda: self.service.overview(), on_success=self._show_overview, label="sync overview",
                            owner=self)

    def _show_overview(self, overview: SyncOverview) -> None:
        self.overview = overview
        self._set_signed_in(overview.signed_in)
        self.overview_loaded.emit(overview)

    def _set_signed_in(self, signed_in: bool) -> None:
        changed = signed_in != self.signed_in
        self.signed_in = signed_in
        if signed_in and not self.syncing and not self.health_timer.isActive():
            self.health_timer.start()
        elif not signed_in:
            self.health_timer.stop()
        if changed:
            self.signed_in_changed.emit(signed_in)
        if changed and signed_in and self.online is None:
            self.check_server()  # the status bar's light: at once, not after the first interval

    def check_server(self) -> None:
        """Ask the server's health check on the network worker; back online starts a sync."""
        if self._checking or self.syncing or not self.signed_in:
            return
        self._checking = True
        self.network.run(lambda: self.service.server_reachable(), on_success=self._server_checked,
                         on_failure=lambda _e: self._server_checked(False), label="health check", owner=self)

    def _server_checked(self, reachable: bool) -> None:
        self._checking = False
        came_back = reachable and self.online is False
        self._set_online(reachable)
        if came_back and self.signed_in:
            self.sync_now(automatic=True)

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)
        if not self.syncing and self.signed_in and not self.health_timer.isActive():
            self.health_timer.start()

    def shutdown(self, wait_ms: int = 10000) -> None:
        """On quit: no more checks, the running sync stops at its next request, the worker drains."""
        self.health_timer.stop()
        self._cancel.set()
        self.network.wait_idle(wait_ms)
