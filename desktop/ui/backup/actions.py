"""The window's "Back up data…" and "Restore from backup…": ask for the file, work off the UI thread, report.

Restoring replaces the open profile's store in place (the current one is kept as a .bak beside
it), after a confirmation that says what the backup holds; the window then reloads everything
from the restored store and the user signs in again, the restored laptop being a new device.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from desktop.services.backup import (
    BackupError,
    BackupSummary,
    Manifest,
    RestoreSummary,
    inspect_backup,
)
from desktop.services.backup import is_encrypted as is_encrypted_backup
from desktop.services.changes import ALL, Changes
from desktop.ui.backup.files import (
    after_restore_text,
    choose_backup_source,
    choose_backup_target,
    contents_text,
    refused_text,
)
from desktop.ui.backup.progress_dialog import BackupProgressDialog
from desktop.ui.shell.context import AppContext
from desktop.ui.widgets.passphrase_dialog import ask_backup_passphrase


class BackupActions(QObject):
    """Owns ``backup_action`` and ``restore_action`` for the File menu. ``choose_target(parent,
    suggested_name)`` and ``choose_source(parent)`` ask for the file, ``ask_passphrase(parent, new)``
    for the backup's passphrase (the dialogs; a test may answer instead). The last message box and progress dialog stay reachable for tests.
    ``restored(summary)`` after the window was reloaded on a restored store."""

    restored = Signal(object)

    def __init__(self, ctx: AppContext, window: QMainWindow):
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self.service = ctx.backup
        self.choose_target = choose_backup_target
        self.choose_source = choose_backup_source
        self.ask_passphrase = ask_backup_passphrase
        self.message_box: QMessageBox | None = None
        self.progress_dialog: BackupProgressDialog | None = None
        self.backup_action = QAction(self.tr("&Back up data…"), self, triggered=self.back_up)
        self.backup_action.setToolTip(self.tr("Save all records and photos into one file, e.g. on a USB stick"))
        self.restore_action = QAction(self.tr("&Restore from backup…"), self, triggered=self.restore)

    # --- back up ------------------------------------------------------------------------------

    def back_up(self) -> None:
        self.ctx.runner.run(self.service.suggested_file_name, on_success=self._ask_target, label="backup name",
                            owner=self)

    def _ask_target(self, suggested_name: str) -> None:
        target = self.choose_target(self.window, suggested_name)
        if target is None:
            return
        passphrase = self.ask_passphrase(self.window, True)
        if passphrase is None:
            return
        self._set_enabled(False)
        progress = self._progress(self.tr("Backing up your data…"))
        self.ctx.runner.run(lambda: self.service.back_up(target, passphrase, progress.relay.progressed.emit),
                            on_success=self._backed_up, on_failure=self._failed, label="backup", owner=self)

    def _backed_up(self, summary: BackupSummary) -> None:
        self._done()
        size = f"{summary.size / 1e6:.1f} MB"
        text = self.tr("The backup is saved as %1 (%2).").replace("%1", str(summary.path)).replace("%2", size)
        text += "\n\n" + contents_text(summary.manifest)
        if summary.missing_files:
            missing = self.tr("%1 photos were not on this laptop and are not in the backup; a sync downloads "
                              "them again if the server has them.")
            text += "\n\n" + missing.replace("%1", str(summary.missing_files))
        text += "\n\n" + self.tr("Keep it somewhere other than this laptop, for example on a USB stick.")
        self._show(QMessageBox.Icon.Information, self.tr("Backup saved"), text)

    # --- restore ------------------------------------------------------------------------------

    def restore(self) -> None:
        if getattr(self.window, "forms", None) is not None and self.window.forms.forms:
            self._show(QMessageBox.Icon.Information, self.tr("Restore from backup"),
                       self.tr("Close the open forms first, then restore."))
            return
        source = self.choose_source(self.window)
        if source is None:
            return
        passphrase = self.ask_passphrase(self.window, False) if is_encrypted_backup(source) else None
        if passphrase is None and is_encrypted_backup(source):
            return
        self.ctx.runner.run(lambda: inspect_backup(source, passphrase),
                            on_success=lambda m: self._confirm(source, passphrase, m),
                            on_failure=self._failed, label="read backup", owner=self)

    def _confirm(self, source: Path, passphrase: str | None, manifest: Manifest) -> None:
        text = (self.tr("Replace all data on this laptop with the backup %1?").replace("%1", source.name)
                + "\n\n" + contents_text(manifest) + "\n\n"
                + self.tr("The current data is kept as a .bak file in %1. Changes not synced since the "
                          "backup was made are lost unless the server has them.")
                .replace("%1", str(self.ctx.profile.folder)))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore from backup"), text,
                          QMessageBox.StandardButton.Cancel, self.window)
        destructive = QMessageBox.ButtonRole.DestructiveRole
        box.addButton(self.tr("Replace with the backup"), destructive)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self._start_restore(source, passphrase)
                                  if box.buttonRole(button) == destructive else None)
        self.message_box = box
        box.open()

    def _start_restore(self, source: Path, passphrase: str | None) -> None:
        sync = getattr(self.window, "sync", None)
        if sync is not None:
            sync.shutdown()  # no sync may touch the store while it is replaced
        self._set_enabled(False)
        progress = self._progress(self.tr("Restoring from the backup…"))
        service, identity = self.service, self.ctx.profile.identity
        credentials = self.ctx.sync_service().credentials

        def work() -> tuple[RestoreSummary, object, Changes]:
            summary = service.restore(source, passphrase, replace=True, progress=progress.relay.progressed.emit,
                                      credentials=credentials)
            return summary, identity.current(), ALL  # the store was replaced: everything changed

        self.ctx.runner.write(work, self, on_success=self._restored, on_failure=self._restore_failed,
                              label="restore", owner=self)

    def _restored(self, result: tuple[RestoreSummary, object, Changes]) -> None:
        summary, identity, _changes = result
        self._done()
        if identity is not None:
            self.ctx.set_identity(identity)
        self._restart_sync()
        text = (self.tr("Your data was restored from the backup.") + "\n\n" + contents_text(summary.manifest)
                + "\n\n" + after_restore_text(summary.handover.old_device_id))
        if summary.previous_store is not None:
            text += "\n\n" + self.tr("The data it replaced is kept as %1.").replace("%1", str(summary.previous_store))
        self._show(QMessageBox.Icon.Information, self.tr("Restored"), text)
        self.restored.emit(summary)

    def _restore_failed(self, error: BaseException) -> None:
        self._restart_sync()
        self._failed(error)

    def _restart_sync(self) -> None:
        sync = getattr(self.window, "sync", None)
        if sync is not None:
            sync.start()

    # --- common -------------------------------------------------------------------------------

    def _failed(self, error: BaseException) -> None:
        self._done()
        if isinstance(error, BackupError):
            self._show(QMessageBox.Icon.Warning, self.tr("Backup"), refused_text(error))
        else:
            self.ctx.runner.report(error, "backup")

    def _progress(self, label: str) -> BackupProgressDialog:
        dialog = BackupProgressDialog(label, self.window)
        self.progress_dialog = dialog
        dialog.show()
        return dialog

    def _done(self) -> None:
        self._set_enabled(True)
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _set_enabled(self, enabled: bool) -> None:
        self.backup_action.setEnabled(enabled)
        self.restore_action.setEnabled(enabled)

    def _show(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        self.message_box = box
        box.open()
        return box
