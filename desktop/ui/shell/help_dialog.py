"""The user guide, offline: resources/help/guide_<language>.html shown in a QTextBrowser."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop.ui.shell.i18n import DEFAULT_LANGUAGE, LANGUAGES
from desktop.ui.widgets.screen_fit import fit_to_screen
from resources import resource_path


def guide_path(language: str):
    return resource_path("help", f"guide_{language if language in LANGUAGES else DEFAULT_LANGUAGE}.html")


class HelpDialog(QDialog):
    """A short guide in the UI's language; its links jump within it and nothing is fetched."""

    def __init__(self, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help_browser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)
        path = guide_path(language)
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(close)
        fit_to_screen(self, 760, 640)
