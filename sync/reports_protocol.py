"""The wire contract of the server's reports (versioned beside sync/protocol.py).

``GET /api/v1/reports/indicators`` answers an ``IndicatorReport``: the figures of
``sync.indicators.compute`` for a year and an area, with names added for people (specialists'
display names, the townships and villages coverage has not reached). Calls send the sync
protocol's headers (X-Fieldbook-Protocol, a bearer token). A change an older reader could not
read bumps REPORTS_VERSION; every report states the version it was written in.

Who may ask for what (the server refuses anything else with 403):

- specialist: their own records only, in any area (their own figures toward the 60 days);
- station manager: their station's records; ``station`` may only name their own station;
- county / league / region admin: every station's records whose village lies in the area, which
  must be within their county / league / the region; ``station`` narrows to one station of it.

``approved_only=true`` (the default) counts only records a station manager has approved (the
year-end evaluation's figure); ``false`` adds records submitted and not yet reviewed, and the
report says so in ``counting_rule``. Drafts and returned records never count. Version 2: this
rule (version 1 counted every live record by default), ``counting_rule``, multi-day visits,
whole-year on-site days and the industry taxonomy in coverage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

from pydantic import BaseModel, ConfigDict

from sync.domain.coverage import Coverage
from sync.indicators import ONSITE_DAYS_TARGET, SpecialistDays, YearIndicators

REPORTS_VERSION: Final = 2
INDICATORS_REPORT_PATH: Final = "/api/v1/reports/indicators"
REGION_CODE: Final = "15"
#: The area parameter: the region ("15"), a league (4 digits) or a county (6 digits).
AREA_PATTERN: Final = r"^15([0-9]{2}([0-9]{2})?)?$"


class _Report(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DivisionRef(_Report):
    code: str
    name: str


class SpecialistFigures(_Report):
    author_id: str
    display_name: str
    visits: int
    onsite_days: int
    below_target: bool


class CountyCoverage(_Report):
    """三覆盖 for one county: leading industries guided, townships with on-site service, villages served."""

    county_code: str
    name: str
    industries_guided: list[str]
    industries_unguided: list[str]
    townships_served: int
    townships_total: int
    townships_unserved: list[DivisionRef]
    villages_served: int
    villages_total: int
    villages_unserved: list[DivisionRef]


class IndicatorReport(_Report):
    report_version: int = REPORTS_VERSION
    year: int
    area_code: str
    area_name: str
    station_id: str | None
    approved_only: bool
    generated_at: dt.datetime
    visits: int
    onsite_visits: int
    households_served: int
    trainings: int
    local_talent_trained: int
    grassroots_technicians_trained: int
    trained_by_category: dict[str, int]
    visits_by_service_type: dict[str, int]
    #: Industries with the most visits first.
    visits_by_industry: dict[str, int]
    #: Fewest on-site days first, as ``compute`` orders them.
    specialists: list[SpecialistFigures]
    specialists_below_target: int
    coverage: list[CountyCoverage]
    #: The on-site days target the flags were computed against (the plan's 60 unless an admin changed it).
    onsite_days_target: int = ONSITE_DAYS_TARGET
    #: Which records were counted: "approved", or "approved_and_submitted" (sync.domain.counting).
    counting_rule: str = "approved"


def report_from_indicators(figures: YearIndicators, *, area_code: str, area_name: str, station_id: str | None,
                           approved_only: bool, generated_at: dt.datetime, display_names: Mapping[str, str],
                           division_names: Mapping[str, str]) -> IndicatorReport:
    """The report of ``figures``; a name not found falls back to the id or code it names."""
    def refs(codes: tuple[str, ...]) -> list[DivisionRef]:
        return [DivisionRef(code=c, name=division_names.get(c, c)) for c in codes]

    return IndicatorReport(
        year=figures.year, area_code=area_code, area_name=area_name, station_id=station_id,
        approved_only=approved_only, generated_at=generated_at, visits=figures.visits,
        onsite_visits=figures.onsite_visits, households_served=figures.households_served,
        trainings=figures.trainings, local_talent_trained=figures.local_talent_trained,
        grassroots_technicians_trained=figures.grassroots_technicians_trained,
        trained_by_category=dict(figures.trained_by_category),
        visits_by_service_type=dict(figures.visits_by_service_type),
        visits_by_industry=dict(figures.visits_by_industry),
        specialists=[SpecialistFigures(author_id=s.author_id, display_name=display_names.get(s.author_id, s.author_id),
                                       visits=s.visits, onsite_days=s.onsite_days, below_target=s.below_target)
                     for s in figures.specialists],
        specialists_below_target=len(figures.specialists_below_target),
        onsite_days_target=figures.onsite_days_target, counting_rule=figures.counting_rule,
        coverage=[CountyCoverage(
            county_code=c.county_code, name=c.name, industries_guided=list(c.industries_guided),
            industries_unguided=list(c.industries_unguided), townships_served=c.townships_served,
            townships_total=c.townships_total, townships_unserved=refs(c.townships_unserved),
            villages_served=c.villages_served, villages_total=c.villages_total,
            villages_unserved=refs(c.villages_unserved)) for c in figures.coverage],
    )


def indicators_from_report(report: IndicatorReport) -> YearIndicators:
    """The plain figures again, so a client can compare them with its own ``compute`` field by field."""
    return YearIndicators(
        year=report.year, visits=report.visits, onsite_visits=report.onsite_visits,
        households_served=report.households_served, trained_by_category=dict(report.trained_by_category),
        specialists=tuple(SpecialistDays(s.author_id, s.onsite_days, s.visits, report.onsite_days_target)
                          for s in report.specialists),
        onsite_days_target=report.onsite_days_target, counting_rule=report.counting_rule,
        visits_by_service_type=dict(report.visits_by_service_type),
        visits_by_industry=dict(report.visits_by_industry), trainings=report.trainings,
        coverage=tuple(Coverage(
            county_code=c.county_code, name=c.name, industries_guided=tuple(c.industries_guided),
            industries_unguided=tuple(c.industries_unguided), townships_served=c.townships_served,
            townships_total=c.townships_total, townships_unserved=tuple(r.code for r in c.townships_unserved),
            villages_served=c.villages_served, villages_total=c.villages_total,
            villages_unserved=tuple(r.code for r in c.villages_unserved)) for c in report.coverage),
    )
