"""The console's year-end evaluation page and its workbook, from the one evaluation function
(``services.evaluation.evaluation_document``) that ``fieldbook-server report evaluation`` writes."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from sync.domain.evaluation import UNIT_KINDS
from sync.domain.evaluation_table import case_rows, headers, plan_rows, rows
from sync.evaluation_files import write
from sync.domain.vocabulary import Role
from sync.reports_protocol import AREA_PATTERN
from sync.server.console import i18n
from sync.server.console.pages import PREFIX, DbDep, UserDep, message, render
from sync.server.services import drill_down
from sync.server.services import evaluation as evaluation_service
from sync.server.services.admin import AdminError

router = APIRouter(prefix=PREFIX, include_in_schema=False)
ADMINS = (Role.COUNTY_ADMIN, Role.LEAGUE_ADMIN, Role.REGION_ADMIN)
YearQuery = Annotated[int | None, Query(ge=2000, le=2100)]
AreaQuery = Annotated[str | None, Query(pattern=AREA_PATTERN)]


async def _document(request: Request, who, db, year: int | None, area: str | None, submitted: bool):
    """(document, None) or (None, the refusal page)."""
    t = i18n.translator(i18n.language(request))
    if who.viewer.role not in ADMINS:
        return None, message(request, who, t("The evaluation is for county, league and region administrators."),
                             403, back=PREFIX + "/indicators")
    own = drill_down.home_area(who.viewer)
    area = area or own
    if not area.startswith(own):
        return None, message(request, who, f"area {area} is outside your area ({own})", 403,
                             back=PREFIX + "/evaluation")
    try:
        doc = await run_in_threadpool(evaluation_service.evaluation_document, db, year or dt.date.today().year,
                                      area, not submitted)
    except AdminError as refused:
        return None, message(request, who, str(refused), 422, back=PREFIX + "/evaluation")
    return doc, None


@router.get("/evaluation", response_class=HTMLResponse)
async def evaluation_page(request: Request, who: UserDep, db: DbDep, year: YearQuery = None, area: AreaQuery = None,
                          submitted: bool = False) -> Response:
    doc, refused = await _document(request, who, db, year, area, submitted)
    if refused is not None:
        return refused
    language = "zh_CN" if i18n.language(request) == "zh" else "en"
    tables = [(kind, headers(kind, language), rows(doc, kind, language)) for kind in UNIT_KINDS]
    return render(request, "evaluation.html", who, doc=doc, tables=tables, plan=plan_rows(doc, language),
                  cases=case_rows(doc, language), language=language, submitted=submitted)


@router.get("/evaluation.xlsx")
async def evaluation_workbook(request: Request, who: UserDep, db: DbDep, year: YearQuery = None,
                              area: AreaQuery = None, submitted: bool = False) -> Response:
    doc, refused = await _document(request, who, db, year, area, submitted)
    if refused is not None:
        return refused
    language = "zh_CN" if i18n.language(request) == "zh" else "en"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "evaluation.xlsx"
        write(doc, "xlsx", path, language)
        data = path.read_bytes()
    name = f"fieldbook-evaluation-{doc['area_code']}-{doc['year']}.xlsx"
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
