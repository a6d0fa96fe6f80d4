"""The dialog of a sync the user started: the phase and counts while it runs, a Cancel button, then a summary."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from desktop.ui.sync.controller import SyncController
from desktop.ui.sync.messages import progress_text, summary_text
from sync.client.report import SyncProgress, SyncReport


class SyncProgressDialog(QDialog):
    """Follows ``controller``'s running sync. Cancel asks the sync to stop before its next request
    (nothing done is undone); when the sync ends the dialog shows its summary and a Close button."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.report: SyncReport | None = None
        self.setWindowTitle(self.tr("Sync"))
        self.setMinimumWidth(440)
        self.phase = QLabel(self.tr("Connecting to the server…"), self)
        self.phase.setObjectName("phase")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until a phase knows its total
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.phase)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        controller.sync_progressed.connect(self.show_progress)
        controller.sync_finished.connect(self.show_summary)

    def show_progress(self, progress: SyncProgress) -> None:
        self.phase.setText(progress_text(progress))
        if progress.total:
            self.bar.setRange(0, progress.total)
            self.bar.setValue(min(progress.done, progress.total))
        else:
            self.bar.setRange(0, 0)

    def show_summary(self, report: SyncReport) -> None:
        self.report = report
        self.phase.hide()  # the summary's first line says how it ended
        self.bar.hide()
        self.summary.setText(summary_text(report))
        self.summary.show()
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.adjustSize()

    def _cancel(self) -> None:
        self.controller.cancel()
        self.cancel_button.setEnabled(False)
        self.phase.setText(self.tr("Stopping after the current step…"))

    def reject(self) -> None:  # Esc or the window's close button while running: cancel, keep showing
        if self.report is None:
            self._cancel()
        else:
            super().reject()
