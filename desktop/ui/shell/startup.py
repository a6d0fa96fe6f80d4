"""Opening the profile for the app: the start-up frame first, then the store (with its passphrase
prompt and first run), then the main window in the frame's place; or the self-test's one pass."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.ui.shell.settings import AppSettings
from desktop.ui.shell.startup_frame import StartupFrame

log = logging.getLogger(__name__)

#: A frame that is never painted (started minimised, say) still opens the data after this long.
UNPAINTED_MS = 500


class Startup(QObject):
    """``run(app)`` shows the frame and returns the app's exit code; the store and the libraries
    behind it (SQLAlchemy, the services, sync) are imported and opened only once the frame is on
    screen, on the UI thread (the passphrase and first-run dialogs are widgets)."""

    def __init__(self, args: argparse.Namespace, settings: AppSettings):
        super().__init__()
        self.args = args
        self.settings = settings
        self.frame: StartupFrame | None = None
        self.profile = None
        self.runner = None
        self.shell = None
        self._opening = False
        self._exit_code: int | None = None

    def run(self, app: QApplication) -> int:
        self.frame = StartupFrame(self.settings)
        self.frame.painted.connect(lambda: QTimer.singleShot(0, self._open))
        self.frame.show()
        QTimer.singleShot(UNPAINTED_MS, self._open)
        try:
            code = app.exec()
        finally:
            self.close()
        return code if self._exit_code is None else self._exit_code

    def self_test(self, started: float) -> int:
        """Open the store and the main window once, without the frame, and report (``--self-test``)."""
        from desktop.ui.shell.launch import self_test
        from desktop.ui.shell.operations import OperationRunner

        opened = self.open_profile()
        if isinstance(opened, int):
            return opened
        self.profile, self.runner = opened, OperationRunner()
        try:
            return self_test(self.profile, self.profile.identity.current(), self.runner, self.settings, started)
        finally:
            self.close()

    def open_profile(self):
        """The open profile, or the exit code after telling why it cannot be opened."""
        from desktop.profile import default_profile_dir, open_profile
        from desktop.services.store_lock import StoreLocked, set_passphrase_prompt
        from desktop.ui.widgets.passphrase_dialog import ask_store_passphrase

        # The command line wins, then $FIELDBOOK_PROFILE, then the folder chosen in Settings.
        chosen = None if os.environ.get("FIELDBOOK_PROFILE") else self.settings.data_folder
        folder = self.args.profile or chosen or default_profile_dir()
        if not getattr(self.args, "passphrase_stdin", False) and not os.environ.get("FIELDBOOK_PASSPHRASE"):
            set_passphrase_prompt(ask_store_passphrase)
        try:
            return open_profile(folder)
        except StoreLocked as locked:
            return _locked(locked, self_test=self.args.self_test)
        except Exception as exc:  # noqa: BLE001 - a store that cannot be opened is reported, not a traceback
            log.exception("cannot open the profile in %s", folder)
            return _cannot_open(folder, exc, self_test=self.args.self_test)

    def close(self) -> None:
        if self.runner is not None:
            self.runner.wait_idle()
        if self.profile is not None:
            self.profile.close()
            self.profile = None

    def _open(self) -> None:
        if self._opening:
            return
        self._opening = True
        opened = self.open_profile()
        if isinstance(opened, int):
            return self._quit(opened)
        from desktop.ui.shell.app_shell import AppShell
        from desktop.ui.shell.context import AppContext
        from desktop.ui.shell.operations import OperationRunner

        self.profile, self.runner = opened, OperationRunner()
        identity = self.profile.identity.current()
        if identity is None:
            from desktop.ui.shell.first_run_dialog import FirstRunDialog

            dialog = FirstRunDialog(self.profile.identity, self.profile.reference, self.runner)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.identity is None:
                return self._quit(0)
            identity = dialog.identity
        self.shell = AppShell(AppContext.create(self.profile, identity, self.runner, self.settings))
        self.shell.show()  # in the frame's place: the same saved geometry
        self.frame.close()
        self.frame.deleteLater()

    def _quit(self, code: int) -> None:
        self._exit_code = code
        self.frame.close()
        QApplication.exit(code)


def _locked(locked, *, self_test: bool) -> int:
    from desktop.services.store_lock import lock_message

    text = QCoreApplication.translate("StoreKey", lock_message(locked))
    if self_test:
        print(f"fieldbook self-test FAILED: {text}")
        return 1
    QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Launch", "Cannot open the data"), text).exec()
    return 6


def _cannot_open(folder: Path, error: Exception, *, self_test: bool) -> int:
    if self_test:
        print(f"fieldbook self-test FAILED: cannot open the store in {folder}: {error}")
        return 1
    text = QCoreApplication.translate("Launch", "Fieldbook cannot open its data folder %1. Backups of the "
                                                "store (*.bak) are kept in the same folder.").replace("%1", str(folder))
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Launch", "Cannot open the data"), text)
    box.setDetailedText(str(error))
    box.exec()
    return 1
