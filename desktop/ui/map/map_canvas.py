"""Draws a county map with QPainter: townships and villages where visits placed them, and the visits."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.domain.visit_map import CountyMap

_MARGIN = 48
_LEGEND_HEIGHT = 28
# Where a name may go beside its place, in order of preference: (x, y) in half its size plus a gap.
_TOWNSHIP_SPOTS = ((0, -1.6), (0, 1.6), (1, 0), (-1, 0), (0, -3), (0, 3))
_VILLAGE_SPOTS = ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1.6), (0, -1.6))
_OWN = QColor("#2e7d32")
_AT_VILLAGE = QColor("#f9a825")
_VILLAGE = QColor("#607d8b")
_TOWNSHIP = QColor("#1a237e")


@dataclass(frozen=True)
class Label:
    text: str
    rect: QRectF
    ascent: float
    township: bool


class MapCanvas(QWidget):
    """No tiles, no network: an equirectangular projection of the county's known positions (a degree
    of longitude drawn cos(latitude) as wide as one of latitude), fitted to the widget."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.county_map: CountyMap | None = None
        self.setMinimumSize(480, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)

    def set_map(self, county_map: CountyMap) -> None:
        self.county_map = county_map
        self.update()

    def to_screen(self, latitude: float, longitude: float) -> QPointF:
        """Where a position is drawn in the widget (for tests and hit-testing)."""
        bounds = self.county_map.bounds() if self.county_map else None
        if bounds is None:
            return QPointF()
        min_lat, min_lon, max_lat, max_lon = bounds
        squeeze = math.cos(math.radians((min_lat + max_lat) / 2))
        span_x = max((max_lon - min_lon) * squeeze, 0.01)
        span_y = max(max_lat - min_lat, 0.01)
        width, height = self.width() - 2 * _MARGIN, self.height() - 2 * _MARGIN
        scale = min(width / span_x, height / span_y)
        x0 = _MARGIN + (width - span_x * scale) / 2
        y0 = _MARGIN + (height - span_y * scale) / 2
        return QPointF(x0 + (longitude - min_lon) * squeeze * scale, y0 + (max_lat - latitude) * scale)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#f5f5f0"))
        m = self.county_map
        if m is None or m.bounds() is None:
            painter.setPen(QColor("#555"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.tr("No position is known in this county yet: add GPS positions to visits "
                                     "(or photos taken with a phone), and their villages appear here."))
            return
        small, bold = self._fonts()
        painter.setFont(small)
        for village in m.villages:
            if village.placed:
                p = self.to_screen(village.latitude, village.longitude)
                painter.setPen(QPen(_VILLAGE, 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(p.x() - 4, p.y() - 4, 8, 8))
        for visit in m.visits:
            p = self.to_screen(visit.latitude, visit.longitude)
            color = _OWN if visit.own_position else _AT_VILLAGE
            painter.setPen(QPen(color.darker(130), 1))
            painter.setBrush(color)
            painter.drawEllipse(p, 4, 4)
        for label in self.placed_labels():
            painter.setFont(bold if label.township else small)
            painter.setPen(_TOWNSHIP if label.township else _VILLAGE.darker(140))
            painter.drawText(QPointF(label.rect.left(), label.rect.top() + label.ascent), label.text)
        self._legend(painter, small)

    def _fonts(self) -> tuple[QFont, QFont]:
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 1.5, 6))
        bold = QFont(self.font())
        bold.setBold(True)
        return small, bold

    def placed_labels(self) -> list[Label]:
        """The names drawn and where: townships first, then villages (with their visit counts), each
        at the first spot beside its place that overlaps no label, no village marker and no edge;
        a name with no free spot is left out (its marker stays)."""
        m = self.county_map
        if m is None or m.bounds() is None:
            return []
        small, bold = self._fonts()
        bottom = self.height() - _LEGEND_HEIGHT
        area = QRectF(2, 2, self.width() - 4, bottom - 2)
        taken = [QRectF(p.x() - 5, p.y() - 5, 10, 10) for p in
                 (self.to_screen(v.latitude, v.longitude) for v in m.villages if v.placed)]
        wanted = [(t.name, t, True) for t in m.townships if t.placed]
        wanted += [(f"{v.name} ({v.visits})" if v.visits else v.name, v, False) for v in m.villages if v.placed]
        placed: list[Label] = []
        for text, place, township in wanted:
            metrics = QFontMetricsF(bold if township else small)
            width, height = metrics.horizontalAdvance(text), metrics.height()
            p = self.to_screen(place.latitude, place.longitude)
            spots = _TOWNSHIP_SPOTS if township else _VILLAGE_SPOTS
            for dx, dy in spots:
                left = p.x() + dx * (width / 2 + 7) - width / 2
                top = p.y() + dy * (height / 2 + 6) - height / 2
                rect = QRectF(left, top, width, height)
                if area.contains(rect) and not any(rect.intersects(other) for other in taken):
                    taken.append(rect)
                    placed.append(Label(text, rect, metrics.ascent(), township))
                    break
        return placed

    def _legend(self, painter: QPainter, font: QFont) -> None:
        painter.setFont(font)
        y = self.height() - 14
        entries = ((_OWN, self.tr("visit at its GPS position")), (_AT_VILLAGE, self.tr("visit at its village")))
        x = 12.0
        for color, text in entries:
            painter.setPen(QPen(color.darker(130), 1))
            painter.setBrush(color)
            painter.drawEllipse(QPointF(x + 4, y - 4), 4, 4)
            painter.setPen(QColor("#333"))
            painter.drawText(QPointF(x + 12, y), text)
            x += 24 + painter.fontMetrics().horizontalAdvance(text)
        painter.setPen(QPen(_VILLAGE, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(x, y - 8, 8, 8))
        painter.setPen(QColor("#333"))
        painter.drawText(QPointF(x + 12, y), self.tr("village (placed from visits' GPS)"))
