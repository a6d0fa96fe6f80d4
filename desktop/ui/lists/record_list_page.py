"""A page listing one kind of record: a "new" button, the filter bar and the lazily paged table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.filters import RecordFilter, SortKey
from desktop.services.changes import Changes
from desktop.ui.shell.context import AppContext
from desktop.ui.lists.filter_bar import FilterBar
from desktop.ui.lists.record_columns import Column, ListSource
from desktop.ui.lists.record_table_model import ID_ROLE, RecordTableModel
from desktop.ui.map.visit_map_dialog import VisitMapDialog


class RecordListPage(QWidget):
    """``new_requested`` and ``open_requested(id)`` ask the window for a form. The page listens to the
    change bus and re-queries only when one of the kinds it ``watches`` changed."""

    new_requested = Signal()
    open_requested = Signal(str)

    def __init__(self, ctx: AppContext, *, kind: str, source: ListSource, columns: tuple[Column, ...],
                 new_label: str, watches: tuple[str, ...], with_record_filters: bool = True,
                 with_service_type: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self._watches = watches
        self.new_button = QPushButton(new_label, self)
        self.new_button.setObjectName(f"new_{kind}")
        self.new_button.setToolTip(self.tr("New record (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_requested)
        self.map_button: QPushButton | None = None
        if kind == "visit":
            self.map_button = QPushButton(self.tr("Map…"), self)
            self.map_button.setObjectName("visit_map")
            self.map_button.setToolTip(self.tr("Your visits on a map of your county's townships and villages"))
            self.map_button.clicked.connect(self.open_map)
        self._ctx = ctx
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        self.filters = FilterBar(ctx.reference, with_record_filters=with_record_filters,
                                 with_service_type=with_service_type, parent=self)
        # The first column's order to begin with: newest first for dates, A to Z for names.
        first = columns[0].sort or SortKey.DATE
        self.model = RecordTableModel(ctx.runner, source, columns, parent=self,
                                      record_filter=RecordFilter(sort=first, descending=first == SortKey.DATE))
        self.table = QTableView(self)
        self.table.setObjectName(f"{kind}_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        # Column widths are measured once, on the first page, and then left to the user: measuring
        # on every insert (ResizeToContents) costs a data() call per cell of every loaded row.
        header.setResizeContentsPrecision(60)
        for n, column in enumerate(columns):
            header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch if column.stretch
                                        else QHeaderView.ResizeMode.Interactive)
        self._columns_sized = False
        if any(c.sort for c in columns):
            header.setSortIndicator(0, Qt.SortOrder.DescendingOrder if self.model.record_filter.descending
                                    else Qt.SortOrder.AscendingOrder)
            self.table.setSortingEnabled(True)
            header.sortIndicatorChanged.connect(self._keep_indicator_on_sortable)
        self.table.doubleClicked.connect(lambda index: self.open_requested.emit(index.data(ID_ROLE)))
        self.table.activated.connect(lambda index: self.open_requested.emit(index.data(ID_ROLE)))
        self.filters.filter_changed.connect(self.model.set_filter)
        self.model.loaded.connect(self._show_count)
        self.model.rows_loaded.connect(lambda: self._size_columns_once(self.model.rowCount()))
        self.model.page_loaded.connect(lambda _n: self._show_count(self.model.total or 0))
        ctx.runner.changed.connect(self._changed)

        top = self._top = QHBoxLayout()
        top.addWidget(self.new_button)
        if self.map_button is not None:
            top.addWidget(self.map_button)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)

    def add_button(self, button: QPushButton) -> None:
        """Another action on this page's records, beside the "new" button."""
        self._top.insertWidget(1, button)

    def start(self) -> None:
        """First load; the window calls it once the page exists (the query runs on the worker)."""
        self.model.set_filter(self.filters.current_filter())

    def open_map(self) -> VisitMapDialog:
        dialog = VisitMapDialog(self._ctx, self)
        dialog.show()
        return dialog

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def _changed(self, changes: Changes, _initiator: object) -> None:
        self.apply_changes(changes)

    def apply_changes(self, changes: Changes) -> None:
        if changes.touches(self._watches):
            self.model.refresh()

    def current_filter(self) -> RecordFilter:
        return self.model.record_filter

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("%1 of %n record(s) shown", "", total)
                                 .replace("%1", str(self.model.rowCount())))

    def _size_columns_once(self, total: int) -> None:
        if self._columns_sized or not total:
            return
        self._columns_sized = True
        for n in range(self.model.columnCount()):
            if self.table.horizontalHeader().sectionResizeMode(n) != QHeaderView.ResizeMode.Stretch:
                self.table.resizeColumnToContents(n)

    def _keep_indicator_on_sortable(self, column: int, _order: Qt.SortOrder) -> None:
        # Columns the store cannot sort by would show an arrow that lies; put it back.
        sorted_column = self.model.sorted_column()
        if not self.model.is_sortable(column) and sorted_column >= 0:
            order = Qt.SortOrder.DescendingOrder if self.model.record_filter.descending else Qt.SortOrder.AscendingOrder
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(sorted_column, order)
            header.blockSignals(False)
