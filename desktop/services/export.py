"""What the exports need from the store: a year's indicators with names and targets, and whole record lists.

The writers in desktop/reports turn these plain values into XLSX, CSV and PDF files; nothing here
knows a file format or Qt. An indicator report counts what ``IndicatorService`` counts, and its
raw record lists are exactly the records counted, so the figures can be checked row by row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeVar

from desktop.domain.filters import RecordFilter, SortKey
from desktop.domain.summaries import HouseholdDetail, TrainingDetail, TrainingSummary, VisitDetail, VisitSummary
from desktop.services.identity import IdentityService
from desktop.services.indicators import IndicatorService
from desktop.services.reference import ReferenceService, TargetItem
from desktop.store import export_queries, queries
from desktop.store.store import Store, Unit
from sync.domain.consent import CONTACT_ROLES
from sync.domain.counting import counted_states, rule_for
from sync.indicators import Area, YearIndicators

REGION_CODE = "15"
REGION_NAME = "内蒙古自治区"
_AREA = re.compile(r"15([0-9]{2}([0-9]{2})?)?")
_PAGE = 5000

T = TypeVar("T")


class ExportError(Exception):
    """The export cannot be made as asked (an unknown area or station); the message says why."""


@dataclass(frozen=True)
class IndicatorReportData:
    """One year's figures for an area or a station, with everything a printed report names."""

    year: int
    area_code: str
    area_name: str  # "赤峰市 巴林左旗"
    station_code: str | None
    station_name: str | None
    approved_only: bool
    produced_on: dt.date
    figures: YearIndicators
    specialist_names: dict[str, str]
    #: Names of the townships of the area's counties and of the villages coverage has not reached.
    division_names: dict[str, str]
    targets: tuple[TargetItem, ...]
    #: The records the figures count, oldest first.
    visits: tuple[VisitSummary, ...]
    trainings: tuple[TrainingSummary, ...]

    @property
    def subject(self) -> str:
        """What the report is about: the station's name, else the area's."""
        return self.station_name or self.area_name

    def specialist_name(self, author_id: str) -> str:
        return self.specialist_names.get(author_id) or author_id


class ExportService:
    """Reads what an export needs in plain values; writes nothing and raises ExportError for bad arguments."""

    def __init__(self, store: Store, today: Callable[[], dt.date] = dt.date.today):
        self.store = store
        self.reference = ReferenceService(store)
        self.today = today

    def indicator_report(self, year: int, area_code: str, station_code: str | None = None,
                         approved_only: bool = True, with_records: bool = True) -> IndicatorReportData:
        """Raises ExportError for an area code that is not the region, a league or a county, or an unknown station.

        ``with_records=False`` leaves the raw record lists empty (a printed report does not list them;
        a region's year holds 400,000 visits).
        """
        area_name = self.area_name(area_code)
        station_name = self.station_name(station_code) if station_code else None
        figures = IndicatorService(self.store).year(year, Area(area_code, station_code), approved_only)
        record_filter = self.report_filter(year, area_code, station_code, approved_only)
        visits = tuple(self.visits(record_filter)) if with_records else ()
        trainings = tuple(self.trainings(record_filter)) if with_records else ()
        names = {v.author_id: v.author_name for v in visits if v.author_name} if with_records else \
            self._author_names(record_filter, [s.author_id for s in figures.specialists])
        return IndicatorReportData(
            year=year, area_code=area_code, area_name=area_name, station_code=station_code,
            station_name=station_name, approved_only=approved_only, produced_on=self.today(), figures=figures,
            specialist_names={s.author_id: names.get(s.author_id, s.author_id) for s in figures.specialists},
            division_names=self._division_names(figures), targets=tuple(self.reference.targets()),
            visits=visits, trainings=trainings)

    @staticmethod
    def report_filter(year: int, area_code: str, station_code: str | None = None,
                      approved_only: bool = True) -> RecordFilter:
        """The list filter that selects the records ``IndicatorService.year`` counts for the same arguments."""
        return RecordFilter(
            date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31),
            division_code=None if station_code or area_code == REGION_CODE else area_code,
            station_id=station_code, review_states=counted_states(rule_for(approved_only)),
            sort=SortKey.DATE, descending=False)

    def area_name(self, area_code: str) -> str:
        if not _AREA.fullmatch(area_code):
            raise ExportError(f"area {area_code!r} is not 15 (the region), a 4-digit league or a 6-digit county code")
        if area_code == REGION_CODE:
            return REGION_NAME
        division = self.reference.division(area_code)
        if division is None or division.level not in ("league", "county"):
            raise ExportError(f"no league or county with code {area_code}")
        return division.path.replace(" / ", " ")

    def station_name(self, station_code: str) -> str:
        for station in self.reference.stations():
            if station.code == station_code:
                return station.name
        raise ExportError(f"no station {station_code!r} on this device")

    # --- whole lists ------------------------------------------------------------------------

    def visits(self, record_filter: RecordFilter) -> list[VisitDetail]:
        """The visits of the filter, in its order, with every field entered (advice, duration, households…)."""
        with self.store.reader() as s:
            return export_queries.visit_details(s, self._all(
                lambda s, offset: queries.list_visits(s, record_filter, offset, _PAGE), session=s))

    def trainings(self, record_filter: RecordFilter) -> list[TrainingDetail]:
        """The trainings of the filter, in its order, with every field entered (place, trainers, attendees
        per category…); the named attendees' names only for a role whose work needs them."""
        with self.store.reader() as s:
            rows = export_queries.training_details(s, self._all(
                lambda s, offset: queries.list_trainings(s, record_filter, offset, _PAGE), session=s))
        if self._may_see_contacts():
            return rows
        return [replace(row, attendee_names=()) for row in rows]

    def households(self, text: str = "", division_code: str | None = None) -> list[HouseholdDetail]:
        """Households of the area with every field entered; their phone numbers and notes (which may
        hold an ID) only for a role whose work needs them."""
        with self.store.reader() as s:
            rows = export_queries.household_details(s, self._all(
                lambda s, offset: queries.list_households(s, text, division_code, offset, _PAGE), session=s))
        if self._may_see_contacts():
            return rows
        return [replace(row, phone="", notes="") for row in rows]

    def _may_see_contacts(self) -> bool:
        """Whether the user's role works with the people served (a specialist, a station manager)."""
        identity = IdentityService(self.store).current()
        return identity is not None and identity.role in CONTACT_ROLES

    def _all(self, page: Callable[..., list[T]], session: Unit | None = None) -> list[T]:
        if session is None:
            with self.store.reader() as s:  # one snapshot: rows saved meanwhile neither repeat nor go missing
                return self._all(page, s)
        rows: list[T] = []
        while True:
            batch = page(session, len(rows))
            rows.extend(batch)
            if len(batch) < _PAGE:
                return rows

    def _author_names(self, record_filter: RecordFilter, author_ids: list[str]) -> dict[str, str]:
        """Display names as the visit list shows them, from one visit of each author."""
        names: dict[str, str] = {}
        with self.store.reader() as s:
            for author_id in author_ids:
                first = queries.list_visits(s, replace(record_filter, author_id=author_id), 0, 1)
                if first and first[0].author_name:
                    names[author_id] = first[0].author_name
        return names

    def _division_names(self, figures: YearIndicators) -> dict[str, str]:
        names: dict[str, str] = {}
        for county in figures.coverage:
            townships = self.reference.children(county.county_code)
            names.update((t.code, t.name) for t in townships)
            for township in sorted({code[:9] for code in county.villages_unserved}):
                names.update((v.code, v.name) for v in self.reference.children(township))
        return names
