"""The indicator report: which records a caller may count, their facts computed and named.

The rules (also stated in sync/reports_protocol.py, the report's contract):

- a specialist counts their own records only, in any area: nothing of anyone else is read;
- a station manager counts their station's records, in any area; ``station`` may name only theirs;
- a county / league / region admin counts every station's records whose village lies in the area,
  which must be within their own county / league / the region (403 otherwise); ``station``
  narrows the report to one station of their area. A visit by another county's station in one of
  the county's villages counts for the county: 三覆盖 is about where the service happened.

Figures come from ``sync.indicators.compute``, the same function a device runs over its store, so
a station manager's laptop and the server agree on every figure for the same records.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

from sqlalchemy.orm import Session

from sync.domain.counting import CountingRule, load_taxonomy, rule_for
from sync.indicators import ONSITE_DAYS_KEY, ONSITE_DAYS_TARGET, Area, VisitFact, compute
from sync.domain.vocabulary import Role
from sync.protocol import ErrorCode
from sync.reports_protocol import REGION_CODE, IndicatorReport, report_from_indicators
from sync.server.clock import utcnow
from sync.server.errors import ApiError
from sync.server.scope import Viewer
from sync.server.services.auth import Caller
from sync.server.services.reference_import import default_reference_dir
from sync.server.store import divisions, report_facts, stations, targets, users
from sync.server.store.database import Database
from sync.server.store.report_facts import FactSelection

log = logging.getLogger(__name__)

REGION_NAME = "内蒙古自治区"
_LEVEL_OF_LENGTH = {4: "league", 6: "county"}


@dataclass(frozen=True)
class ReportRequest:
    year: int
    area_code: str
    station_id: str | None = None
    #: Approved records only (the default), or submitted ones not yet reviewed too; never drafts or returned.
    approved_only: bool = True
    with_coverage: bool = True


def indicator_report(db: Database, caller: Caller, request: ReportRequest) -> IndicatorReport:
    """The report ``request`` asks for, as ``caller`` may see it; ApiError 403 / 422 when refused."""
    with db.read() as session:
        area_name = _area_name(session, request.area_code)
        selection = _selection(session, caller.viewer, request)
        rule = rule_for(request.approved_only)
        visits = list(report_facts.visit_facts(session, request.year, rule, selection))
        trainings = report_facts.training_facts(session, request.year, rule, selection)
        everywhere = _whole_year_visits(session, request, rule, selection, visits)
        counties, names = (divisions.county_geographies(session, request.area_code) if request.with_coverage
                           else ([], {}))
        onsite_target = targets.value_of(session, ONSITE_DAYS_KEY)
        figures = compute(request.year, Area(request.area_code, request.station_id), visits, trainings, counties,
                          onsite_days_target=int(onsite_target) if onsite_target is not None else ONSITE_DAYS_TARGET,
                          whole_year_visits=everywhere, industry_parents=industry_parents(), counting_rule=rule)
        display_names = users.display_names(session, (s.author_id for s in figures.specialists))
    return report_from_indicators(figures, area_code=request.area_code, area_name=area_name,
                                  station_id=request.station_id, approved_only=request.approved_only,
                                  generated_at=utcnow(), display_names=display_names, division_names=names)


@cache
def industry_parents() -> dict[str, tuple[str, ...]]:
    """The shipped industry taxonomy, the same file the devices read."""
    return load_taxonomy(default_reference_dir())


def _whole_year_visits(session: Session, request: ReportRequest, rule: CountingRule, selection: FactSelection,
                       visits: list[VisitFact]) -> list[VisitFact] | None:
    """The year's visits of the specialists in ``visits``, wherever they worked (their on-site days
    are their whole year); None when ``visits`` already holds them all (the region)."""
    if selection.division_code in (None, REGION_CODE) and selection.station_id is None:
        return None
    authors = frozenset(v.author_id for v in visits)
    if not authors:
        return []
    # Only the area is widened: a specialist still reads their own records, a station its own.
    wider = FactSelection(station_id=selection.station_id, author_id=selection.author_id, author_ids=authors)
    return list(report_facts.visit_facts(session, request.year, rule, wider))


def _area_name(session: Session, code: str) -> str:
    if code == REGION_CODE:
        return REGION_NAME
    if not divisions.count(session):
        log.warning("no division list on the server: run `fieldbook-server import-reference`; "
                    "reports come without coverage")
        return code
    name = divisions.name_of(session, code)
    if name is None:
        raise ApiError(422, ErrorCode.INVALID_REQUEST,
                       f"area: no {_LEVEL_OF_LENGTH.get(len(code), 'division')} with code {code}")
    return name


def _selection(session: Session, viewer: Viewer, request: ReportRequest) -> FactSelection:
    """The records the caller's report reads, or ApiError 403 when the request is outside their scope."""
    area, station = request.area_code, request.station_id
    if viewer.role in (Role.SPECIALIST, Role.STATION_MANAGER):
        if station is not None and station != viewer.station_id:
            raise _forbidden(f"you may report on your own station ({viewer.station_id or 'none'}) only")
        if viewer.role is Role.SPECIALIST:
            return FactSelection(author_id=viewer.user_id, division_code=None if station else area)
        if viewer.station_id is None:
            raise _forbidden("your account belongs to no station")
        return FactSelection(station_id=viewer.station_id, division_code=None if station else area)
    own = _admin_area(viewer)
    if own is None:
        raise _forbidden(f"the {viewer.role.value} account has no area; ask the region administrator")
    if not area.startswith(own):
        raise _forbidden(f"area {area} is outside your area ({own})")
    if station is None:
        return FactSelection(division_code=area)
    found = stations.get(session, station)
    if found is None:
        raise ApiError(422, ErrorCode.INVALID_REQUEST, f"station: no station {station!r}")
    if not found.county_code.startswith(own):
        raise _forbidden(f"station {station} is outside your area ({own})")
    if not found.county_code.startswith(area):
        raise ApiError(422, ErrorCode.INVALID_REQUEST,
                       f"station: {station} lies in county {found.county_code}, outside area {area}")
    return FactSelection(station_id=station)


def _admin_area(viewer: Viewer) -> str | None:
    match viewer.role:
        case Role.COUNTY_ADMIN:
            return viewer.county_code
        case Role.LEAGUE_ADMIN:
            return viewer.league_code
        case Role.REGION_ADMIN:
            return REGION_CODE
    return None


def _forbidden(detail: str) -> ApiError:
    return ApiError(403, ErrorCode.FORBIDDEN, detail)
