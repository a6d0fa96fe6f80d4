"""The warning shown before saving a household that looks like one already registered."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.domain.records import Household
from desktop.services import vocabulary
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import vocab


class DuplicateHouseholdDialog(QDialog):
    """Lists the likely duplicates; the user opens one (``open_requested(id)``), saves anyway, or goes
    back; with ``can_merge`` (a station manager) also saves, then merges (``merge_requested``)."""

    open_requested = Signal(str)
    save_anyway_requested = Signal()
    merge_requested = Signal()

    def __init__(self, duplicates: list[Household], ctx: AppContext, parent: QWidget | None = None, *,
                 can_merge: bool = False):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Possible duplicate"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        intro = QLabel(self.tr("These households have the same phone number, or the same name in the same "
                               "village. Colleagues may have registered them already."), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("duplicates")
        self.list.setWordWrap(True)
        for h in duplicates:
            village = ctx.reference.division(h.village_code)
            text = " · ".join(filter(None, (h.name, vocab(vocabulary.HOUSEHOLD_KINDS, h.kind), h.phone,
                                            village.path if village else h.village_code)))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, h.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self._open())
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(self.tr("Open the existing one"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button = buttons.addButton(self.tr("Save as a new household"),
                                             QDialogButtonBox.ButtonRole.DestructiveRole)
        self.merge_button = buttons.addButton(self.tr("Save, then merge…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.setVisible(can_merge)
        self.merge_button.clicked.connect(self._merge)
        self.back_button = buttons.addButton(self.tr("Go back and edit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open)
        self.save_button.clicked.connect(self._save_anyway)
        self.back_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(640, 320)

    def _open(self) -> None:
        item = self.list.currentItem()
        self.accept()
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _merge(self) -> None:
        self.accept()
        self.merge_requested.emit()

    def _save_anyway(self) -> None:
        self.accept()
        self.save_anyway_requested.emit()
