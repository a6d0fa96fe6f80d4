"""Month / quarter / year picker for the team log."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from desktop.services.team_log import Period


class PeriodPicker(QWidget):
    """``period_changed(Period)`` whenever the kind, year or month / quarter changes."""

    period_changed = Signal(object)

    def __init__(self, today: dt.date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        today = today or dt.date.today()
        self.kind = QComboBox(self)
        self.kind.setObjectName("period_kind")
        for text, value in ((self.tr("Month"), "month"), (self.tr("Quarter"), "quarter"), (self.tr("Year"), "year")):
            self.kind.addItem(text, value)
        self.year = QSpinBox(self)
        self.year.setObjectName("period_year")
        self.year.setRange(2020, today.year + 1)
        self.year.setValue(today.year)
        self.index = QComboBox(self)
        self.index.setObjectName("period_index")
        self._today = today
        self._fill_index()
        self.kind.currentIndexChanged.connect(lambda _i: (self._fill_index(), self._emit()))
        self.year.valueChanged.connect(lambda _v: self._emit())
        self.index.currentIndexChanged.connect(lambda _i: self._emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.year)
        layout.addWidget(self.index)

    def period(self) -> Period:
        return Period(self.kind.currentData(), self.year.value(), self.index.currentData() or 1)

    def set_period(self, period: Period) -> None:
        self.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(period.kind))
        self.year.setValue(period.year)
        self.index.setCurrentIndex(max(0, self.index.findData(period.index)))
        self.blockSignals(False)
        self._emit()

    def _fill_index(self) -> None:
        kind = self.kind.currentData()
        self.index.blockSignals(True)
        self.index.clear()
        if kind == "month":
            for m in range(1, 13):
                self.index.addItem(self.tr("Month %1").replace("%1", str(m)), m)
            self.index.setCurrentIndex(self._today.month - 1)
        elif kind == "quarter":
            for q in range(1, 5):
                self.index.addItem(self.tr("Q%1").replace("%1", str(q)), q)
            self.index.setCurrentIndex((self._today.month - 1) // 3)
        self.index.setVisible(kind != "year")
        self.index.blockSignals(False)

    def _emit(self) -> None:
        if not self.signalsBlocked():
            self.period_changed.emit(self.period())
