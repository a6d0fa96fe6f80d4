"""A titled bar chart whose numbers are one click away: a toggle swaps the chart for a table."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.widgets.bar_chart import BarChart
from desktop.ui.widgets.plain_table_model import PlainTableModel


class ChartSection(QGroupBox):
    """``set_bars([(label, value)])`` fills both the chart and the table."""

    def __init__(self, title: str, label_header: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.chart = BarChart(self)
        self.model = PlainTableModel([label_header, self.tr("Visits")], self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.chart)
        self.stack.addWidget(self.table)
        self.toggle = QPushButton(self.tr("Show table"), self)
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._toggled)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # the page scrolls, not this

    def set_bars(self, bars: Sequence[tuple[str, int]]) -> None:
        self.chart.set_bars(bars)
        self.model.set_rows(bars)
        self._fit()

    def _fit(self) -> None:
        # Both views get the height that shows every row, so the page scrolls instead of the table.
        table = self.table.horizontalHeader().sizeHint().height() + self.table.verticalHeader().length() \
            + 2 * self.table.frameWidth() + 2
        self.stack.setFixedHeight(max(self.chart.sizeHint().height(), table))

    def _toggled(self, table: bool) -> None:
        self.stack.setCurrentIndex(1 if table else 0)
        self.toggle.setText(self.tr("Show chart") if table else self.tr("Show table"))
        self._fit()
