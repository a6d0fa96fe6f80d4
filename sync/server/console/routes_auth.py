"""Console sign-in, sign-out and the language switch."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sync.protocol import ErrorCode
from sync.server.console import i18n, sessions
from sync.server.console.pages import PREFIX, DbDep, FormUserDep, render
from sync.server.errors import ApiError

router = APIRouter(prefix=PREFIX, include_in_schema=False)

_REFUSALS = {ErrorCode.USER_INACTIVE: "This account has been deactivated."}


def _safe_next(target: str | None) -> str:
    """Only a console path: a sign-in never sends the browser elsewhere."""
    return target if target and target.startswith(PREFIX + "/") and not target.startswith("//") else PREFIX + "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> Response:
    token = sessions.login_csrf(request)
    response = render(request, "login.html", None, login_csrf=token, next=_safe_next(next), problem=None)
    response.set_cookie(sessions.LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=sessions.secure(request), path=PREFIX + "/")
    return response


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, db: DbDep, username: Annotated[str, Form(max_length=64)],
                password: Annotated[str, Form(max_length=256)], csrf: Annotated[str, Form()] = "",
                next: Annotated[str, Form()] = PREFIX + "/") -> Response:
    expected = request.cookies.get(sessions.LOGIN_CSRF_COOKIE, "")
    t = i18n.translator(i18n.language(request))
    if not expected or not hmac.compare_digest(expected, csrf):
        raise sessions.CsrfRefused
    response = RedirectResponse(_safe_next(next), status_code=303)
    try:
        await run_in_threadpool(sessions.sign_in, db, response, request, username.strip(), password)
    except ApiError as refused:
        if refused.code is ErrorCode.TOO_MANY_ATTEMPTS:
            problem = t("Too many failed sign-ins; try again in %s seconds.", refused.headers.get("Retry-After", "60"))
        elif "not activated" in refused.detail:
            problem = t("This account is not activated yet: sign in once from the app with your activation code.")
        else:
            problem = t(_REFUSALS.get(refused.code, "Wrong user name or password."))
        return render(request, "login.html", None, refused.status, login_csrf=expected, next=_safe_next(next),
                      problem=problem, username=username)
    return response


@router.post("/logout")
def logout(who: FormUserDep, db: DbDep) -> Response:
    response = RedirectResponse(PREFIX + "/login", status_code=303)
    sessions.sign_out(db, response, who)
    return response


@router.get("/lang/{lang}")
def switch_language(lang: str, request: Request, next: str | None = None) -> Response:
    response = RedirectResponse(_safe_next(next), status_code=303)
    if lang in i18n.LANGUAGES:
        response.set_cookie(i18n.LANG_COOKIE, lang, samesite="lax", secure=sessions.secure(request),
                            path=PREFIX + "/", max_age=365 * 86400)
    return response
