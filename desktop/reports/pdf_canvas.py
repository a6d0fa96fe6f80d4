"""A4 page flow for printed reports: paragraphs, headings and tables laid out first, then painted.

Layout runs before any painting, page by page, as a list of drawing steps; painting replays them
once the page count is known, so every footer can say "page n of N". Text is measured against
the PDF writer itself (300 dpi), so what is measured is what is printed. Chinese needs a CJK font:
Noto Sans CJK SC when installed (Debian's fonts-noto-cjk), else any font Qt says writes Simplified
Chinese; without one, Chinese would print as empty boxes, so ``chinese_font_family`` refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)


DPI = 300
PREFERRED_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Zen Hei")
GREEN, RED, GREY, INK = QColor("#2F6B4F"), QColor("#B00020"), QColor("#6B6B6B"), QColor("#1A1A1A")
STRIPE, RULE = QColor("#EEF4F0"), QColor("#B9C9BF")

Step = Callable[[QPainter], None]


class MissingFontError(RuntimeError):
    """No installed font can print Chinese."""


def chinese_font_family() -> str:
    """Needs a QGuiApplication (fonts are a GUI service; QT_QPA_PLATFORM=offscreen will do)."""
    families = QFontDatabase.families()
    for family in PREFERRED_FAMILIES:
        if family in families:
            return family
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if chinese:
        return chinese[0]
    raise MissingFontError("no font for Chinese text is installed (on Debian: apt-get install fonts-noto-cjk)")


@dataclass(frozen=True)
class TableCell:
    text: str
    color: QColor | None = None
    bold: bool = False


class PdfCanvas:
    """One PDF being laid out; ``finish()`` paints it. Lengths are device pixels unless a name says mm."""

    def __init__(self, path: Path, title: str, footer: Callable[[int, int], tuple[str, str]]):
        self.writer = QPdfWriter(str(path))
        self.writer.setResolution(DPI)
        self.writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                              QMarginsF(18, 15, 18, 12), QPageLayout.Unit.Millimeter))
        self.writer.setTitle(title)
        self.writer.setCreator("Fieldbook")
        paint = self.writer.pageLayout().paintRectPixels(DPI)
        self.width, self.height = float(paint.width()), float(paint.height())
        self.bottom = self.height - self.mm(9)  # the footer lives below
        self.family = chinese_font_family()
        self.footer = footer
        self.pages: list[list[Step]] = [[]]
        self.y = 0.0

    # --- units, fonts, flow ---------------------------------------------------------------

    @staticmethod
    def mm(length: float) -> float:
        return length * DPI / 25.4

    def font(self, points: float = 10, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(points)
        font.setBold(bold)
        # Noto Sans CJK's localised forms swap the digits of a Latin run ("Page 2 of 12") for glyphs
        # no character maps to: printed right, but lost to search and copy. The Chinese glyphs of
        # an SC font are the same with and without the feature.
        font.setFeature(QFont.Tag("locl"), 0)
        return font

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.writer)

    def draw(self, step: Step) -> None:
        self.pages[-1].append(step)

    def new_page(self) -> None:
        self.pages.append([])
        self.y = 0.0

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` more fits on this one."""
        if self.y + height > self.bottom and self.y > 0:
            self.new_page()

    def space(self, mm: float) -> None:
        self.y += self.mm(mm)

    @property
    def room(self) -> float:
        return self.bottom - self.y

    # --- text ---------------------------------------------------------------------------------

    def paragraph(self, text: str, points: float = 10, bold: bool = False, color: QColor = INK,
                  align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, indent_mm: float = 0,
                  hanging_mm: float = 0) -> None:
        """Wrapped text that may continue on the next page, line by line; lines after the first are
        indented ``hanging_mm`` more, so a long list reads as one entry."""
        font = self.font(points, bold)
        first = True
        for line, height in self._lines(text, font, self.width - self.mm(indent_mm), self.mm(hanging_mm)):
            self.ensure(height)
            x = self.mm(indent_mm) + (0 if first else self.mm(hanging_mm))
            rect = QRectF(x, self.y, self.width - x, height)
            first = False
            self.draw(lambda p, r=rect, s=line, f=font: _text(p, r, s, f, color, align | Qt.AlignmentFlag.AlignVCenter))
            self.y += height

    def heading(self, text: str, points: float = 13, keep_with_mm: float = 30) -> None:
        """A bold heading with a rule under it, kept on the page of what follows."""
        height = self.metrics(self.font(points, True)).height() * 1.3
        self.ensure(height + self.mm(keep_with_mm))
        if self.y > 0:
            self.space(3)
        self.paragraph(text, points, bold=True, color=GREEN)
        y = self.y + self.mm(0.8)
        self.draw(lambda p: _line(p, QPointF(0, y), QPointF(self.width, y), RULE, self.mm(0.35)))
        self.space(2.5)

    def _lines(self, text: str, font: QFont, width: float, hanging: float = 0) -> list[tuple[str, float]]:
        layout = QTextLayout(text, font, self.writer)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        spacing = self.metrics(font).lineSpacing() * 1.25
        lines = []
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width if not lines else width - hanging)
            lines.append((text[line.textStart():line.textStart() + line.textLength()].rstrip(), spacing))
        layout.endLayout()
        return lines

    # --- tables -------------------------------------------------------------------------------

    def table(self, headers: Sequence[str], fractions: Sequence[float], rows: Sequence[Sequence[TableCell | str]],
              aligns: Sequence[Qt.AlignmentFlag] | None = None, points: float = 9) -> None:
        """A table whose header row repeats on every page it runs onto; cells wrap."""
        widths = [self.width * f / sum(fractions) for f in fractions]
        aligns = aligns or [Qt.AlignmentFlag.AlignLeft] * len(headers)
        head = [TableCell(h, QColor("white"), True) for h in headers]
        head_height = self._row_height(head, widths, points)
        self.ensure(head_height + self._row_height(_cells(rows[0]), widths, points) if rows else head_height)
        self._row(head, widths, aligns, points, head_height, fill=GREEN)
        for index, raw in enumerate(rows):
            row = _cells(raw)
            height = self._row_height(row, widths, points)
            if self.y + height > self.bottom:
                self.new_page()
                self._row(head, widths, aligns, points, head_height, fill=GREEN)
            self._row(row, widths, aligns, points, height, fill=STRIPE if index % 2 else None)
        self.space(2)

    def _row_height(self, row: Sequence[TableCell], widths: Sequence[float], points: float) -> float:
        pad = self.mm(1.2)
        tallest = max(self.metrics(self.font(points, c.bold)).boundingRect(
            QRectF(0, 0, w - 2 * pad, 1e7), int(Qt.TextFlag.TextWordWrap), c.text).height()
            for c, w in zip(row, widths, strict=True))
        return tallest + 2 * pad

    def _row(self, row: Sequence[TableCell], widths: Sequence[float], aligns: Sequence[Qt.AlignmentFlag],
             points: float, height: float, fill: QColor | None) -> None:
        top, pad = self.y, self.mm(1.2)
        if fill is not None:
            self.draw(lambda p: p.fillRect(QRectF(0, top, self.width, height), fill))
        x = 0.0
        for cell, width, align in zip(row, widths, aligns, strict=True):
            rect = QRectF(x + pad, top + pad, width - 2 * pad, height - 2 * pad)
            font = self.font(points, cell.bold)
            flags = align | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
            self.draw(lambda p, r=rect, c=cell, f=font, a=flags: _text(p, r, c.text, f, c.color or INK, a))
            x += width
        self.draw(lambda p: _line(p, QPointF(0, top + height), QPointF(self.width, top + height), RULE, 2))
        self.y += height

    # --- painting -----------------------------------------------------------------------------

    def finish(self) -> int:
        """Paint every page with its footer; returns the page count."""
        painter = QPainter(self.writer)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            total = len(self.pages)
            for number, steps in enumerate(self.pages, start=1):
                if number > 1:
                    self.writer.newPage()
                for step in steps:
                    step(painter)
                self._footer(painter, number, total)
        finally:
            painter.end()
        return len(self.pages)

    def _footer(self, painter: QPainter, number: int, total: int) -> None:
        left, right = self.footer(number, total)
        if not left and not right:
            return
        top = self.height - self.mm(6)
        _line(painter, QPointF(0, top - self.mm(1)), QPointF(self.width, top - self.mm(1)), RULE, 2)
        rect = QRectF(0, top, self.width, self.mm(6))
        font = self.font(8)
        _text(painter, rect, left, font, GREY, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        _text(painter, rect, right, font, GREY, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _cells(row: Sequence[TableCell | str]) -> list[TableCell]:
    return [c if isinstance(c, TableCell) else TableCell(c) for c in row]


def _text(painter: QPainter, rect: QRectF, text: str, font: QFont, color: QColor, flags: object) -> None:
    painter.setFont(font)
    painter.setPen(color)
    painter.drawText(rect, int(flags), text)  # type: ignore[call-overload]


def _line(painter: QPainter, start: QPointF, end: QPointF, color: QColor, width: float) -> None:
    painter.setPen(QPen(color, width))
    painter.drawLine(start, end)
