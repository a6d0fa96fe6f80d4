"""The dialog for errors nobody expected: a plain message plus the details to send to support."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class ErrorDialog(QMessageBox):
    """Shown (non-blocking) for an unexpected failure; the traceback sits under "Show Details"."""

    def __init__(self, error: BaseException, trace: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setText(self.tr("The last action could not be completed. Your saved records are safe."))
        self.setInformativeText(self.tr("Error: %1").replace("%1", str(error) or type(error).__name__))
        self.setDetailedText(trace)
        self.setStandardButtons(QMessageBox.StandardButton.Close)
