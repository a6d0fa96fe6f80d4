"""Console pages for accounts, the roster import (preview first), devices and the audit log."""

from __future__ import annotations

import csv
import io
import secrets
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sync.server.clock import utcnow
from sync.server.console import i18n
from sync.server.console.pages import PREFIX, DbDep, FormUserDep, UserDep, message, render, source
from sync.server.console.sessions import ConsoleUser
from sync.server.services import activation, activation_sheet, delegation, roster_import
from sync.server.services.roster import RosterError, template_workbook

router = APIRouter(prefix=PREFIX, include_in_schema=False)

MAX_UPLOAD = 10 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _actor(request: Request, who: ConsoleUser):
    return delegation.actor(who.viewer, who.user.username, source(request))


def _uploads(request: Request) -> Path:
    """Shared by every worker (the data folder), so a preview and its import may reach different ones."""
    folder = request.app.state.settings.data_dir / "console-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@router.get("/accounts", response_class=HTMLResponse)
def accounts(request: Request, who: UserDep, db: DbDep) -> Response:
    rows = delegation.accounts(db, who.viewer)
    manages = delegation.own_area(who.viewer) is not None
    stations = delegation.stations_in(db, who.viewer) if manages else []
    return render(request, "accounts.html", who, rows=rows, manages=manages, stations=stations)


@router.post("/accounts/{username}/{action}", response_class=HTMLResponse)
async def account_action(request: Request, who: FormUserDep, db: DbDep, username: str, action: str,
                         station: Annotated[str | None, Form(max_length=32)] = None) -> Response:
    t = i18n.translator(i18n.language(request))
    actor = _actor(request, who)
    if action in ("deactivate", "reactivate"):
        await run_in_threadpool(delegation.set_active, db, who.viewer, actor, username, action == "reactivate")
    elif action == "move" and station:
        await run_in_threadpool(delegation.move, db, who.viewer, actor, username, station)
    elif action == "reset-code":
        code = await run_in_threadpool(delegation.reset_code, db, who.viewer, actor, username)
        return message(request, who, t("Activation code for %s: %s", username, code), back=PREFIX + "/accounts",
                       note=t("It works once, for %d days. The earlier code no longer works.",
                              activation.VALID_FOR.days), code=code)
    else:
        return message(request, who, t("Nothing was changed."), 404, back=PREFIX + "/accounts")
    return RedirectResponse(PREFIX + "/accounts", status_code=303)


@router.get("/roster", response_class=HTMLResponse)
def roster_page(request: Request, who: UserDep) -> Response:
    delegation.actor(who.viewer, who.user.username, "")  # only those who manage accounts
    return render(request, "roster.html", who, problems=None, preview=None)


@router.get("/roster/template.xlsx")
def roster_template(who: UserDep) -> Response:
    return Response(template_workbook(), media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="roster-template.xlsx"'})


@router.post("/roster", response_class=HTMLResponse)
async def roster_upload(request: Request, who: FormUserDep, db: DbDep, roster: Annotated[UploadFile, File()],
                        upload: Annotated[str | None, Form()] = None) -> Response:
    t = i18n.translator(i18n.language(request))
    data = await roster.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return render(request, "roster.html", who, 413, problems=None, preview=None,
                      refusal=t("The file is larger than 10 MB; split the roster."))
    if not data:
        return render(request, "roster.html", who, 422, problems=None, preview=None, refusal=t("Choose a file first."))
    filename = Path(roster.filename or "roster.xlsx").name
    try:
        preview = await run_in_threadpool(roster_import.import_roster, db, data, filename, _actor(request, who),
                                          dry_run=True)
    except RosterError as refused:
        return render(request, "roster.html", who, 422, problems=refused.problems, preview=None)
    token = f"{who.user.id}-{secrets.token_urlsafe(16)}"
    (_uploads(request) / f"{token}.upload").write_bytes(data)
    return render(request, "roster.html", who, problems=None, preview=preview, token=token, filename=filename)


@router.post("/roster/import", response_class=HTMLResponse)
async def roster_confirm(request: Request, who: FormUserDep, db: DbDep, token: Annotated[str, Form(max_length=80)],
                         filename: Annotated[str, Form(max_length=200)]) -> Response:
    t = i18n.translator(i18n.language(request))
    path = _uploads(request) / f"{Path(token).name}.upload"
    if not token.startswith(who.user.id + "-") or not path.is_file():
        return message(request, who, t("Nothing was changed."), 404, back=PREFIX + "/roster")
    try:
        outcome = await run_in_threadpool(roster_import.import_roster, db, path.read_bytes(), filename,
                                          _actor(request, who))
    except RosterError as refused:  # someone changed the accounts between the preview and now
        return render(request, "roster.html", who, 422, problems=refused.problems, preview=None)
    finally:
        path.unlink(missing_ok=True)
    sheet = None
    if outcome.sheets:
        pdf = await run_in_threadpool(activation_sheet.render, outcome.sheets, utcnow() + activation.VALID_FOR)
        sheet = f"{who.user.id}-{secrets.token_urlsafe(16)}"
        (_uploads(request) / f"{sheet}.pdf").write_bytes(pdf)
    return render(request, "roster_done.html", who, outcome=outcome, sheet=sheet)


@router.get("/roster/sheets/{sheet}.pdf")
def roster_sheet(request: Request, who: UserDep, sheet: str) -> Response:
    path = _uploads(request) / f"{Path(sheet).name}.pdf"
    if not sheet.startswith(who.user.id + "-") or not path.is_file():
        raise delegation.NotYours("no such sheet")
    return Response(path.read_bytes(), media_type="application/pdf",
                    headers={"Content-Disposition": 'attachment; filename="activation-sheets.pdf"'})


@router.get("/devices", response_class=HTMLResponse)
def devices(request: Request, who: UserDep, db: DbDep) -> Response:
    return render(request, "devices.html", who, devices=delegation.device_list(db, who.viewer),
                  manages=delegation.own_area(who.viewer) is not None)


@router.post("/devices/{device_id}/{action}", response_class=HTMLResponse)
async def device_action(request: Request, who: FormUserDep, db: DbDep, device_id: str, action: str) -> Response:
    if action not in ("revoke", "reinstate"):
        raise delegation.NotYours(action)
    await run_in_threadpool(delegation.set_device_revoked, db, who.viewer, _actor(request, who), device_id,
                            action == "revoke")
    return RedirectResponse(PREFIX + "/devices", status_code=303)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, who: UserDep, db: DbDep) -> Response:
    return render(request, "audit.html", who, entries=delegation.audit_entries(db, who.viewer, 500))


@router.get("/audit.csv")
def audit_export(who: UserDep, db: DbDep) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["at", "actor", "action", "target", "area", "source", "detail"])
    for e in delegation.audit_entries(db, who.viewer, None):
        writer.writerow([e.at.isoformat(), e.actor, e.action, e.target, e.area or "", e.source, e.detail])
    return Response(buffer.getvalue().encode("utf-8-sig"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="fieldbook-audit.csv"'})
