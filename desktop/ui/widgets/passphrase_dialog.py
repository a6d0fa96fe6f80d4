"""PassphraseDialog: asks for a passphrase — the data folder's at start, or a backup's — twice when it is new."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.services.store_lock import MIN_PASSPHRASE


class PassphraseDialog(QDialog):
    """``passphrase()`` once accepted. A new passphrase is typed twice and must be long enough;
    OK stays disabled until it is."""

    def __init__(self, title: str, text: str, *, new: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.new = new
        layout = QFormLayout(self)
        explanation = QLabel(text, self)
        explanation.setWordWrap(True)
        layout.addRow(explanation)
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addRow(self.tr("Passphrase:"), self.first)
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            layout.addRow(self.tr("Again:"), self.second)
        else:  # unlocking asks once; outside the layout the field would sit over the explanation
            self.second.hide()
        self.problem = QLabel(self)
        layout.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addRow(self.buttons)
        self.first.textChanged.connect(self._check)
        self.second.textChanged.connect(self._check)
        self._check()

    def passphrase(self) -> str:
        return self.first.text()

    def _check(self) -> None:
        problem = ""
        if self.new and len(self.first.text()) < MIN_PASSPHRASE:
            problem = self.tr("At least %1 characters.").replace("%1", str(MIN_PASSPHRASE))
        elif self.new and self.second.text() != self.first.text():
            problem = self.tr("The two passphrases differ.")
        elif not self.first.text():
            problem = " "
        self.problem.setText(problem.strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)


def ask_passphrase(parent: QWidget | None, title: str, text: str, *, new: bool) -> str | None:
    """The passphrase typed, or None when the user cancels."""
    dialog = PassphraseDialog(title, text, new=new, parent=parent)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_store_passphrase(new: bool, retry: bool) -> str | None:
    """The data folder's passphrase at start (this computer keeps no key store)."""
    dialog = PassphraseDialog(
        PassphraseDialog.tr("Unlock Fieldbook") if not new else PassphraseDialog.tr("Protect your data"),
        (PassphraseDialog.tr("That passphrase did not open your data. Try again.") + "\n" if retry else "")
        + (PassphraseDialog.tr("This computer has no secure key store, so your records are encrypted with a "
                               "passphrase. Choose one and keep it safe: without it the data cannot be read.")
           if new else PassphraseDialog.tr("Type the passphrase of your Fieldbook data.")),
        new=new)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_backup_passphrase(parent: QWidget | None, new: bool) -> str | None:
    """The passphrase to encrypt a backup with (``new``), or the one that opens it."""
    title = PassphraseDialog.tr("Backup passphrase")
    text = (PassphraseDialog.tr("The backup is encrypted. Choose a passphrase for it; it is asked for when the "
                                "backup is restored, and without it the backup cannot be read.")
            if new else PassphraseDialog.tr("Type the passphrase chosen when this backup was made."))
    return ask_passphrase(parent, title, text, new=new)
