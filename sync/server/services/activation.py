"""One-time activation codes: issued to new accounts, exchanged once for a password and a device token.

A code is 10 characters from an alphabet without look-alikes (0/O, 1/I/L), about 49 bits, shown as
``ABCD-EFGH-JK``. Only its sha256 is stored (like device tokens: the code is random, so a slow hash
adds nothing, and a roster of 4,000 must be issued in seconds). It works once, until it expires,
and only with the account's own user name; failed attempts count toward the login throttle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence

from sync.protocol import ActivateRequest, ErrorCode, LoginRequest, LoginResponse
from sync.server import login_throttle, security
from sync.server.clock import utcnow
from sync.server.errors import ApiError
from sync.server.services import audit
from sync.server.services.auth import register_device
from sync.server.store import activation_codes, login_failures
from sync.server.store.database import Database
from sync.server.store.models import User
from sync.server.validation import storable

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
VALID_FOR = dt.timedelta(days=30)


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def digest(code: str) -> str:
    """The stored form: upper-cased, without dashes or spaces, so a code typed loosely still matches."""
    normal = "".join(code.split()).replace("-", "").upper()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def issue(session, users: Sequence[User], now: dt.datetime | None = None) -> dict[str, str]:
    """New codes for ``users`` (user id → code), replacing their unused ones, in the caller's transaction."""
    now = now or utcnow()
    codes = {user.id: new_code() for user in users}
    activation_codes.replace(session, {user_id: digest(code) for user_id, code in codes.items()}, now,
                             now + VALID_FOR)
    return codes


def activate(db: Database, body: ActivateRequest, source: str) -> LoginResponse:
    """Set the account's first password with its code and sign the device in; ApiError when refused.
    ``source``: the caller's address as login_throttle.source_of gives it."""
    if not all(storable(text) for text in (body.username, body.activation_code, body.new_password,
                                           body.device_id, body.device_name)):
        raise ApiError(422, ErrorCode.INVALID_REQUEST, "the request contains a NUL character or an unpaired surrogate")
    if len(body.new_password) < security.MIN_PASSWORD_LENGTH:
        raise ApiError(422, ErrorCode.INVALID_REQUEST,
                       f"new_password: choose a password of at least {security.MIN_PASSWORD_LENGTH} characters")
    now = utcnow()
    with db.read() as session:  # counted with failed logins: per user and source, and per source
        failures = login_failures.relevant(session, body.username, source, None, now - login_throttle.WINDOW)
    refusal = login_throttle.check(failures, body.username, source, None, now)
    if refusal is not None:
        raise ApiError(429, ErrorCode.TOO_MANY_ATTEMPTS, refusal.message, {"Retry-After": str(refusal.wait)})
    password_hash = security.hash_password(body.new_password)
    with db.write() as session:
        found = activation_codes.find(session, digest(body.activation_code))
        problem = _refusal(found, body.username, now)
        if problem is None:
            code, user = found  # type: ignore[misc]
            code.used_at = now
            user.password_hash = password_hash
            audit.record(session, audit.Actor(user.username, source), "account_activated", user.username,
                         user.station_id or user.county_code or user.league_code)
            login = LoginRequest(username=body.username, password="-", device_id=body.device_id,
                                 device_name=body.device_name, device_key=body.device_key)
            return register_device(session, user, login, now)
    with db.write() as session:
        login_failures.add(session, login_throttle.Failure(body.username, source, None, now),
                           now - login_throttle.WINDOW)
    raise ApiError(401, ErrorCode.BAD_CREDENTIALS, problem)


def _refusal(found: tuple | None, username: str, now: dt.datetime) -> str | None:
    if found is None or found[1].username != username:
        return "wrong user name or activation code"
    code, user = found
    if code.used_at is not None:
        return "this activation code has been used already; sign in with your password, or ask for a new code"
    if code.expires_at <= now:
        return "this activation code has expired; ask your administrator for a new one"
    if not user.active:
        return "this account has been deactivated"
    return None
