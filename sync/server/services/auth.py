"""Login (password → device token) and token authentication.

Revoked devices: an administrator revokes a device when a laptop is lost, stolen or handed on.
From then on every call with its token answers 401 ``device_revoked``, and the device id cannot
log in again (403 ``device_revoked``), even with a correct password: its unsynced entries are
*refused*, not salvaged, because whoever holds the laptop now may not be the specialist. The
entries stay in the device's outbox; if the revocation was a mistake, ``fieldbook-server device
reinstate`` lets the device log in again and send them. A device id belongs to the user who first
logged in with it; another user logging in with it gets 403 ``device_of_another_user``.

Ended sessions: changing a user's password, deactivating the user, or changing their role, station
or area ends the sessions of all their devices (there is no password change from a device, so none
keeps its own). Every call with such a token answers 401 ``session_ended`` saying why; the device
signs in again (with the new password), and what it has not sent yet is still in its outbox and
goes with the next sync, judged as any entry is (after a move to another station, edits of the old
station's records are refused and shown to the user, as before). A role or station change ends
sessions because the device learns who it is (role, station) at sign-in. Reactivating a user does
not bring their old sessions back.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sync.domain.vocabulary import Role
from sync.protocol import ErrorCode, LoginRequest, LoginResponse
from sync.bundle_file import key_hex, signing_key
from sync.server import login_throttle, security
from sync.server.clock import utcnow
from sync.server.errors import ApiError
from sync.server.scope import Viewer
from sync.server.store import devices, login_failures, meta, users
from sync.server.store.database import Database
from sync.server.store.models import Device, User
from sync.server.validation import storable

_TOUCH_INTERVAL = dt.timedelta(minutes=5)

PASSWORD_CHANGED, DEACTIVATED, ACCOUNT_CHANGED = "password_changed", "deactivated", "account_changed"
SESSION_END_REASONS = {
    PASSWORD_CHANGED: "the password of this account was changed",
    DEACTIVATED: "this account was deactivated",
    ACCOUNT_CHANGED: "the role or station of this account was changed",
}


@dataclass(frozen=True)
class Caller:
    """The device and user behind an authenticated request."""

    device_id: str
    viewer: Viewer
    epoch: str
    #: Set when the account was deactivated and this call may only salvage what was recorded before.
    deactivated_at: dt.datetime | None = None


def login(db: Database, body: LoginRequest, source: str = "local", proof: str | None = None) -> LoginResponse:
    """``source``: the caller's address (login_throttle.source_of); ``proof``: the last token this
    device was given, if it kept one, which makes it a known device for the throttle."""
    if not all(storable(text) for text in (body.username, body.password, body.device_id, body.device_name)):
        raise ApiError(422, ErrorCode.INVALID_REQUEST, "the login contains a NUL character or an unpaired surrogate")
    with db.read() as session:
        known = _known_device(devices.get(session, body.device_id), users.by_username(session, body.username), proof)
    user = verify_credentials(db, body.username, body.password, source, known)
    with db.write() as session:
        response = register_device(session, user, body, utcnow())
        login_failures.clear(session, body.username, source, known)
        return response


def verify_credentials(db: Database, username: str, password: str, source: str = "local",
                       known: str | None = None) -> User:
    """The active user with this password, throttled per user and source, per source over all user
    names, and per known device (app and web console alike; see login_throttle)."""
    now = utcnow()
    with db.read() as session:
        user = users.by_username(session, username)
        failures = login_failures.relevant(session, username, source, known, now - login_throttle.WINDOW)
    refusal = login_throttle.check(failures, username, source, known, now)
    if refusal is not None:
        raise ApiError(429, ErrorCode.TOO_MANY_ATTEMPTS, refusal.message, {"Retry-After": str(refusal.wait)})
    if user is None:
        security.burn_password_check(password)
    if user is None or not security.verify_password(user.password_hash, password):
        with db.write() as session:
            login_failures.add(session, login_throttle.Failure(username, source, known, now),
                               now - login_throttle.WINDOW)
        raise ApiError(401, ErrorCode.BAD_CREDENTIALS, "this account is not activated yet: sign in once with "
                       "the activation code you were given" if user is not None
                       and user.password_hash == security.NOT_ACTIVATED else "wrong user name or password")
    if not user.active:
        raise ApiError(403, ErrorCode.USER_INACTIVE, "this account has been deactivated")
    return user


def register_device(session: Session, user: User, body: LoginRequest, now: dt.datetime) -> LoginResponse:
    """Give the device a new token for ``user`` (whose credentials were checked) in the caller's transaction."""
    token = security.new_token()
    device = devices.get(session, body.device_id, lock=True)
    if device is not None and device.revoked_at is not None:
        raise ApiError(403, ErrorCode.DEVICE_REVOKED,
                       "this device was revoked by an administrator and cannot log in again")
    if device is not None and device.user_id != user.id:
        raise ApiError(403, ErrorCode.DEVICE_OF_ANOTHER_USER,
                       "this device is registered to another user; use your own profile")
    if device is None:
        device = Device(id=body.device_id, user_id=user.id, name=body.device_name,
                        token_hash=security.token_digest(token), created_at=now, last_seen_at=now)
        session.add(device)
    else:
        device.name, device.token_hash, device.last_seen_at = body.device_name, security.token_digest(token), now
        device.session_ended = None
    if body.device_key is not None:
        device.bundle_key = body.device_key
    server_key = key_hex(signing_key(meta.bundle_key_seed(session)))
    epoch = meta.user_epoch(meta.server_epoch(session), user.scope_version)
    return LoginResponse(token=token, device_id=body.device_id, user_id=user.id, display_name=user.display_name,
                         role=Role(user.role), station_id=user.station_id, server_epoch=epoch,
                         server_key=server_key)


