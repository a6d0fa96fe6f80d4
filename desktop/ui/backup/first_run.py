"""The first-run dialog's "Restore from a backup…": a new laptop gets its data back instead of starting empty."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget

from desktop.services.backup import BackupError, RestoreSummary, is_encrypted, restore_into_open_store
from desktop.ui.widgets.passphrase_dialog import ask_backup_passphrase
from desktop.services.identity import Identity, IdentityService
from desktop.ui.backup.files import after_restore_text, choose_backup_source, contents_text, refused_text
from desktop.ui.backup.progress_dialog import BackupProgressDialog
from desktop.ui.shell.operations import OperationRunner


class FirstRunRestore(QObject):
    """Owns ``button`` and ``result`` (a label saying what was restored) for the dialog to place.
    The profile is still empty, so nothing is replaced; a refused file changes nothing and says why.
    ``restored(identity)`` once the store is the backup's (identity None if the backup has no user
    yet). ``choose_source(parent)`` asks for the file (the file dialog; a test may answer instead)."""

    restored = Signal(object)

    def __init__(self, identity: IdentityService, runner: OperationRunner, dialog: QWidget):
        super().__init__(dialog)
        self._identity = identity
        self._runner = runner
        self._dialog = dialog
        self.choose_source = choose_backup_source
        self.ask_passphrase = ask_backup_passphrase
        self.message_box: QMessageBox | None = None
        self.progress_dialog: BackupProgressDialog | None = None
        self.button = QPushButton(self.tr("Restore from a backup…"), dialog)
        self.button.setObjectName("restore_from_backup")
        self.button.setToolTip(self.tr("A new laptop: bring back your records and photos from a backup file"))
        self.button.clicked.connect(self.restore)
        self.result = QLabel(dialog)
        self.result.setObjectName("restore_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()

    def restore(self) -> None:
        source = self.choose_source(self._dialog)
        if source is None:
            return
        passphrase = None
        if is_encrypted(source):
            passphrase = self.ask_passphrase(self._dialog, False)
            if passphrase is None:
                return
        self.button.setEnabled(False)
        progress = BackupProgressDialog(self.tr("Restoring from the backup…"), self._dialog)
        self.progress_dialog = progress
        progress.show()
        service = self._identity

        def work() -> tuple[RestoreSummary, Identity | None]:
            summary = restore_into_open_store(service.store, source, passphrase,
                                              progress=progress.relay.progressed.emit)
            return summary, service.current()

        self._runner.run(work, on_success=self._done, on_failure=self._failed, label="restore on first run",
                         owner=self)

    def _done(self, result: tuple[RestoreSummary, Identity | None]) -> None:
        summary, identity = result
        self._close_progress()
        self.result.setText(self.tr("Your data was restored from the backup.") + " " + contents_text(summary.manifest)
                            + "\n\n" + after_restore_text(summary.handover.old_device_id))
        self.result.show()
        self.restored.emit(identity)

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        self.button.setEnabled(True)
        if not isinstance(error, BackupError):
            self._runner.report(error, "restore on first run")
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Restore from a backup"), refused_text(error),
                          QMessageBox.StandardButton.Ok, self._dialog)
        self.message_box = box
        box.open()

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
