"""Choosing a division: cascading league → county → township → village combos plus a pinyin search."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QGridLayout, QHBoxLayout, QLineEdit, QWidget

from desktop.domain.summaries import DivisionItem
from desktop.services.reference import ReferenceService
from desktop.ui.widgets.reference_cache import CachedReference

LEVELS = ("league", "county", "township", "village")
_CODE_LENGTHS = {"league": 4, "county": 6, "township": 9, "village": 12}
_CODE_ROLE = Qt.ItemDataRole.UserRole


class DivisionPicker(QWidget):
    """Reusable in forms (where a village is required) and filters (any level narrows the list).

    ``value()`` is the deepest division chosen, or "" for none. Searching "blzq", "巴林" or
    "balin" offers 巴林左旗; choosing a result fills the combos down to it.
    """

    division_changed = Signal(str)

    def __init__(self, reference: CachedReference | ReferenceService, *, compact: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._reference = reference
        self._value = ""
        self.search = QLineEdit(self)
        self.search.setObjectName("division_search")
        self.search.setPlaceholderText(self.tr("Search place: name or pinyin initials (e.g. blzq)"))
        self.search.setClearButtonEnabled(True)
        self._results = QStandardItemModel(self)
        self._completer = QCompleter(self._results, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.setWidget(self.search)
        self._completer.activated[QModelIndex].connect(self._search_result_chosen)
        self.search.textEdited.connect(self._search_edited)

        placeholders = (self.tr("League / city"), self.tr("County / banner"), self.tr("Township / sumu"),
                        self.tr("Village / gacha"))
        self.combos: dict[str, QComboBox] = {}
        for level, placeholder in zip(LEVELS, placeholders, strict=True):
            combo = QComboBox(self)
            combo.setObjectName(f"division_{level}")
            combo.setMinimumContentsLength(6)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setPlaceholderText(placeholder)
            combo.setToolTip(placeholder)
            combo.activated.connect(lambda _i, lv=level: self._combo_chosen(lv))
            self.combos[level] = combo

        if compact:
            layout = QHBoxLayout(self)
            self.search.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
            layout.addWidget(self.search, 2)
            for combo in self.combos.values():
                layout.addWidget(combo, 1)
        else:
            layout = QGridLayout(self)
            layout.addWidget(self.search, 0, 0, 1, 4)
            for column, combo in enumerate(self.combos.values()):
                layout.addWidget(combo, 1, column)
        layout.setContentsMargins(0, 0, 0, 0)
        self._fill("league", self._reference.children(None))
        for level in LEVELS[1:]:
            self._fill(level, [])

    # --- public --------------------------------------------------------------------------

    def value(self) -> str:
        return self._value

    def level(self) -> str | None:
        """The level of the chosen division ("county"…), None when nothing is chosen."""
        return next((lv for lv, n in _CODE_LENGTHS.items() if n == len(self._value)), None) if self._value else None

    def set_value(self, code: str, *, notify: bool = False) -> None:
        code = code or ""
        chain = [code[:_CODE_LENGTHS[lv]] for lv in LEVELS if len(code) >= _CODE_LENGTHS[lv]]
        self._select("league", chain[0] if chain else "")
        for parent_level, level in zip(LEVELS, LEVELS[1:], strict=False):
            parent = self._current(parent_level)
            self._fill(level, self._reference.children(parent) if parent else [])
            depth = LEVELS.index(level)
            self._select(level, chain[depth] if len(chain) > depth else "")
        self._value = next((self._current(lv) for lv in reversed(LEVELS) if self._current(lv)), "")
        if notify:
            self.division_changed.emit(self._value)

    def clear(self) -> None:
        self.set_value("", notify=True)

    def search_results(self) -> list[str]:
        """What the search currently offers, as shown (for tests and accessibility)."""
        return [self._results.item(r).text() for r in range(self._results.rowCount())]

    # --- internals -----------------------------------------------------------------------

    def _fill(self, level: str, items: list[DivisionItem]) -> None:
        combo = self.combos[level]
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("(all)"), "")
        for item in items:
            combo.addItem(item.name, item.code)
        combo.setCurrentIndex(-1)
        combo.setEnabled(bool(items))
        combo.blockSignals(False)

    def _select(self, level: str, code: str) -> None:
        combo = self.combos[level]
        combo.setCurrentIndex(combo.findData(code) if code else -1)

    def _current(self, level: str) -> str:
        data = self.combos[level].currentData()
        return str(data) if data else ""

    def _combo_chosen(self, level: str) -> None:
        code = self._current(level)
        if not code:  # "(all)": back to the level above
            index = LEVELS.index(level)
            code = self._current(LEVELS[index - 1]) if index else ""
        self.set_value(code, notify=True)

    def _search_edited(self, text: str) -> None:
        self._results.clear()
        if not text.strip():
            self._completer.popup().hide()
            return
        for item in self._reference.search_divisions(text, limit=30):
            row = QStandardItem(item.path or item.name)
            row.setData(item.code, _CODE_ROLE)
            row.setEditable(False)
            self._results.appendRow(row)
        if self._results.rowCount():
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _search_result_chosen(self, index: QModelIndex) -> None:
        code = index.data(_CODE_ROLE)
        if code:
            self.set_value(str(code), notify=True)
            # The completer writes the chosen text into the field after this slot returns.
            QTimer.singleShot(0, self.search.clear)
