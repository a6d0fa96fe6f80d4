"""The window's 同步 menu and toolbar: sign in, sync now, conflicts; wires the sync controller to the status bar."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from desktop.services.changes import Changes
from desktop.services.sync_service import SyncOverview
from desktop.services.sync_status import SyncStatus
from desktop.ui.sync.bundle_actions import BundleActions
from desktop.ui.sync.conflict_edit_dialog import ConflictEditDialog
from desktop.ui.sync.conflicts_dialog import ConflictsDialog
from desktop.ui.shell.context import AppContext
from desktop.ui.sync.sign_in_dialog import SignInDialog
from desktop.ui.shell.status_bar import SyncStatusBar
from desktop.ui.sync.controller import HEALTH_INTERVAL_MS, SyncController
from desktop.ui.sync.messages import summary_text
from desktop.ui.sync.progress_dialog import SyncProgressDialog
from sync.client.report import SyncReport


class SyncActions(QObject):
    """Owns the window's ``controller`` and the dialogs it opens (``sign_in_dialog``,
    ``progress_dialog``, ``conflicts_dialog``: the last of each, for tests and screenshots).
    Listens to the change bus (a resolved conflict, a saved record can change the badge); the window
    must call ``start()`` and ``shutdown()``."""

    def __init__(self, ctx: AppContext, window: QMainWindow, status: SyncStatusBar,
                 health_interval_ms: int = HEALTH_INTERVAL_MS):
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.status = status
        self.controller = SyncController(ctx, self, health_interval_ms)
        self.sign_in_dialog: SignInDialog | None = None
        self.progress_dialog: SyncProgressDialog | None = None
        self.conflicts_dialog: ConflictsDialog | None = None

        self.menu = QMenu(self.tr("S&ync"), window)
        self.sync_action = QAction(self.tr("&Sync now"), self, triggered=self.sync_now)
        self.sync_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_R))
        self.sync_action.setToolTip(self.tr("Send your changes to the server and receive the others' (Ctrl+R)"))
        self.sign_in_action = QAction(self.tr("Sign &in to the server…"), self, triggered=self.open_sign_in)
        self.sign_out_action = QAction(self.tr("Sign &out"), self, triggered=self.controller.sign_out)
        self.conflicts_action = QAction(self.tr("&Conflicts and refused changes…"), self,
                                        triggered=self.open_conflicts)
        for action in (self.sync_action, self.sign_in_action, self.sign_out_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.conflicts_action)
        self.bundles = BundleActions(ctx, window, self.menu)
        toolbar = QToolBar(self.tr("Sync"), window)
        toolbar.setObjectName("sync_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.sync_action)
        toolbar.addAction(self.conflicts_action)
        window.addToolBar(toolbar)

        c = self.controller
        c.signed_in_changed.connect(self._show_signed_in)
        c.online_changed.connect(status.set_online)
        c.overview_loaded.connect(self._show_overview)
        c.sync_started.connect(self._started)
        c.sync_finished.connect(self._finished)
        status.conflicts_requested.connect(self.open_conflicts)
        ctx.runner.changed.connect(self._changed)
        self._show_signed_in(False)

    def start(self) -> None:
        self.controller.start()

    def shutdown(self) -> None:
        self.controller.shutdown()

    def _changed(self, changes: Changes, initiator: object) -> None:
        """Changes made elsewhere (a resolved conflict, a saved record) can change the badge; a
        conflict resolved here is sent at once when the server is there."""
        if changes.identity:
            self.status.show_identity()
        if changes.conflicts or changes.identity:
            self.controller.refresh_overview()
        if (changes.conflicts and isinstance(initiator, (ConflictsDialog, ConflictEditDialog))
                and self.controller.signed_in and self.controller.online):
            self.controller.sync_now(automatic=True)  # the choice reaches the others without waiting

    # --- actions ------------------------------------------------------------------------------

    def open_sign_in(self) -> SignInDialog:
        overview = self.controller.overview
        dialog = SignInDialog(self.controller, (overview and overview.server_url) or self.ctx.settings.server_url,
                              (overview and overview.username) or "", self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.sign_in_dialog = dialog
        dialog.open()
        return dialog

    def sync_now(self) -> SyncProgressDialog | SignInDialog | None:
        """Sync with a progress dialog; not signed in yet, the sign-in dialog comes first."""
        if not self.controller.signed_in:
            return self.open_sign_in()
        if self.controller.syncing:  # an automatic sync is running: it ends in the status bar
            return None
        dialog = SyncProgressDialog(self.controller, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.progress_dialog = dialog
        self.controller.sync_now()
        dialog.open()
        return dialog

    def open_conflicts(self) -> ConflictsDialog:
        dialog = ConflictsDialog(self.ctx, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.conflicts_dialog = dialog
        dialog.reload()
        dialog.open()
        return dialog

    # --- state --------------------------------------------------------------------------------

    def _show_signed_in(self, signed_in: bool) -> None:
        self.sign_out_action.setEnabled(signed_in)

    def _show_overview(self, overview: SyncOverview) -> None:
        # The overview holds the status bar's figures too: read once at start, not twice.
        self.status.show_status(SyncStatus.of(overview.pending_changes, overview.last_sync_at))
        self.status.show_attention(len(overview.open_conflicts), len(overview.set_aside))
        self.status.set_server(overview.server_url)
        dialog = self.conflicts_dialog
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
            dialog.reload()

    def _started(self, automatic: bool) -> None:
        self.sync_action.setEnabled(False)
        self.status.showMessage(self.tr("Syncing automatically…") if automatic else self.tr("Syncing…"))

    def _finished(self, report: SyncReport) -> None:
        self.sync_action.setEnabled(True)
        self.status.showMessage(summary_text(report).splitlines()[0], 15000)
