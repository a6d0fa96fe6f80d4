"""The evaluation written to a file: JSON, an XLSX workbook (openpyxl) or a PDF (reportlab).

Every file states which records were counted and the weights used. The PDF uses reportlab's
built-in Chinese font (STSong-Light), so no font file has to ship with the server.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape
from pathlib import Path
from typing import Any

from sync.domain.evaluation import UNIT_KINDS
from sync.domain.evaluation_document import label
from sync.domain.evaluation_table import case_rows, heading_lines, headers, plan_rows, rows

FORMATS = ("json", "xlsx", "pdf")


def write(doc: dict[str, Any], fmt: str, path: Path, language: str = "zh_CN") -> None:
    if fmt == "json":
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    elif fmt == "xlsx":
        _xlsx(doc, path, language)
    elif fmt == "pdf":
        _pdf(doc, path, language)
    else:
        raise ValueError(f"unknown format {fmt!r}: {', '.join(FORMATS)}")


def _xlsx(doc: dict[str, Any], path: Path, language: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = label("title", language)
    for line in [f"{label('title', language)} {doc['year']}", *heading_lines(doc, language)]:
        summary.append([line])
    summary.append([])
    summary.append([label("recommendations", language)])
    summary.append([label(k, language) for k in ("kind", "unit_id", "name", "score", "rank_in_region",
                                                 "confirmed")])
    for r in doc["recommendations"]:
        summary.append([label(r["kind"], language), r["unit_id"], r["name"], r["score"], r["rank_in_region"],
                        label("yes" if r["confirmed"] else "no", language)])
    summary["A1"].font = Font(bold=True, size=14)
    for kind in UNIT_KINDS:
        sheet = book.create_sheet(label(kind, language))
        sheet.append(headers(kind, language))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows(doc, kind, language):
            sheet.append(row)
        for column, width in zip("ABCDEFGHIJKL", (8, 8, 14, 24, 10, 18, 18, 18, 18, 18, 10, 10)):
            sheet.column_dimensions[column].width = width
    _sheet(book, label("plan", language), plan_rows(doc, language), (26, 22, 60, 14), bold_header=False)
    _sheet(book, label("typical_cases", language), case_rows(doc, language), (12, 8, 14, 14, 12, 80), bold_header=True)
    book.save(path)


def _sheet(book: Any, title: str, found: list[list[Any]], widths: tuple[int, ...], *, bold_header: bool) -> None:
    """A sheet of ``found`` rows, none when there are no rows."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if not found:
        return
    sheet = book.create_sheet(title)
    for row in found:
        sheet.append(row)
    if bold_header:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width


def _pdf(doc: dict[str, Any], path: Path, language: str) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        style.fontName = "STSong-Light"
    story: list[Any] = [Paragraph(f"{label('title', language)} {doc['year']} — {doc['area_name']}", styles["Title"])]
    story += [Paragraph(line, styles["Normal"]) for line in heading_lines(doc, language)]
    grid = TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"), ("FONTSIZE", (0, 0), (-1, -1), 7),
                       ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")), ("REPEATROWS", (0, 0), (-1, 0))])
    story += [Spacer(1, 8), Paragraph(label("recommendations", language), styles["Heading2"])]
    recommended = [[label(k, language) for k in ("kind", "unit_id", "name", "score", "rank_in_region",
                                                 "confirmed")]]
    recommended += [[label(r["kind"], language), r["unit_id"], r["name"], r["score"], r["rank_in_region"],
                     label("yes" if r["confirmed"] else "no", language)] for r in doc["recommendations"]]
    story.append(Table(recommended, repeatRows=1, style=grid))
    for kind in UNIT_KINDS:
        story += [Spacer(1, 8), Paragraph(label(kind, language), styles["Heading2"])]
        wrap = styles["Normal"].clone("cell", fontSize=7, leading=8)
        table = [[Paragraph(h, wrap) for h in headers(kind, language)]] + rows(doc, kind, language)
        story.append(Table(table, repeatRows=1, style=grid))
    plan = plan_rows(doc, language)
    if plan:
        wrap = styles["Normal"].clone("plan", fontSize=7, leading=9)
        story += [Spacer(1, 8), Paragraph(label("plan", language), styles["Heading2"]),
                  Table([[Paragraph(escape(str(cell)), wrap) for cell in row] for row in plan],
                        colWidths=(150, 130, 380, 80), style=grid)]
    cases = case_rows(doc, language)
    if cases:
        wrap = styles["Normal"].clone("case", fontSize=7, leading=9)
        story += [Spacer(1, 8), Paragraph(label("typical_cases", language), styles["Heading2"]),
                  Table([[Paragraph(escape(str(cell)), wrap) for cell in row] for row in cases], repeatRows=1,
                        colWidths=(60, 40, 70, 70, 60, 440), style=grid)]
    SimpleDocTemplate(str(path), pagesize=landscape(A4), title=f"{label('title', language)} {doc['year']}",
                      leftMargin=28, rightMargin=28, topMargin=28, bottomMargin=28).build(story)
