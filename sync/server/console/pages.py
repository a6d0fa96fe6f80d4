"""What every console page shares: the templates, the signed-in user, CSRF-checked forms, error pages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from sync.server.console import i18n, sessions
from sync.server.console.sessions import ConsoleUser, CsrfRefused, SignInNeeded
from sync.server.deps import get_db
from sync.server.services.delegation import NotYours
from sync.server.store.database import Database

PREFIX = "/console"
#: Jinja2 escapes every value put into a page (autoescape on for .html), names and comments included.
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))

DbDep = Annotated[Database, Depends(get_db)]


async def console_user(request: Request, db: DbDep) -> ConsoleUser:
    return await run_in_threadpool(sessions.current, db, request)


UserDep = Annotated[ConsoleUser, Depends(console_user)]


async def checked_form(who: UserDep, csrf: Annotated[str | None, Form()] = None) -> ConsoleUser:
    """A state-changing form's user, once its CSRF token matched the session's (CsrfRefused otherwise)."""
    sessions.check_csrf(who.csrf_token, csrf)
    return who


FormUserDep = Annotated[ConsoleUser, Depends(checked_form)]


def render(request: Request, template: str, who: ConsoleUser | None, status: int = 200,
           **context: Any) -> HTMLResponse:
    lang = i18n.language(request)
    return templates.TemplateResponse(request, template, {
        "who": who, "lang": lang, "t": i18n.translator(lang), "csrf": who.csrf_token if who else "",
        "path": request.url.path, "query": request.url.query, **context}, status_code=status)


def message(request: Request, who: ConsoleUser | None, text: str, status: int = 200, back: str | None = None,
            **context: Any) -> HTMLResponse:
    return render(request, "message.html", who, status, text=text, back=back, **context)


def source(request: Request) -> str:
    """Where a request came from, for the audit log (the proxy's X-Forwarded-For is applied by uvicorn)."""
    agent = request.headers.get("user-agent", "")[:60]
    return f"{request.client.host if request.client else 'unknown'} ({agent})" if agent else (
        request.client.host if request.client else "unknown")


def install(app: FastAPI) -> None:
    async def sign_in_needed(request: Request, _exc: Exception) -> Response:
        if request.method == "GET":
            return RedirectResponse(f"{PREFIX}/login?next={request.url.path}", status_code=303)
        return message(request, None, i18n.translator(i18n.language(request))("Your session ended; sign in again."),
                       401, back=f"{PREFIX}/login")

    async def csrf_refused(request: Request, _exc: Exception) -> Response:
        t = i18n.translator(i18n.language(request))
        return message(request, None, t("The form had expired or did not come from this page; nothing was "
                                        "changed. Please try again."), 403, back=f"{PREFIX}/")

    async def not_yours(request: Request, _exc: Exception) -> Response:
        t = i18n.translator(i18n.language(request))
        return message(request, None, t("Not found in your area."), 404, back=f"{PREFIX}/")

    app.add_exception_handler(SignInNeeded, sign_in_needed)
    app.add_exception_handler(CsrfRefused, csrf_refused)
    app.add_exception_handler(NotYours, not_yours)
