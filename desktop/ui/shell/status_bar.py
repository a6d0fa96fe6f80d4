"""The status bar: who is signed in, whether the server answers (or none is set), changes waiting
to sync, the last sync.

The network light is the server's, learnt by the sync module (its health check, a sign-in, a
sync), not the operating system's idea of a network: a laptop on a township's Wi-Fi whose server
cannot be reached is offline for Fieldbook, and reading the OS's view would ship Qt's network
library and its Kerberos dependencies (about 5 MB of the package) for a light that can mislead."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from desktop.services import vocabulary
from desktop.services.identity import SPECIALIST_TYPES
from desktop.services.sync_status import SyncStatus
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import local_time_text, vocab


class SyncStatusBar(QStatusBar):
    """``refresh()`` re-reads the sync status on the worker; the sync UI may call ``set_online``,
    ``set_server``, ``show_identity`` and ``show_attention``; the conflicts badge emits ``conflicts_requested``."""

    conflicts_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.user_label = QLabel(self)
        self.user_label.setObjectName("status_user")
        self.network_label = QLabel(self)
        self.network_label.setObjectName("status_network")
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("status_pending")
        self.last_sync_label = QLabel(self)
        self.last_sync_label.setObjectName("status_last_sync")
        self.conflicts_button = QPushButton(self)
        self.conflicts_button.setObjectName("status_conflicts")
        self.conflicts_button.setFlat(True)
        self.conflicts_button.setStyleSheet("color: #b00020; font-weight: bold; padding: 0 8px;")
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        self.conflicts_button.hide()
        self.addPermanentWidget(self.conflicts_button)
        for label in (self.user_label, self.network_label, self.pending_label, self.last_sync_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.setStyleSheet("QStatusBar::item { border: none; border-left: 1px solid palette(mid); }")
        self.show_identity()
        self._online: bool | None = None  # None until the sync module has heard from the server
        self._server_url = ctx.settings.server_url
        self._show_network()
        self.status: SyncStatus | None = None

    def show_identity(self) -> None:
        identity = self.ctx.identity
        kind = vocab(SPECIALIST_TYPES, identity.specialist_type) if identity.specialist_type in SPECIALIST_TYPES \
            else vocab(vocabulary.ROLES, identity.role)
        self.user_label.setText(self.tr("Signed in: %1 (%2)").replace("%1", identity.display_name).replace("%2", kind)
                                if identity.display_name else self.tr("Not set up"))

    def show_attention(self, conflicts: int, set_aside: int = 0) -> None:
        """The badge of open conflicts and of pulled records set aside, hidden when there are none.
        (Refused changes are told in the sync summary and listed in the conflicts window: they stay
        listed, so they would never clear. Set-aside records clear once a sync stores them.)"""
        parts = [self.tr("%n conflict(s)", "", conflicts)] if conflicts else []
        if set_aside:
            parts.append(self.tr("%n received record(s) set aside", "", set_aside))
        self.conflicts_button.setText(" · ".join(parts))
        self.conflicts_button.setVisible(bool(parts))

    def set_online(self, online: bool | None) -> None:
        """What the sync module learnt by talking to the server; None when it has not asked yet."""
        self._online = online
        self._show_network()

    def set_server(self, server_url: str | None) -> None:
        """The server this profile syncs with (from its linked account), or None."""
        self._server_url = server_url or self.ctx.settings.server_url
        self._show_network()

    def is_online(self) -> bool:
        return self._online is True

    def refresh(self) -> None:
        service = self.ctx.sync_status
        self.ctx.runner.run(service.status, on_success=self.show_status, label="sync status")

    def _show_network(self) -> None:
        # Without a server "online" would promise a sync that cannot happen; once sync has tried
        # one (a sign-in), what it learnt is told instead.
        if not self._server_url and self._online is None:
            self.network_label.setText(self.tr("No server set"))
            self.network_label.setToolTip(self.tr("Use Sync → Sign in to the server… to link this laptop to one."))
        elif self._online is None:
            self.network_label.setText(self.tr("Server not checked yet"))
            self.network_label.setToolTip(self.tr("Fieldbook asks the server once you are signed in; "
                                                  "Sync → Sync now asks at once."))
        else:
            self.network_label.setText(self.tr("Online") if self._online else self.tr("Offline"))
            self.network_label.setToolTip("" if self._online else self.tr("The server did not answer: changes wait "
                                                                           "on this laptop until it does."))

    def show_status(self, status: SyncStatus) -> None:
        """Changes waiting and the last sync (from ``refresh()``, or from the sync overview at start)."""
        self.status = status
        self.pending_label.setText(self.tr("%n change(s) waiting to sync", "", status.pending_changes)
                                   if status.pending_changes else self.tr("All changes synced"))
        self.last_sync_label.setText(self.tr("Last sync: %1").replace("%1", local_time_text(status.last_sync_at))
                                     if status.last_sync_at else self.tr("Never synced"))
