"""XLSX workbooks: the year's indicators (summary, breakdowns, specialists, coverage, raw records) and record lists.

Workbooks are written in openpyxl's write-only mode, row by row: a region's year holds some
400,000 visits, which a workbook kept in memory cell by cell could not hold on a field laptop.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop.reports.record_tables import COLUMNS, SHEET_TITLES, Cell, RecordRow, cells, header
from desktop.reports.report_text import ReportText
from desktop.reports.target_progress import target_progress
from desktop.services import vocabulary
from desktop.services.export import IndicatorReportData

_HEADER = {"font": Font(bold=True, color="FFFFFF"), "fill": PatternFill("solid", fgColor="2F6B4F"),
           "alignment": Alignment(vertical="center", wrap_text=True)}
_TITLE = {"font": Font(bold=True, size=14)}
_BOLD = {"font": Font(bold=True)}
_WARN = {"font": Font(color="B00020", bold=True)}
_WRAP = {"alignment": Alignment(wrap_text=True, vertical="top")}
_PERCENT = {"number_format": "0.0%"}
_MARK = {True: "✓", False: "✗", None: "—"}


def write_indicators_xlsx(data: IndicatorReportData, path: Path, text: ReportText) -> list[str]:
    """Write the workbook; returns its sheet names in order."""
    book = Workbook(write_only=True)
    _summary(book, data, text)
    _breakdown(book, data, text)
    _specialists(book, data, text)
    _coverage(book, data, text)
    _uncovered(book, data, text)
    _records(book, "visits", data.visits, text)
    _records(book, "trainings", data.trainings, text)
    book.save(path)
    return book.sheetnames


def write_records_xlsx(kind: str, rows: Sequence[RecordRow], path: Path, text: ReportText) -> list[str]:
    book = Workbook(write_only=True)
    _records(book, kind, rows, text)
    book.save(path)
    return book.sheetnames


def _sheet(book: Workbook, title: str, widths: Sequence[int], freeze: str | None = "A2") -> WriteOnlyWorksheet:
    sheet = book.create_sheet(title)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    if freeze:
        sheet.freeze_panes = freeze
    return sheet


def _cell(sheet: WriteOnlyWorksheet, value: Any, style: dict[str, Any] | None = None) -> Any:
    if not style:
        return value
    cell = WriteOnlyCell(sheet, value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _header(sheet: WriteOnlyWorksheet, titles: Iterable[str]) -> None:
    sheet.append([_cell(sheet, title, _HEADER) for title in titles])


def _summary(book: Workbook, data: IndicatorReportData, text: ReportText) -> None:
    sheet = _sheet(book, text("sheet_summary"), [34, 14, 12, 8, 12, 10, 30], freeze=None)
    sheet.append([_cell(sheet, f"{data.subject} {text('year_value', year=data.year)} {text('report_title')}", _TITLE)])
    sheet.append([])
    for label, value in ((text("area"), data.area_name), (text("station"), data.station_name or "—"),
                         (text("year"), data.year), (text("produced_on"), data.produced_on),
                         (text("records_counted"), text("approved_only") if data.approved_only
                          else text("all_records"))):
        sheet.append([_cell(sheet, label, _BOLD), _cell(sheet, value, {"alignment": Alignment(horizontal="left")})])
    sheet.append([])
    sheet.append([_cell(sheet, text("indicators_vs_targets"), _BOLD)])
    _header(sheet, [text("target"), text("target_value"), text("actual"), text("unit"), text("percent"),
                    text("met"), ""])
    for p in target_progress(data):
        sheet.append([text(p.text_key), p.target, p.actual, text(p.unit_key),
                      _cell(sheet, p.ratio, _PERCENT) if p.ratio is not None else "—",
                      _cell(sheet, _MARK[p.met], _WARN if p.met is False else None),
                      text("region_target_note") if p.share_only else ""])
    figures = data.figures
    sheet.append([])
    sheet.append([_cell(sheet, text("key_figures"), _BOLD)])
    for label, value in ((text("visits_total"), figures.visits), (text("onsite_visits"), figures.onsite_visits),
                         (text("trainings_total"), figures.trainings)):
        sheet.append([label, value])


def _breakdown(book: Workbook, data: IndicatorReportData, text: ReportText) -> None:
    """Three tables side by side: visits by service type, people trained by category, visits by industry."""
    sheet = _sheet(book, text("sheet_breakdown"), [22, 8, 3, 22, 8, 3, 16, 8], freeze="A3")
    figures = data.figures
    tables = [
        ("by_service_type", "service_type", "count",
         [[text.vocab(vocabulary.SERVICE_TYPES, code), n] for code, n in figures.visits_by_service_type.items()]),
        ("by_category", "category", "people",
         [[text.vocab(vocabulary.ATTENDEE_CATEGORIES, code), n] for code, n in figures.trained_by_category.items()]),
        ("by_industry", "industry", "count", [[text.industry(industry), n] for industry, n in figures.visits_by_industry.items()]),
    ]
    titles: list[Any] = []
    headers: list[Any] = []
    for title, first, second, _rows in tables:
        titles += [_cell(sheet, text(title), _BOLD), None, None]
        headers += [_cell(sheet, text(first), _HEADER), _cell(sheet, text(second), _HEADER), None]
    sheet.append(titles)
    sheet.append(headers)
    for i in range(max(len(rows) for *_, rows in tables)):
        line: list[Cell] = []
        for *_, rows in tables:
            line += (rows[i] if i < len(rows) else [None, None]) + [None]
        sheet.append(line)


def _specialists(book: Workbook, data: IndicatorReportData, text: ReportText) -> None:
    sheet = _sheet(book, text("sheet_specialists"), [20, 10, 14, 10])
    _header(sheet, [text("specialist"), text("visits"), text("onsite_days"), text("below_60")])
    for s in data.figures.specialists:
        flag = _cell(sheet, text("yes"), _WARN) if s.below_target else text("no")
        sheet.append([data.specialist_name(s.author_id), s.visits, s.onsite_days, flag])


def _coverage(book: Workbook, data: IndicatorReportData, text: ReportText) -> None:
    sheet = _sheet(book, text("sheet_coverage"), [12, 14, 24, 24, 10, 10, 10, 10, 40, 12], freeze="C2")
    _header(sheet, [text(k) for k in ("county_code", "county", "industries_guided", "industries_unguided",
                                      "townships_served", "townships_total", "villages_served", "villages_total",
                                      "townships_unserved", "villages_unserved")])
    for c in data.figures.coverage:
        unserved = text.join([data.division_names.get(t, t) for t in c.townships_unserved]) or text("none")
        sheet.append([c.county_code, c.name, _cell(sheet, text.join(c.industries_guided), _WRAP),
                      _cell(sheet, text.join(c.industries_unguided), _WRAP), c.townships_served, c.townships_total,
                      c.villages_served, c.villages_total, _cell(sheet, unserved, _WRAP), len(c.villages_unserved)])


def _uncovered(book: Workbook, data: IndicatorReportData, text: ReportText) -> None:
    sheet = _sheet(book, text("sheet_uncovered"), [14, 18, 16, 24])
    names = data.division_names
    rows = [[c.name, names.get(code[:9], code[:9]), code, names.get(code, code)]
            for c in data.figures.coverage for code in c.villages_unserved]
    _header(sheet, [text("county"), text("township"), text("village_code"), text("village")])
    for row in rows:
        sheet.append(row)
    sheet.auto_filter.ref = f"A1:D{len(rows) + 1}"


def _records(book: Workbook, kind: str, rows: Sequence[RecordRow], text: ReportText) -> None:
    columns = COLUMNS[kind]
    sheet = _sheet(book, text(SHEET_TITLES[kind]), [c.width for c in columns])
    _header(sheet, header(columns, text))
    for row in rows:
        sheet.append(cells(row, columns, text))
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
