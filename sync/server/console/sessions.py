"""Signing in to the console: a session cookie (HttpOnly, SameSite=Strict, Secure behind TLS), a CSRF
token per session checked on every form, sign-out, and expiry after IDLE_TIMEOUT without use."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response

from sync.server import security
from sync.server.clock import utcnow
from sync.server.scope import Viewer
from sync.server import login_throttle
from sync.server.services import auth
from sync.server.store import console_sessions, users
from sync.server.store.database import Database
from sync.server.store.models import User

COOKIE = "fieldbook_console"
LOGIN_CSRF_COOKIE = "fieldbook_console_login"
IDLE_TIMEOUT = dt.timedelta(minutes=30)
_TOUCH_INTERVAL = dt.timedelta(minutes=1)


class SignInNeeded(Exception):
    """No session, or it expired: the console answers with its sign-in page."""


class CsrfRefused(Exception):
    """A form arrived without its session's CSRF token: nothing was changed."""


@dataclass(frozen=True)
class ConsoleUser:
    user: User
    viewer: Viewer
    csrf_token: str
    token_hash: str

    @property
    def caller(self) -> auth.Caller:
        """The services' notion of a caller (reports take the viewer from it)."""
        return auth.Caller("console", self.viewer, "")


def secure(request: Request) -> bool:
    """Behind TLS (directly, or a proxy saying X-Forwarded-Proto: https) the cookie is Secure."""
    return request.url.scheme == "https"


def sign_in(db: Database, response: Response, request: Request, username: str, password: str) -> None:
    """Check the password (throttled like the app's sign-in) and set the session cookie; ApiError if refused."""
    user = auth.verify_credentials(db, username, password,
                                   login_throttle.source_of(request.client.host if request.client else None))
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with db.write() as session:
        console_sessions.add(session, security.token_digest(token), user.id, secrets.token_urlsafe(32), now,
                             now - IDLE_TIMEOUT)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=secure(request), path="/console/")


def current(db: Database, request: Request) -> ConsoleUser:
    token = request.cookies.get(COOKIE)
    if not token:
        raise SignInNeeded
    digest = security.token_digest(token)
    now = utcnow()
    with db.read() as session:
        found = console_sessions.find(session, digest)
        if found is None:
            raise SignInNeeded
        stored, user = found
        if now - stored.last_seen_at > IDLE_TIMEOUT or not user.active:
            raise SignInNeeded
        viewer = users.viewer(session, user)
    if now - stored.last_seen_at > _TOUCH_INTERVAL:
        with db.write() as session:
            console_sessions.touch(session, digest, now)
    return ConsoleUser(user, viewer, stored.csrf_token, digest)


def sign_out(db: Database, response: Response, who: ConsoleUser) -> None:
    with db.write() as session:
        console_sessions.remove(session, who.token_hash)
    response.delete_cookie(COOKIE, path="/console/")


def check_csrf(expected: str, given: str | None) -> None:
    if not given or not hmac.compare_digest(expected, given):
        raise CsrfRefused


def login_csrf(request: Request) -> str:
    """The sign-in form's token: a double-submit cookie, since there is no session yet."""
    return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
