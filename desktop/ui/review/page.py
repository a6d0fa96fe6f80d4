"""The 审核 page: the review queue and the team log as two tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.services.changes import Changes
from desktop.ui.shell.context import AppContext
from desktop.ui.review.queue import ReviewQueue
from desktop.ui.review.unlisted_industries_dialog import UnlistedIndustriesDialog
from desktop.ui.lists.team_log_page import TeamLogPage


class ReviewPage(QWidget):
    """``open_requested(type, id)`` asks the window to open a record's form (to fix a returned record,
    or from a member's timeline). Listens to the change bus (``ctx.runner.changed``) once, for both tabs."""

    open_requested = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        reviewer = ctx.identity.can_review
        heading = QLabel(self.tr("Review of the team's records") if reviewer else self.tr("My records under review"),
                         self)
        heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        self.unlisted_button: QPushButton | None = None
        if reviewer:
            self.unlisted_button = QPushButton(self.tr("Industries not in the list…"), self)
            self.unlisted_button.setObjectName("unlisted_industries")
            self.unlisted_button.clicked.connect(self.open_unlisted_industries)
            top.addWidget(self.unlisted_button)
        self.queue = ReviewQueue(ctx, self)
        self.team_log = TeamLogPage(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.queue, self.tr("Review queue") if reviewer else self.tr("Review state"))
        self.tabs.addTab(self.team_log, self.tr("Team log") if reviewer else self.tr("My log"))
        self.queue.edit_requested.connect(self.open_requested)
        self.team_log.open_requested.connect(self.open_requested)
        ctx.runner.changed.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._started = False
        self._ctx = ctx

    def open_unlisted_industries(self) -> UnlistedIndustriesDialog:
        """The free-text industries of the records, with counts, to map to the list."""
        dialog = UnlistedIndustriesDialog(self._ctx, self)
        dialog.setModal(True)
        dialog.show()
        return dialog

    def start(self) -> None:
        """First load (on the worker); the window calls it when the page is first shown."""
        if not self._started:
            self._started = True
            self.queue.start()
            self.team_log.start()

    def _changed(self, changes: Changes, _initiator: object) -> None:
        self.apply_changes(changes)

    def apply_changes(self, changes: Changes) -> None:
        if self._started:
            self.queue.apply_changes(changes)
            self.team_log.apply_changes(changes)
