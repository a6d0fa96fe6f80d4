"""Typed API errors and the handlers that turn every failure into ``{"detail", "code"}`` JSON."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import ErrorBody, ErrorCode

log = logging.getLogger(__name__)

_STATUS_CODES = {400: ErrorCode.INVALID_REQUEST, 401: ErrorCode.UNAUTHORIZED, 403: ErrorCode.FORBIDDEN,
                 404: ErrorCode.NOT_FOUND, 413: ErrorCode.PAYLOAD_TOO_LARGE, 422: ErrorCode.INVALID_REQUEST}
_MAX_LISTED_ERRORS = 5


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries saying that these statuses answer with an ErrorBody (``{"detail", "code"}``).

    Every router passes the statuses it can give, 422 included, so the published document matches
    what the handlers below send instead of FastAPI's default 422 schema (a list of errors).
    """
    return {status: {"model": ErrorBody, "description": _DESCRIPTIONS[status]} for status in statuses}


_DESCRIPTIONS = {
    400: "a body that cannot be read (bad gzip, truncated upload)",
    401: "no token, an unknown one, a revoked device or a deactivated account",
    403: "not allowed for this user or device",
    404: "not found, or not yours to see",
    413: "the body is too large",
    415: "a Content-Encoding other than gzip or identity",
    422: "a parameter, header or body that does not match the contract (detail says which)",
    426: "X-Fieldbook-Protocol missing or too old: upgrade Fieldbook",
    503: "the database cannot be reached; try again later",
}


class ApiError(Exception):
    """A refusal with an HTTP status, a machine-readable code and a message for people."""

    def __init__(self, status: int, code: ErrorCode, detail: str, headers: Mapping[str, str] | None = None):
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = dict(headers or {})


def error_response(status: int, code: ErrorCode, detail: str,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail, "code": code.value}, status_code=status, headers=dict(headers or {}))


def describe_validation_errors(errors: Any) -> str:
    """One readable line for pydantic errors: ``entries.0.seq: Input should be …; …``."""
    parts = []
    for error in list(errors)[:_MAX_LISTED_ERRORS]:
        location = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "header", "path"))
        message = error.get("msg", "invalid")
        if error.get("type") == "json_invalid":
            reason = (error.get("ctx") or {}).get("error", "")
            message = f"the body is not valid JSON ({reason})" if reason else "the body is not valid JSON"
            location = ""
        parts.append(f"{location}: {message}" if location else message)
    more = len(list(errors)) - _MAX_LISTED_ERRORS
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.detail, exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, ErrorCode.INVALID_REQUEST, describe_validation_errors(exc.errors()))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, ErrorCode.INVALID_REQUEST)
    headers = exc.headers
    if exc.status_code == 405:
        headers = {**(exc.headers or {}), "Allow": ", ".join(_allowed_methods(request))}
    return error_response(exc.status_code, code, str(exc.detail), headers)


def _allowed_methods(request: Request) -> list[str]:
    """Every method served at the request's path: Starlette's 405 names only the first route's, and
    GET and PATCH of one path are two routes."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        served = getattr(route, "methods", None)
        pattern = getattr(route, "path_regex", None)
        if served and pattern is not None and pattern.match(request.url.path):
            methods |= served
    return sorted(methods)


async def _database_down(_request: Request, exc: Exception) -> JSONResponse:
    log.error("database error: %s", exc)
    return error_response(503, ErrorCode.SERVICE_UNAVAILABLE, "the database cannot be reached; try again later",
                          {"Retry-After": "30"})


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected server error", exc_info=exc)
    return error_response(500, ErrorCode.INTERNAL_ERROR, "internal server error; it has been logged")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(OperationalError, _database_down)
    app.add_exception_handler(Exception, _unexpected)
