"""``POST /api/v1/auth/login`` and ``/activate``: user name and password (or a first activation code) for a device token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.protocol import ACTIVATE_PATH, LOGIN_PATH, ActivateRequest, ErrorBody, LoginRequest, LoginResponse
from sync.server import login_throttle
from sync.server.errors import error_responses
from sync.server.deps import DbDep, require_protocol
from sync.server.services import activation, auth

router = APIRouter(tags=["auth"], dependencies=[Depends(require_protocol)],
                   responses=error_responses(400, 413, 415, 422, 426, 503))


_last_token = HTTPBearer(auto_error=False, scheme_name="LastDeviceToken",
                         description="optional: the last token this device was given, as proof it is a known device")


@router.post(LOGIN_PATH, response_model=LoginResponse, responses={
    401: {"model": ErrorBody, "description": "wrong user name or password"},
    403: {"model": ErrorBody, "description": "device revoked, device of another user, or account deactivated"},
    429: {"model": ErrorBody, "description": "too many failed logins for this user, address or device; see Retry-After"},
})
def login(body: LoginRequest, db: DbDep, request: Request,
          proof: Annotated[HTTPAuthorizationCredentials | None, Depends(_last_token)]) -> LoginResponse:
    """A device that kept its last token sends it (even one whose session ended): the throttle then
    judges it on its own failed logins only, not on other people's from other addresses."""
    source = login_throttle.source_of(request.client.host if request.client else None)
    return auth.login(db, body, source, proof.credentials if proof else None)


@router.post(ACTIVATE_PATH, response_model=LoginResponse, responses={
    401: {"model": ErrorBody, "description": "wrong, used or expired activation code"},
    403: {"model": ErrorBody, "description": "device revoked or device of another user"},
    429: {"model": ErrorBody, "description": "too many failed attempts; see Retry-After"},
})
def activate(body: ActivateRequest, db: DbDep, request: Request) -> LoginResponse:
    """A new account's first sign-in: the one-time code and the password the specialist chooses."""
    return activation.activate(db, body, login_throttle.source_of(request.client.host if request.client else None))
