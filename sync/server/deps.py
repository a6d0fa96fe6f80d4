"""FastAPI dependencies: the database, the attachment files, the protocol check, the caller."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sync.protocol import HEADER_PROTOCOL, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, ErrorCode
from sync.server.errors import ApiError
from sync.server.services import auth
from sync.server.services.attachment_files import AttachmentFiles
from sync.server.store.database import Database

_bearer = HTTPBearer(auto_error=False, description="The device token from POST /api/v1/auth/login")


def get_db(request: Request) -> Database:
    return request.app.state.database


def get_files(request: Request) -> AttachmentFiles:
    return request.app.state.files


def require_protocol(
    protocol: Annotated[str | None, Header(alias=HEADER_PROTOCOL, description="The client's protocol version")] = None,
) -> int:
    """Every API call but health states its protocol; a missing or too old one gets 426."""
    if protocol is None or not protocol.strip().isdigit():
        raise ApiError(426, ErrorCode.UPGRADE_REQUIRED,
                       f"send the {HEADER_PROTOCOL} header; this server speaks protocol "
                       f"{MIN_PROTOCOL_VERSION} to {PROTOCOL_VERSION}. Please update Fieldbook.",
                       {"Upgrade": f"fieldbook/{PROTOCOL_VERSION}"})
    version = int(protocol)
    if version < MIN_PROTOCOL_VERSION:
        raise ApiError(426, ErrorCode.UPGRADE_REQUIRED,
                       f"this Fieldbook is too old (protocol {version}); the server needs at least "
                       f"{MIN_PROTOCOL_VERSION}. Please update Fieldbook.",
                       {"Upgrade": f"fieldbook/{PROTOCOL_VERSION}"})
    return version


async def bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The request's bearer token, not yet checked: for an endpoint that checks it in its own
    transaction (a pull). A request without one gets 401 here, before anything else is read."""
    token = credentials.credentials if credentials is not None else None
    auth.require_token(token)
    return token


async def current_caller(
    db: Annotated[Database, Depends(get_db)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> auth.Caller:
    token = credentials.credentials if credentials is not None else None
    return await run_in_threadpool(auth.authenticate, db, token)


async def pushing_caller(
    db: Annotated[Database, Depends(get_db)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> auth.Caller:
    """As current_caller, but a deactivated account may still push what it recorded before."""
    token = credentials.credentials if credentials is not None else None
    return await run_in_threadpool(lambda: auth.authenticate(db, token, salvage=True))


DbDep = Annotated[Database, Depends(get_db)]
FilesDep = Annotated[AttachmentFiles, Depends(get_files)]
CallerDep = Annotated[auth.Caller, Depends(current_caller)]
TokenDep = Annotated[str, Depends(bearer_token)]
PushCallerDep = Annotated[auth.Caller, Depends(pushing_caller)]
