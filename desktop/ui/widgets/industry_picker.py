"""Choosing an industry: the reference list, searchable by Chinese, pinyin or English, plus 其他 + text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QWidget

from desktop.domain.industries import IndustryCatalogue
from desktop.ui.shell.i18n import ui_is_english

_NAME_ROLE = Qt.ItemDataRole.UserRole
# The data of the 其他 item: the industry is then the text typed beside it.
OTHER = "\x00other"


class IndustryPicker(QWidget):
    """``value()`` is the chosen reference industry's (Chinese) name, the text typed beside 其他,
    or "" for none. Typing "rn", "rouniu", "肉牛" or "beef" in the combo offers 肉牛; text that
    names no industry is never dropped: leaving the field puts it beside 其他, as typed."""

    changed = Signal()

    def __init__(self, catalogue: IndustryCatalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalogue = catalogue
        self._english = ui_is_english()
        self.combo = QComboBox(self)
        self.combo.setObjectName("industry")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for item in catalogue.items:
            self.combo.addItem(item.display(self._english), item.name)
        self.combo.addItem(self.tr("Other (type it)"), OTHER)
        self.combo.setCurrentIndex(-1)
        self.combo.lineEdit().setPlaceholderText(self.tr("Type to search: 肉牛, rn or rouniu"))
        self._results = QStandardItemModel(self)
        self._completer = QCompleter(self._results, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.setWidget(self.combo.lineEdit())
        self._completer.activated[QModelIndex].connect(self._result_chosen)
        self.combo.setCompleter(None)
        self.combo.lineEdit().textEdited.connect(self._search_edited)
        self.combo.lineEdit().editingFinished.connect(self._settle_typed_text)
        self.combo.currentIndexChanged.connect(self._index_changed)
        self.other = QLineEdit(self)
        self.other.setObjectName("industry_other")
        self.other.setPlaceholderText(self.tr("Industry not in the list"))
        self.other.textEdited.connect(self.changed)
        self.other.setVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.other, 1)

    # --- public --------------------------------------------------------------------------

    def value(self) -> str:
        data = self.combo.currentData()
        if data == OTHER:
            return self.other.text().strip()
        if data and self.combo.currentText() == self.combo.itemText(self.combo.currentIndex()):
            return str(data)
        return self.combo.currentText().strip()  # typed, not settled yet: kept as typed

    def set_value(self, name: str) -> None:
        """Show a stored industry: a reference name selects it, any other text goes beside 其他."""
        self.blockSignals(True)
        index = self.combo.findData(name) if name else -1
        if index >= 0:
            self.combo.setCurrentIndex(index)
            self.other.clear()
        elif name:
            self.combo.setCurrentIndex(self.combo.findData(OTHER))
            self.other.setText(name)
        else:
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText("")
            self.other.clear()
        self.other.setVisible(self.combo.currentData() == OTHER)
        self.blockSignals(False)

    def search_results(self) -> list[str]:
        """What the search offers now, as shown."""
        return [self._results.item(r).text() for r in range(self._results.rowCount())]

    def choose_search_result(self, row: int) -> None:
        self._result_chosen(self._results.index(row, 0))

    # --- internals -----------------------------------------------------------------------

    def _search_edited(self, text: str) -> None:
        self._results.clear()
        if text.strip():
            for item in self.catalogue.search(text):
                shown = f"{item.name_en} ({item.name})" if self._english and item.name_en else item.name
                row = QStandardItem(shown)
                row.setData(item.name, _NAME_ROLE)
                row.setEditable(False)
                self._results.appendRow(row)
            other = QStandardItem(self.tr("Other: %1").replace("%1", text.strip()))
            other.setData(OTHER, _NAME_ROLE)
            other.setEditable(False)
            self._results.appendRow(other)
            self._completer.complete()
        else:
            self._completer.popup().hide()
        self.changed.emit()

    def _result_chosen(self, index: QModelIndex) -> None:
        name = index.data(_NAME_ROLE)
        typed = self.combo.currentText().strip()
        if name == OTHER:
            self.combo.setCurrentIndex(self.combo.findData(OTHER))
            self.other.setText(typed)
            self.other.setFocus()
        elif name:
            self.set_value(str(name))
        self.changed.emit()
        # The completer writes the chosen row's text into the line edit after this slot returns.
        QTimer.singleShot(0, self._show_current)

    def _show_current(self) -> None:
        if self.combo.currentIndex() >= 0:
            self.combo.setEditText(self.combo.itemText(self.combo.currentIndex()))

    def _settle_typed_text(self) -> None:
        """Leaving the combo with typed text: a name (or English name, or alias) of the list selects
        it; anything else is moved beside 其他, unchanged, so the user sees where it went."""
        if self._completer.popup().isVisible():
            return
        typed = self.combo.currentText().strip()
        index = self.combo.currentIndex()
        if not typed or (index >= 0 and typed == self.combo.itemText(index)):
            return
        exact = self.combo.findText(typed)
        if exact >= 0:
            self.combo.setCurrentIndex(exact)
        else:
            self.set_value(typed)
        self.changed.emit()

    def _index_changed(self, _index: int) -> None:
        self.other.setVisible(self.combo.currentData() == OTHER)
        self.changed.emit()
