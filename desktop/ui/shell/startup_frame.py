"""The window shown the moment the app starts: the main window's frame with an empty list that says
the data is being opened, painted before the store and its libraries are loaded."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from desktop.ui.shell.navigation import navigation_list, window_title
from desktop.ui.shell.settings import AppSettings
from desktop.ui.widgets.screen_fit import fit_to_screen


class _LoadingList(QFrame):
    """The empty list area; tells its window when it was first painted."""

    painted = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("startup_list")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()


class StartupFrame(QMainWindow):
    """Same title, size, place and navigation as the main window; ``painted`` fires once it is on
    screen, so the slow part of start-up (opening the store) begins only then. It writes nothing:
    the main window keeps the geometry when it replaces the frame."""

    painted = Signal()

    def __init__(self, settings: AppSettings):
        super().__init__()
        self.setWindowTitle(window_title())
        self.nav = navigation_list(self)
        self.nav.setCurrentRow(0)
        self.nav.setEnabled(False)  # nothing to go to before the data is open
        self.list_area = _LoadingList(self)
        self.list_area.painted.connect(self.painted)
        self.message = QLabel(self.tr("Opening your data…"), self.list_area)
        self.message.setObjectName("startup_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner = QVBoxLayout(self.list_area)
        inner.addWidget(self.message)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.list_area, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(self.tr("Opening your data…"))
        geometry = settings.geometry("main_window")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        fit_to_screen(self, self.width(), self.height())

    def show_message(self, text: str) -> None:
        """What start-up is doing now (e.g. waiting for the passphrase)."""
        self.message.setText(text)
        self.statusBar().showMessage(text)
