"""``GET /api/v1/reports/indicators``: the plan's indicators for a year and an area, within the caller's scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from sync.protocol import ErrorBody
from sync.reports_protocol import AREA_PATTERN, INDICATORS_REPORT_PATH, IndicatorReport
from sync.server.deps import CallerDep, DbDep, require_protocol
from sync.server.errors import error_responses
from sync.server.services import reports

router = APIRouter(tags=["reports"], dependencies=[Depends(require_protocol)],
                   responses=error_responses(401, 426, 503))


@router.get(INDICATORS_REPORT_PATH, response_model=IndicatorReport,
            responses={403: {"model": ErrorBody, "description": "the area or station is outside your scope"},
                       422: {"model": ErrorBody, "description": "a parameter is missing or wrong"}})
def indicators(
    caller: CallerDep, db: DbDep,
    year: Annotated[int, Query(ge=2000, le=2100, description="calendar year, e.g. 2026")],
    area: Annotated[str, Query(pattern=AREA_PATTERN, description='"15" (the region), a league or a county code')],
    station: Annotated[str | None, Query(min_length=1, max_length=32, description="one station's records only")]
    = None,
    approved_only: Annotated[bool, Query(description="true (default): count approved records only; false: "
                                               "approved and submitted ones not yet reviewed. Drafts and "
                                               "returned records never count")] = True,
    coverage: Annotated[bool, Query(description="list 三覆盖 coverage per county (the longest part)")] = True,
) -> IndicatorReport:
    request = reports.ReportRequest(year, area, station, approved_only, coverage)
    return reports.indicator_report(db, caller, request)
