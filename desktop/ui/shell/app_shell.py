"""Holds the open profile's main window and swaps it for a retranslated one when the language changes."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import install_language
from desktop.ui.shell.main_window import MainWindow


class AppShell(QObject):
    """Owns the main window. A language change rebuilds it: every string is set in one place (the
    constructors), so nothing can be left in the old language."""

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.window: MainWindow | None = None

    def show(self) -> MainWindow:
        self.window = self._build()
        self.window.show()
        self.window.start()
        return self.window

    def change_language(self, language: str) -> MainWindow:
        install_language(language)
        old = self.window
        window = self._build()
        if old is not None:
            old.save_geometry()
            window.restoreGeometry(old.saveGeometry())
            window.show_page(old.current_page_key())
            old.hide()
            old.deleteLater()
        self.window = window
        window.show()
        window.start()
        return window

    def _build(self) -> MainWindow:
        window = MainWindow(self.ctx)
        window.language_change_requested.connect(self.change_language)
        return window
