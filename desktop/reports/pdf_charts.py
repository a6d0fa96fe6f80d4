"""Horizontal bar charts drawn with QPainter onto the report's pages (QtCharts is not shipped).

Bars run left to right with their labels on the left, so long Chinese names need no rotation;
a chart with more bars than a page holds continues on the next page with its scale repeated. An
optional target draws a dashed line across every bar (the 60 on-site days), explained by a legend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from desktop.reports.pdf_canvas import GREY, INK, RED, RULE, PdfCanvas
from desktop.reports.report_text import ReportText

BAR = QColor("#4C8C6B")
SHORT = QColor("#D98C3F")  # a bar below the target


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    below_target: bool = False


def nice_scale(largest: float) -> tuple[float, float]:
    """(top of the scale, tick step): a round step giving 4 to 10 ticks."""
    if largest <= 0:
        return 1.0, 1.0
    step = 10 ** math.floor(math.log10(largest))
    for factor in (1, 2, 5, 10):
        if largest / (step * factor) <= 8:
            step *= factor
            break
    return math.ceil(largest / step) * step, step


def bar_chart(canvas: PdfCanvas, bars: Sequence[Bar], target: float | None = None,
              legend: Sequence[tuple[str, bool | None]] = (), bar_mm: float = 6.0, points: float = 8.5) -> None:
    """Draw ``bars`` from the canvas's current position, over as many pages as they need.

    ``legend`` entries are (text, below_target): True / False show a bar colour, None the target line.
    """
    font = canvas.font(points)
    metrics = canvas.metrics(font)
    label_width = min(max((metrics.horizontalAdvance(b.label) for b in bars), default=0) + canvas.mm(3),
                      canvas.width * 0.32)
    value_width = metrics.horizontalAdvance("00000") + canvas.mm(2)
    left, right = label_width, canvas.width - value_width
    top_value, step = nice_scale(max([b.value for b in bars] + [target or 0]))
    row, axis = canvas.mm(bar_mm), metrics.height() * 1.6
    remaining = list(bars)
    while remaining:
        canvas.ensure(axis + row * min(3, len(remaining)))
        fits = max(1, int((canvas.room - axis) // row))
        chunk, remaining = remaining[:fits], remaining[fits:]
        top = canvas.y
        height = axis + row * len(chunk)

        def scale_x(value: float, l: float = left, r: float = right) -> float:
            return l + (r - l) * value / top_value

        def draw_axis(p: QPainter, t: float = top, h: float = height) -> None:
            p.setFont(font)
            tick = 0.0
            while tick <= top_value + 1e-9:
                x = scale_x(tick)
                p.setPen(QPen(RULE, 2))
                p.drawLine(QPointF(x, t + axis * 0.8), QPointF(x, t + h))
                p.setPen(GREY)
                p.drawText(QRectF(x - canvas.mm(8), t, canvas.mm(16), axis * 0.75),
                           int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom), ReportText.number(tick))
                tick += step

        canvas.draw(draw_axis)
        for i, bar in enumerate(chunk):
            y = top + axis + i * row
            canvas.draw(lambda p, b=bar, y=y: _bar(p, b, y, row, left, scale_x(b.value), label_width, font))
        if target is not None:
            x = scale_x(target)
            canvas.draw(lambda p, x=x, t=top, h=height: _target(p, x, t + axis * 0.8, t + h))
        canvas.y = top + height
    if legend:
        _legend(canvas, legend, font, row)
    canvas.space(3)


def _bar(p: QPainter, bar: Bar, y: float, row: float, left: float, end: float, label_width: float,
         font: QFont) -> None:
    p.setFont(font)
    p.setPen(INK)
    p.drawText(QRectF(0, y, label_width - row * 0.3, row),
               int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), bar.label)
    p.fillRect(QRectF(left, y + row * 0.18, max(end - left, 1.0), row * 0.64), SHORT if bar.below_target else BAR)
    p.drawText(QRectF(end + row * 0.2, y, row * 4, row), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
               ReportText.number(bar.value))


def _target(p: QPainter, x: float, top: float, bottom: float) -> None:
    pen = QPen(RED, 4)
    pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawLine(QPointF(x, top), QPointF(x, bottom))


def _legend(canvas: PdfCanvas, entries: Sequence[tuple[str, bool | None]], font: QFont, row: float) -> None:
    """One line under the chart: a swatch (or a dashed stroke) and its text, entry after entry."""
    metrics = canvas.metrics(font)
    canvas.ensure(row)
    y, x, swatch = canvas.y + canvas.mm(1), canvas.width * 0.05, row * 0.5
    for label, below in entries:
        width = metrics.horizontalAdvance(label)
        if below is None:
            canvas.draw(lambda p, x=x, y=y: _target(p, x + swatch / 2, y + row * 0.2, y + row * 0.8))
        else:
            rect = QRectF(x, y + row * 0.25, swatch, swatch)
            canvas.draw(lambda p, r=rect, c=SHORT if below else BAR: p.fillRect(r, c))
        text_rect = QRectF(x + swatch + canvas.mm(1.5), y, width + canvas.mm(1), row)
        canvas.draw(lambda p, r=text_rect, s=label: _label(p, r, s, font))
        x += swatch + width + canvas.mm(8)
    canvas.y += row + canvas.mm(1)


def _label(p: QPainter, rect: QRectF, text: str, font: QFont) -> None:
    p.setFont(font)
    p.setPen(GREY)
    p.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
