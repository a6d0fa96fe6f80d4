"""Makes one export from a profile: gathers the data through ExportService and hands it to a writer.

The UI and ``fieldbook export`` both come through here. A PDF needs Qt's fonts, so a
QGuiApplication is created when none is running (offscreen when there is no display).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from desktop.domain.filters import RecordFilter, SortKey
from desktop.profile import Profile, open_profile
from desktop.reports.pdf_report import write_evaluation_pdf
from desktop.reports.record_tables import write_records_csv
from desktop.reports.report_text import ReportText
from desktop.reports.xlsx_export import write_indicators_xlsx, write_records_xlsx
from desktop.services.export import REGION_CODE, ExportError, ExportService, IndicatorReportData
from sync.domain.counting import counted_states, rule_for

_app: QGuiApplication | None = None


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication, or a new offscreen one for a headless run."""
    global _app
    running = QCoreApplication.instance()
    if isinstance(running, QGuiApplication):
        return running
    if running is not None:
        raise RuntimeError("a non-GUI QCoreApplication is running; PDF fonts need a QGuiApplication")
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["fieldbook-export"])
    return _app


class Exporter:
    """Exports of one profile in one language (zh_CN or en)."""

    def __init__(self, service: ExportService, language: str = "zh_CN"):
        self.service = service
        self.text = ReportText(language)
        self.text.industries = service.reference.industry_catalogue()

    @classmethod
    @contextmanager
    def open(cls, folder: Path, language: str = "zh_CN") -> Iterator[Exporter]:
        profile: Profile = open_profile(folder)
        try:
            yield cls(ExportService(profile.store), language)
        finally:
            profile.close()

    def export(self, what: str, fmt: str, path: Path, *, year: int | None = None, area: str | None = None,
               station: str | None = None, approved_only: bool = True) -> str:
        """Write ``what`` (indicators, visits, trainings, households) as ``fmt``; returns a one-line summary."""
        if what == "indicators":
            if year is None or area is None:
                raise ExportError("indicators need a year and an area")
            data = self.service.indicator_report(year, area, station, approved_only, with_records=fmt != "pdf")
            return self.indicators(data, fmt, path)
        return self.records(what, fmt, path, self.record_filter(what, year, area, station, approved_only))

    def indicators(self, data: IndicatorReportData, fmt: str, path: Path) -> str:
        self.text.onsite_days = data.figures.onsite_days_target
        about = f"{data.subject} {data.year}, {data.figures.visits} visits"
        if fmt == "xlsx":
            sheets = write_indicators_xlsx(data, path, self.text)
            return f"{about}; {len(sheets)} sheets ({', '.join(sheets)})"
        if fmt == "pdf":
            ensure_gui_application()
            return f"{about}; {write_evaluation_pdf(data, path, self.text)} pages"
        raise ExportError(f"indicators cannot be exported as {fmt}: use xlsx or pdf")

    def record_filter(self, what: str, year: int | None, area: str | None, station: str | None,
                      approved_only: bool) -> RecordFilter:
        """The list filter of the arguments; the area and station are checked to exist."""
        if area is not None:
            self.service.area_name(area)
        if station is not None:
            if what == "households":
                raise ExportError("households are listed by area; --station does not apply to them")
            self.service.station_name(station)
        return RecordFilter(
            date_from=dt.date(year, 1, 1) if year else None, date_to=dt.date(year, 12, 31) if year else None,
            division_code=area if area and area != REGION_CODE else None, station_id=station,
            review_states=counted_states(rule_for(approved_only)), sort=SortKey.DATE, descending=False)

    def records(self, what: str, fmt: str, path: Path, record_filter: RecordFilter) -> str:
        if what == "visits":
            rows = self.service.visits(record_filter)
        elif what == "trainings":
            rows = self.service.trainings(record_filter)
        elif what == "households":
            rows = self.service.households(record_filter.text, record_filter.division_code)
        else:
            raise ExportError(f"unknown list {what!r}: visits, trainings or households")
        if fmt == "xlsx":
            write_records_xlsx(what, rows, path, self.text)
        elif fmt == "csv":
            write_records_csv(what, rows, path, self.text)
        else:
            raise ExportError(f"{what} cannot be exported as {fmt}: use xlsx or csv")
        return f"{len(rows)} {what}"
