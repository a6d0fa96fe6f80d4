"""A small horizontal bar chart drawn with QPainter: a label, a bar and the value on each row."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_COLOR = QColor("#3a7bd5")
ZERO_COLOR = QColor("#c8c8c8")


class BarChart(QWidget):
    """``set_bars([(label, value), ...])``; bars keep the order given. Labels are never cut: the label
    column is as wide as the longest label (up to half the widget), and the chart grows in height."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bars: list[tuple[str, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(320)

    def set_bars(self, bars: Sequence[tuple[str, int]]) -> None:
        self.bars = [(str(label), int(value)) for label, value in bars]
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 10

    def sizeHint(self) -> QSize:
        return QSize(480, max(1, len(self.bars)) * self._row_height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        row = self._row_height()
        if not self.bars:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Nothing recorded"))
            return
        label_width = min(self.width() // 2, max(metrics.horizontalAdvance(label) for label, _ in self.bars) + 12)
        value_width = max(metrics.horizontalAdvance(f"{value:,}") for _, value in self.bars) + 12
        span = max(1, self.width() - label_width - value_width - 8)
        largest = max(1, max(value for _, value in self.bars))
        text = self.palette().windowText().color()
        for n, (label, value) in enumerate(self.bars):
            top = 4 + n * row
            painter.setPen(text)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 12)
            painter.drawText(QRectF(0, top, label_width - 8, row), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, shown)
            length = span * value / largest
            bar = QRectF(label_width, top + 3, max(2.0, length), row - 6)
            painter.fillRect(bar, BAR_COLOR if value else ZERO_COLOR)
            painter.drawText(QRectF(bar.right() + 6, top, value_width, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{value:,}")
        painter.end()
