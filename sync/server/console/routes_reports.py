"""Console pages over the report service: the indicators with drill-down, the XLSX export, the targets."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sync.domain.vocabulary import Role
from sync.protocol import TargetUpdate
from sync.reports_protocol import AREA_PATTERN
from sync.server.console import i18n
from sync.server.console.pages import PREFIX, DbDep, FormUserDep, UserDep, message, render, source
from sync.server.console.report_export import workbook
from sync.server.errors import ApiError
from sync.server.services import audit, drill_down, reports
from sync.server.services import targets as target_service

router = APIRouter(prefix=PREFIX, include_in_schema=False)

YearQuery = Annotated[int | None, Query(ge=2000, le=2100)]
AreaQuery = Annotated[str | None, Query(pattern=AREA_PATTERN)]
StationQuery = Annotated[str | None, Query(min_length=1, max_length=32)]


SubmittedQuery = Annotated[bool, Query(description="count submitted records not yet reviewed too")]


def _request(who, year: int | None, area: str | None, station: str | None,
             submitted: bool = False) -> reports.ReportRequest:
    area = area or drill_down.home_area(who.viewer)
    # 三覆盖 is listed per county: asked for a county (or one station's county) only, so the region opens fast.
    return reports.ReportRequest(year or dt.date.today().year, area, station, approved_only=not submitted,
                                 with_coverage=len(area) == 6)


@router.get("/", response_class=HTMLResponse)
def home() -> Response:
    return RedirectResponse(PREFIX + "/indicators", status_code=303)


@router.get("/indicators", response_class=HTMLResponse)
async def indicators(request: Request, who: UserDep, db: DbDep, year: YearQuery = None, area: AreaQuery = None,
                     station: StationQuery = None, specialist: Annotated[str | None, Query(max_length=36)] = None,
                     submitted: SubmittedQuery = False) -> Response:
    wanted = _request(who, year, area, station, submitted)
    try:
        report = await run_in_threadpool(reports.indicator_report, db, who.caller, wanted)
    except ApiError as refused:
        return message(request, who, refused.detail, refused.status, back=PREFIX + "/indicators")
    trail = await run_in_threadpool(drill_down.trail, db, who.viewer, wanted.area_code, station)
    chosen = next((s for s in report.specialists if s.author_id == specialist), None)
    return render(request, "indicators.html", who, report=report, trail=trail, chosen=chosen,
                  year=wanted.year, area=wanted.area_code, station=station, submitted=submitted)


@router.get("/export.xlsx")
async def export(request: Request, who: UserDep, db: DbDep, year: YearQuery = None, area: AreaQuery = None,
                 station: StationQuery = None, submitted: SubmittedQuery = False) -> Response:
    wanted = _request(who, year, area, station, submitted)
    try:
        report = await run_in_threadpool(reports.indicator_report, db, who.caller, wanted)
    except ApiError as refused:
        return message(request, who, refused.detail, refused.status, back=PREFIX + "/indicators")
    data = workbook(report, i18n.translator(i18n.language(request)))
    name = f"fieldbook-{report.area_code}{'-' + station if station else ''}-{report.year}.xlsx"
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/targets", response_class=HTMLResponse)
def targets_page(request: Request, who: UserDep, db: DbDep) -> Response:
    return render(request, "targets.html", who, listing=target_service.current(db),
                  editable=who.viewer.role is Role.REGION_ADMIN)


@router.post("/targets", response_class=HTMLResponse)
async def set_target(request: Request, who: FormUserDep, db: DbDep, key: Annotated[str, Form(max_length=64)],
                     value: Annotated[str, Form(max_length=32)]) -> Response:
    try:
        number = target_service.parse_value(value)
        actor = audit.Actor(who.user.username, source(request))
        await run_in_threadpool(target_service.update, db, who.caller, TargetUpdate(values={key: number}), actor)
    except ApiError as refused:
        return message(request, who, refused.detail, refused.status, back=PREFIX + "/targets")
    except ValueError as bad:
        return message(request, who, str(bad), 422, back=PREFIX + "/targets")
    return RedirectResponse(PREFIX + "/targets", status_code=303)
