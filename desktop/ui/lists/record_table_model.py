"""A lazily paged Qt table model over a record list: never loads all rows, queries run on the worker.

Rows arrive a page at a time (``canFetchMore``/``fetchMore``), sorting maps header columns to
``RecordFilter.sort``, and ``refresh()`` after a change re-reads the loaded range and applies the
difference as row inserts, removals and data changes, so the selection and scroll position survive.
A query asks for the rows first and the count second: with a text search the count scans every
record, and the first screen of rows should not wait for it.
"""

from __future__ import annotations

import dataclasses
from difflib import SequenceMatcher
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop.domain.filters import RecordFilter
from desktop.ui.shell.operations import OperationRunner
from desktop.ui.lists.record_columns import Column, ListSource

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole
_Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """``rows_loaded()`` fires when the first rows of a (re)load or refresh are in; ``loaded(total)``
    when the count followed; ``page_loaded(rows)`` after a fetchMore."""

    rows_loaded = Signal()
    loaded = Signal(int)
    page_loaded = Signal(int)

    def __init__(self, runner: OperationRunner, source: ListSource, columns: tuple[Column, ...],
                 record_filter: RecordFilter | None = None, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent)
        self._runner = runner
        self._source = source
        self._columns = columns
        self._filter = record_filter or RecordFilter()
        self._page = page_size
        self._rows: list[Any] = []
        self._total: int | None = None
        self._generation = 0  # results of an older filter are dropped
        self._fetching = False
        self._exhausted = False  # a page came back short: there is nothing more to fetch

    # --- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.stretch:
            return column.display(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.alignment is not None:
            return int(column.alignment)
        if role == ID_ROLE:
            return row.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title()
        return super().headerData(section, orientation, role)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802
        if parent.isValid() or self._fetching or self._exhausted or not self._rows:
            return False
        return self._total is None or len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, f, offset, source = self._generation, self._filter, len(self._rows), self._source
        page = self._page
        self._runner.run(lambda: source.fetch(f, offset, page),
                         on_success=lambda rows: self._page_arrived(generation, offset, page, rows),
                         on_failure=lambda e: self._failed(generation, e), label="list page", owner=self)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._columns[column].sort if 0 <= column < len(self._columns) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        # The same order asks nothing: a view calls this when sorting is switched on, before the first
        # load (which ``set_filter`` starts), and a load under way already reads in this order.
        if key == self._filter.sort and descending == self._filter.descending:
            return
        self._filter = dataclasses.replace(self._filter, sort=key, descending=descending)
        self.reload()

    def is_sortable(self, column: int) -> bool:
        return self._columns[column].sort is not None

    def sorted_column(self) -> int:
        """The column the rows are sorted by now (-1 if none shows it)."""
        return next((n for n, c in enumerate(self._columns) if c.sort == self._filter.sort), -1)

    # --- loading -------------------------------------------------------------------------

    @property
    def record_filter(self) -> RecordFilter:
        return self._filter

    @property
    def total(self) -> int | None:
        """How many rows match the filter (None until the first count arrived)."""
        return self._total

    def set_filter(self, record_filter: RecordFilter) -> None:
        """Show the rows of ``record_filter`` from the first page on, in the model's current sort order."""
        self._filter = dataclasses.replace(record_filter, sort=self._filter.sort, descending=self._filter.descending)
        self.reload()

    def reload(self) -> None:
        """A new query: the model resets and shows the first page."""
        self._query(max_rows=self._page, reset=True)

    def refresh(self) -> None:
        """Re-read what is loaded after records changed; applied as a difference, not a reset."""
        self._query(max_rows=max(self._page, len(self._rows)), reset=False)

    def _query(self, max_rows: int, reset: bool) -> None:
        self._generation += 1
        self._fetching = True  # no fetchMore until the first rows are in
        generation, f, source = self._generation, self._filter, self._source
        self._runner.run(lambda: source.fetch(f, 0, max_rows),
                         on_success=lambda rows: self._rows_arrived(generation, reset, max_rows, rows),
                         on_failure=lambda e: self._failed(generation, e), label="list rows", owner=self)
        self._runner.run(lambda: source.count(f), on_success=lambda total: self._count_arrived(generation, total),
                         on_failure=lambda e: self._failed(generation, e), label="list count", owner=self)

    def _rows_arrived(self, generation: int, reset: bool, asked: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._exhausted = len(rows) < asked
        if reset or not self._rows:
            self._total = None
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
        else:
            self._apply_difference(rows)
        self.rows_loaded.emit()

    def _count_arrived(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self._total = total
        self.loaded.emit(total)

    def _page_arrived(self, generation: int, offset: int, asked: int, rows: list[Any]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._fetching = False
        self._exhausted = len(rows) < asked
        if rows:
            self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.page_loaded.emit(len(rows))

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
        self._runner.report(error, "list query")

    def _apply_difference(self, new_rows: list[Any]) -> None:
        old_ids = [r.id for r in self._rows]
        new_ids = [r.id for r in new_rows]
        last_column = len(self._columns) - 1
        opcodes = SequenceMatcher(a=old_ids, b=new_ids, autojunk=False).get_opcodes()
        # From the end backwards, so the positions of the blocks still to apply stay valid.
        for tag, i1, i2, j1, j2 in reversed(opcodes):
            if tag in ("delete", "replace"):
                self.beginRemoveRows(QModelIndex(), i1, i2 - 1)
                del self._rows[i1:i2]
                self.endRemoveRows()
            if tag in ("insert", "replace"):
                self.beginInsertRows(QModelIndex(), i1, i1 + (j2 - j1) - 1)
                self._rows[i1:i1] = new_rows[j1:j2]
                self.endInsertRows()
            if tag == "equal":
                for offset in range(i2 - i1):
                    if self._rows[i1 + offset] != new_rows[j1 + offset]:
                        self._rows[i1 + offset] = new_rows[j1 + offset]
                        self.dataChanged.emit(self.index(i1 + offset, 0), self.index(i1 + offset, last_column))
