"""After a crash or power cut: offer back the forms whose input was autosaved but never saved."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.services.drafts import DraftItem
from desktop.ui.shell.i18n import local_time_text


class DraftRestoreDialog(QDialog):
    """``restore_requested(list[DraftItem])`` for the ticked drafts, ``discard_requested`` for the others."""

    restore_requested = Signal(list)
    discard_requested = Signal(list)

    def __init__(self, drafts: list[DraftItem], parent: QWidget | None = None):
        super().__init__(parent)
        self._drafts = drafts
        self.setWindowTitle(self.tr("Unsaved forms found"))
        intro = QLabel(self.tr("Fieldbook was closed while these forms had input that was not saved. "
                               "Restore them to finish and save them?"), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("drafts")
        labels = {"visit": self.tr("Visit"), "training": self.tr("Training session"), "household": self.tr("Household"),
                  "demo_base": self.tr("Demonstration base"), "demo_project": self.tr("Demonstration project")}
        for n, draft in enumerate(drafts):
            kind = draft.form.split(":", 1)[0]
            when = local_time_text(draft.saved_at)
            item = QListWidgetItem(f"{labels.get(kind, kind)} · {self._describe(draft)} · {when}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, n)
            self.list.addItem(item)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = buttons.addButton(self.tr("Discard all"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.later_button = buttons.addButton(self.tr("Ask me later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self._restore)
        self.discard_button.clicked.connect(self._discard_all)
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(560, 320)

    @staticmethod
    def _describe(draft: DraftItem) -> str:
        record = draft.payload.get("record", {})
        return str(record.get("name") or record.get("topic") or record.get("problem", "")[:30]
                   or record.get("visit_date") or record.get("training_date") or "")

    def _restore(self) -> None:
        ticked, unticked = [], []
        for i in range(self.list.count()):
            item = self.list.item(i)
            draft = self._drafts[item.data(Qt.ItemDataRole.UserRole)]
            (ticked if item.checkState() == Qt.CheckState.Checked else unticked).append(draft)
        self.accept()
        if unticked:
            self.discard_requested.emit(unticked)
        self.restore_requested.emit(ticked)

    def _discard_all(self) -> None:
        self.accept()
        self.discard_requested.emit(list(self._drafts))
