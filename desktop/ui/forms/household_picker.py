"""Picking the households a visit served (or a training named): search, add, remove, or create new."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.records import Household
from desktop.ui.shell.context import AppContext

_ID_ROLE = Qt.ItemDataRole.UserRole
SEARCH_LIMIT = 20


class HouseholdPicker(QWidget):
    """``value()`` is the chosen households' ids. ``new_household_requested`` asks the window for the
    household form; the window calls ``add_household`` with the saved household."""

    changed = Signal()
    new_household_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit(self)
        self.search.setObjectName("household_search")
        self.search.setPlaceholderText(self.tr("Find a household: name, pinyin initials or phone"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("household_results")
        self.results.setMaximumHeight(110)
        self.results.hide()
        self.chosen = QListWidget(self)
        self.chosen.setObjectName("household_chosen")
        self.chosen.setMaximumHeight(110)
        self.add_new_button = QPushButton(self.tr("Add new household…"), self)
        self.remove_button = QPushButton(self.tr("Remove from list"), self)
        self.count_label = QLabel(self)

        self.search.textEdited.connect(self._search)
        self.search.returnPressed.connect(self._take_first_result)
        self.results.itemActivated.connect(self._take)
        self.results.itemClicked.connect(self._take)
        self.add_new_button.clicked.connect(self.new_household_requested)
        self.remove_button.clicked.connect(self._remove_selected)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_new_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen)
        layout.addLayout(buttons)
        self._update_count()

    def value(self) -> tuple[str, ...]:
        return tuple(self.chosen.item(i).data(_ID_ROLE) for i in range(self.chosen.count()))

    def set_value(self, ids: tuple[str, ...]) -> None:
        self.chosen.clear()
        for household_id in ids:
            household = self.ctx.records.get(Household, household_id)
            name = household.name if household else self.tr("(household not on this device)")
            self._append(household_id, name)
        self._update_count()

    def add_household(self, household: Household) -> None:
        if household.id not in self.value():
            self._append(household.id, household.name)
            self._update_count()
            self.changed.emit()

    def _search(self, text: str) -> None:
        self.results.clear()
        if not text.strip():
            self.results.hide()
            return
        chosen = set(self.value())
        for row in self.ctx.records.list_households(text, limit=SEARCH_LIMIT):
            if row.id in chosen:
                continue
            place = " ".join(filter(None, (row.township_name, row.village_name)))  # same-named villages differ
            item = QListWidgetItem(" · ".join(filter(None, (row.name, place, row.phone))))
            item.setData(_ID_ROLE, row.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, row.name)
            self.results.addItem(item)
        if self.results.count() == 0:
            self.results.addItem(QListWidgetItem(self.tr("No household found. Use \"Add new household\".")))
        self.results.show()

    def _take_first_result(self) -> None:
        if self.results.isVisible() and self.results.count():
            self._take(self.results.item(0))

    def _take(self, item: QListWidgetItem) -> None:
        household_id = item.data(_ID_ROLE)
        if not household_id:
            return
        self._append(household_id, item.data(Qt.ItemDataRole.UserRole + 1))
        self.search.clear()
        self.results.hide()
        self._update_count()
        self.changed.emit()

    def _append(self, household_id: str, name: str) -> None:
        item = QListWidgetItem(name)
        item.setData(_ID_ROLE, household_id)
        self.chosen.addItem(item)

    def _remove_selected(self) -> None:
        rows = sorted({self.chosen.row(i) for i in self.chosen.selectedItems()}, reverse=True)
        for row in rows:
            self.chosen.takeItem(row)
        if rows:
            self._update_count()
            self.changed.emit()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n household(s)", "", self.chosen.count()))
