"""The indicator workbook (XLSX) of one report, written on the server from the report service's figures."""

from __future__ import annotations

import io

from sync.reports_protocol import IndicatorReport


def workbook(report: IndicatorReport, t) -> bytes:
    """Sheets: the indicators, the specialists' on-site days, the visits by type and industry, 三覆盖."""
    from openpyxl import Workbook  # here: the server's workers start without it
    from openpyxl.styles import Font

    bold = Font(bold=True)
    book = Workbook()
    summary = book.active
    summary.title = t("Indicators")
    summary.append([f"{report.area_name} {report.year}" + (f" · {report.station_id}" if report.station_id else "")])
    summary["A1"].font = bold
    for label, value in ((t("Visits"), report.visits), (t("On-site visits"), report.onsite_visits),
                         (t("Households served"), report.households_served), (t("Trainings"), report.trainings),
                         (t("Local talent trained"), report.local_talent_trained),
                         (t("Grassroots technicians trained"), report.grassroots_technicians_trained),
                         (t("Specialists under the on-site days target"), report.specialists_below_target)):
        summary.append([label, value])
    people = book.create_sheet(t("Specialists"))
    people.append([t("Name"), t("Visits"), t("On-site days"), f"< {report.onsite_days_target}"])
    for s in report.specialists:
        people.append([s.display_name, s.visits, s.onsite_days, "✗" if s.below_target else ""])
    by_type = book.create_sheet(t("Visits by service type"))
    for key, count in report.visits_by_service_type.items():
        by_type.append([t(key), count])
    by_industry = book.create_sheet(t("Visits by industry"))
    for key, count in report.visits_by_industry.items():
        by_industry.append([key, count])
    coverage = book.create_sheet(t("Coverage (三覆盖)"))
    coverage.append([t("Counties"), t("Townships served"), t("Villages served")])
    for c in report.coverage:
        coverage.append([c.name, f"{c.townships_served}/{c.townships_total}", f"{c.villages_served}/{c.villages_total}"])
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = bold
        sheet.column_dimensions["A"].width = 28
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
