"""``POST /api/v1/auth/login``: user name and password for a device token."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from sync.protocol import LOGIN_PATH, ErrorBody, LoginRequest, LoginResponse
from sync.server.errors import error_responses
from sync.server.deps import DbDep, require_protocol
from sync.server.services import auth

router = APIRouter(tags=["auth"], dependencies=[Depends(require_protocol)],
                   responses=error_responses(400, 413, 415, 422, 426, 503))


@router.post(LOGIN_PATH, response_model=LoginResponse, responses={
    401: {"model": ErrorBody, "description": "wrong user name or password"},
    403: {"model": ErrorBody, "description": "device revoked, device of another user, or account deactivated"},
    429: {"model": ErrorBody, "description": "too many failed logins; see Retry-After"},
})
def login(body: LoginRequest, db: DbDep) -> LoginResponse:
    return auth.login(db, body)
