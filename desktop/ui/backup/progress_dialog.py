"""A small modal progress dialog for a backup or restore running on the database worker."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class ProgressRelay(QObject):
    """Lives on the UI thread; the worker calls ``progressed.emit(done, total)``, delivered queued."""

    progressed = Signal(int, int)


class BackupProgressDialog(QProgressDialog):
    """Busy until the work reports a total; it cannot be cancelled (a backup is written whole or not at
    all, and a restore is not undone half-way). The caller closes it when the work ends."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(label, "", 0, 0, parent)
        self.setWindowTitle(self.tr("Fieldbook"))
        self.setCancelButton(None)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(self._show)

    def _show(self, done: int, total: int) -> None:
        self.setMaximum(total)
        self.setValue(done)
