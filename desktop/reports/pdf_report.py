"""The printable year-end evaluation report (A4 PDF) of a station or an area.

Title page; indicators against the plan's targets; bar charts of visits by service type and of
on-site days per specialist; the per-member table; 三覆盖 per county; and the townships and
villages not yet reached, listed township by township over as many pages as they take.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.reports.pdf_canvas import GREEN, GREY, RED, PdfCanvas, TableCell
from desktop.reports.pdf_charts import Bar, bar_chart
from desktop.reports.pdf_text_map import fix_cjk_text_map
from desktop.reports.report_text import ReportText
from desktop.reports.target_progress import target_progress
from desktop.services import vocabulary
from desktop.services.export import IndicatorReportData

_RIGHT, _CENTER = Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignHCenter
_LEFT = Qt.AlignmentFlag.AlignLeft
_ZH_NUMBERS = "一二三四五六七八九十"


def write_evaluation_pdf(data: IndicatorReportData, path: Path, text: ReportText) -> int:
    """Write the report; returns its page count. Needs a QGuiApplication for fonts."""
    title = text("report_title")
    subject = f"{data.subject} · {text('year_value', year=data.year)}"
    canvas = PdfCanvas(path, f"{data.subject} {data.year} {title}",
                       lambda n, total: ("", "") if n == 1 else (f"{title} · {subject}", text("page", n=n, total=total)))
    sections = _Sections(canvas, text)
    _title_page(canvas, data, text)
    canvas.new_page()
    _targets(sections, canvas, data, text)
    _service_types(sections, canvas, data, text)
    _onsite_days(sections, canvas, data, text)
    _members(sections, canvas, data, text)
    if data.figures.coverage:
        _coverage(sections, canvas, data, text)
        _uncovered(sections, canvas, data, text)
    pages = canvas.finish()
    fix_cjk_text_map(path, canvas.family)
    return pages


class _Sections:
    """Numbered headings: 一、二、… in Chinese, 1. 2. … in English."""

    def __init__(self, canvas: PdfCanvas, text: ReportText):
        self.canvas, self.text, self.count = canvas, text, 0

    def heading(self, key: str, keep_with_mm: float = 30) -> None:
        self.count += 1
        number = f"{_ZH_NUMBERS[self.count - 1]}、" if self.text.chinese else f"{self.count}. "
        self.canvas.heading(number + self.text(key), keep_with_mm=keep_with_mm)


def _title_page(canvas: PdfCanvas, data: IndicatorReportData, text: ReportText) -> None:
    canvas.y = canvas.height * 0.22
    canvas.paragraph(text("report_title"), 24, bold=True, color=GREEN, align=_CENTER)
    canvas.space(10)
    canvas.paragraph(data.subject, 20, bold=True, align=_CENTER)
    if data.station_name:
        canvas.space(2)
        canvas.paragraph(data.area_name, 13, align=_CENTER)
    canvas.space(4)
    canvas.paragraph(text("year_value", year=data.year), 16, align=_CENTER)
    canvas.y = canvas.height * 0.68
    facts = [(text("area"), data.area_name)] + ([(text("station"), data.station_name)] if data.station_name else []) + [
             (text("records_counted"), text("approved_only") if data.approved_only else text("all_records")),
             (text("produced_on"), data.produced_on.isoformat())]
    for label, value in facts:
        canvas.paragraph(f"{label}：{value}" if text.chinese else f"{label}: {value}", 11, align=_CENTER)
        canvas.space(1)
    canvas.space(6)
    canvas.paragraph(text("produced_by"), 9, color=GREY, align=_CENTER)


def _targets(sections: _Sections, canvas: PdfCanvas, data: IndicatorReportData, text: ReportText) -> None:
    sections.heading("indicators_vs_targets")
    rows = []
    for p in target_progress(data):
        mark = {True: TableCell("✓", GREEN, True), False: TableCell("✗", RED, True), None: TableCell("—")}[p.met]
        rows.append([text(p.text_key) + (" *" if p.share_only else ""), text.number(p.target), text.number(p.actual),
                     text(p.unit_key), text.percent(p.ratio), mark])
    canvas.table([text("target"), text("target_value"), text("actual"), text("unit"), text("percent"), text("met")],
                 [38, 11, 11, 14, 13, 10], rows, [_LEFT, _RIGHT, _RIGHT, _CENTER, _RIGHT, _CENTER])
    if any(p.share_only for p in target_progress(data)):
        canvas.paragraph("* " + text("region_target_note"), 8.5, color=GREY)
    figures = data.figures
    canvas.space(2)
    canvas.paragraph("　".join(f"{text(k)}：{text.number(v)}" if text.chinese else f"{text(k)}: {text.number(v)}" for k, v in (
        ("visits_total", figures.visits), ("onsite_visits", figures.onsite_visits),
        ("trainings_total", figures.trainings))), 10)


def _service_types(sections: _Sections, canvas: PdfCanvas, data: IndicatorReportData, text: ReportText) -> None:
    sections.heading("by_service_type", keep_with_mm=45)
    bar_chart(canvas, [Bar(text.vocab(vocabulary.SERVICE_TYPES, code), n)
                       for code, n in data.figures.visits_by_service_type.items()], bar_mm=7)


def _onsite_days(sections: _Sections, canvas: PdfCanvas, data: IndicatorReportData, text: ReportText) -> None:
    sections.heading("onsite_days_chart", keep_with_mm=45)
    specialists = data.figures.specialists
    if not specialists:
        canvas.paragraph(text("none"), 10, color=GREY)
        return
    bars = [Bar(data.specialist_name(s.author_id), s.onsite_days, s.below_target) for s in specialists]
    target = data.figures.onsite_days_target
    bar_chart(canvas, bars, target=target,
              legend=[(text("legend_target", days=target), None), (text("legend_met"), False),
                      (text("legend_below"), True)])


def _members(sections: _Sections, canvas: PdfCanvas, data: IndicatorReportData, text: ReportText) -> None:
    sections.heading("per_member")
    rows = [[str(i), data.specialist_name(s.author_id), text.number(s.visits), text.number(s.onsite_days),
             TableCell(text("yes"), RED, True) if s.below_target else TableCell(text("no"))]
            for i, s in enumerate(data.figures.specialists, start=1)]
    if not rows:
        canvas.paragraph(text("none"), 10, color=GREY)
        return
    canvas.table(["#", text("specialist"), text("visits"), text("onsite_days"), text("below_60")],
                 [6, 40, 16, 20, 18], rows, [_RIGHT, _LEFT, _RIGHT, _RIGHT, _CENTER])


def _coverage(sections: _Sections, canvas: PdfCanvas, data: IndicatorReportData, text: ReportText) -> None:
    sections.heading("coverage")

    def served(done: int, total: int) -> TableCell:
        return TableCell(f"{done} / {total}", GREEN if total and done == total else None)

    rows = [[c.name, text.join(c.industries_guided) or text("none"), text.join(c.industries_unguided) or text("none"),
             served(c.townships_served, c.townships_total), served(c.villages_served, c.villages_total)]
            for c in data.figures.coverage]
    canvas.table([text("county"), text("industries_guided"), text("industries_unguided"), text("townships_served"),
                  text("villages_served")], [15, 26, 26, 17, 16], rows, [_LEFT, _LEFT, _LEFT, _CENTER, _CENTER])


def _uncovered(sections: _Sections, canvas: PdfCanvas, data: IndicatorReportData, text: ReportText) -> None:
    sections.heading("uncovered_list")
    names = data.division_names
    colon = "：" if text.chinese else ": "
    if all(not c.townships_unserved and not c.villages_unserved for c in data.figures.coverage):
        canvas.paragraph(text("all_reached"), 10, color=GREEN)
        return
    for county in data.figures.coverage:
        if not county.townships_unserved and not county.villages_unserved:
            continue
        canvas.ensure(canvas.mm(20))
        canvas.space(1.5)
        canvas.paragraph(county.name, 11, bold=True)
        townships = text.join([names.get(t, t) for t in county.townships_unserved]) or text("none")
        canvas.paragraph(f"{text('townships_unserved')}{colon}{townships}", 9.5, indent_mm=3, hanging_mm=6)
        by_township: dict[str, list[str]] = {}
        for code in county.villages_unserved:
            by_township.setdefault(code[:9], []).append(names.get(code, code))
        for township, villages in by_township.items():
            label = f"{names.get(township, township)}（{len(villages)}）" if text.chinese \
                else f"{names.get(township, township)} ({len(villages)})"
            canvas.paragraph(f"{label}{colon}{text.join(villages)}", 9, color=QColor("#333333"), indent_mm=3,
                             hanging_mm=6)
