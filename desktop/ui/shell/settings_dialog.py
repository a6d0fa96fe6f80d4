"""Settings: user interface language, data folder and sync server address (kept in QSettings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.shell.settings import AppSettings

#: Language names are shown in their own language, so anyone can find theirs.
LANGUAGE_NAMES = {"zh_CN": "中文（简体）", "en": "English"}


class SettingsDialog(QDialog):
    """``language_changed(code)`` fires after OK when the language differs; the app retranslates."""

    language_changed = Signal(str)

    def __init__(self, settings: AppSettings, current_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.folder = QLineEdit(str(settings.data_folder or current_folder), self)
        self.folder.setObjectName("data_folder")
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        folder_note = QLabel(self.tr("A new data folder is used the next time Fieldbook starts. "
                                     "Records are not moved: copy the folder yourself if needed."), self)
        folder_note.setWordWrap(True)
        folder_note.setEnabled(False)
        self.server = QLineEdit(settings.server_url, self)
        self.server.setObjectName("server_url")
        self.server.setPlaceholderText("https://fieldbook.example.gov.cn")

        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Data folder"), folder_row)
        form.addRow("", folder_note)
        form.addRow(self.tr("Server address"), self.server)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 220)

    def accept(self) -> None:
        previous = self._settings.language
        language = self.language.currentData()
        self._settings.language = language
        folder = self.folder.text().strip()
        self._settings.data_folder = Path(folder) if folder else None
        self._settings.server_url = self.server.text()
        self._settings.sync()
        super().accept()
        if language != previous:
            self.language_changed.emit(language)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Data folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)
