"""A search field over a list of choices: type part of a name or its pinyin initials, pick a line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

_CODE_ROLE = Qt.ItemDataRole.UserRole

#: Given the query, the (code, text) pairs to offer.
Finder = Callable[[str], list[tuple[str, str]]]


class SearchList(QWidget):
    """``value()`` is the code of the chosen line, "" for none; ``chosen(code)`` fires on a pick."""

    chosen = Signal(str)

    def __init__(self, finder: Finder, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._finder = finder
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setMinimumHeight(120)
        self.search.textChanged.connect(self._refill)
        self.search.returnPressed.connect(self._take_first_if_single)
        self.list.currentItemChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self._refill("")

    def value(self) -> str:
        item = self.list.currentItem()
        return str(item.data(_CODE_ROLE)) if item is not None else ""

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def select(self, code: str) -> bool:
        for i in range(self.list.count()):
            if self.list.item(i).data(_CODE_ROLE) == code:
                self.list.setCurrentRow(i)
                return True
        return False

    def _refill(self, text: str) -> None:
        previous = self.value()
        self.list.blockSignals(True)
        self.list.clear()
        for code, label in self._finder(text):
            item = QListWidgetItem(label)
            item.setData(_CODE_ROLE, code)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if not (previous and self.select(previous)):
            self.list.setCurrentRow(-1)
            self.chosen.emit("")

    def _take_first_if_single(self) -> None:
        if self.list.count() >= 1:
            self.list.setCurrentRow(0)

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.chosen.emit(str(current.data(_CODE_ROLE)) if current is not None else "")