def _known_device(device: Device | None, user: User | None, proof: str | None) -> str | None:
    """The device id if ``proof`` is the last token issued to this device of this user (even one whose
    session ended since); None for a stranger."""
    if device is None or user is None or not proof or device.token_hash is None:
        return None
    if device.user_id != user.id or device.revoked_at is not None:
        return None
    return device.id if secrets.compare_digest(device.token_hash, security.token_digest(proof)) else None


def authenticate(db: Database, token: str | None, *, salvage: bool = False) -> Caller:
    """The caller behind a bearer token; raises ApiError 401 for a missing, unknown, revoked or ended one.

    A deactivated account's devices are refused too (their sessions ended), except with ``salvage``
    (a push): what they recorded before the deactivation is still taken, once, so no one's work is lost."""
    require_token(token)
    with db.read() as session:
        caller, seen_due = caller_in(session, token, salvage=salvage)
    if seen_due:
        note_seen(db, caller)
    return caller


def caller_in(session: Session, token: str | None, *, salvage: bool = False) -> tuple[Caller, bool]:
    """``authenticate`` inside a transaction the request opened anyway (a pull reads its page in the
    same one): the caller, and whether its device's last-seen time is due to be written
    (``note_seen``, after this transaction)."""
    require_token(token)
    found = devices.caller_by_token(session, security.token_digest(token))
    if found is None:
        raise ApiError(401, ErrorCode.UNAUTHORIZED, "unknown or replaced token; log in again",
                       {"WWW-Authenticate": "Bearer"})
    if found.revoked_at is not None:
        raise ApiError(401, ErrorCode.DEVICE_REVOKED,
                       "this device was revoked by an administrator; its unsynced changes are not "
                       "accepted. Ask your station's administrator.")
    salvaging = salvage and not found.active and found.deactivated_at is not None
    if not found.active and not salvaging:
        raise ApiError(401, ErrorCode.USER_INACTIVE, "this account has been deactivated")
    if found.session_ended is not None and not (salvaging and found.session_ended == DEACTIVATED):
        reason = SESSION_END_REASONS.get(found.session_ended, "the account was changed")
        raise ApiError(401, ErrorCode.SESSION_ENDED,
                       f"your sign-in ended because {reason}: sign in again. Changes not sent yet stay "
                       "on this device and are sent once you have signed in.", {"WWW-Authenticate": "Bearer"})
    station = None if found.station_code is None else (found.station_county, found.station_league)
    caller = Caller(found.id, users.scope_of(found.user_id, found.role, found.station_id, found.county_code,
                                             found.league_code, station),
                    meta.user_epoch(found.server_epoch, found.scope_version),
                    None if found.active else found.deactivated_at)
    return caller, found.last_seen_at is None or utcnow() - found.last_seen_at > _TOUCH_INTERVAL


def note_seen(db: Database, caller: Caller) -> None:
    """Write that the caller's device was seen now (at most every few minutes: ``caller_in`` says when)."""
    with db.write() as session:
        devices.touch(session, caller.device_id, utcnow())


def require_token(token: str | None) -> None:
    """401 for a request that sends no token at all."""
    if not token:
        raise ApiError(401, ErrorCode.UNAUTHORIZED, "log in first: send Authorization: Bearer <token>",
                       {"WWW-Authenticate": "Bearer"})


def device_caller(db: Database, device_id: str) -> Caller:
    """The caller a sync bundle of ``device_id`` acts as: the same checks as its token would get."""
    with db.read() as session:
        device = devices.get(session, device_id)
        user = session.get(User, device.user_id) if device is not None else None
        if device is None or user is None:
            raise ApiError(404, ErrorCode.NOT_FOUND, f"no device {device_id} is registered on this server")
        if device.revoked_at is not None:
            raise ApiError(403, ErrorCode.DEVICE_REVOKED,
                           "this device was revoked by an administrator; its bundles are refused")
        if not user.active:
            raise ApiError(403, ErrorCode.USER_INACTIVE, "this account has been deactivated")
        return Caller(device.id, users.viewer(session, user),
                      meta.user_epoch(meta.server_epoch(session), user.scope_version))
