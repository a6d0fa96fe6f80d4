"""``GET /api/v1/sync/pull``: a page of the changes the caller may see after a cursor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from sync.protocol import MAX_WIRE_INTEGER, PULL_PAGE_SIZE, PULL_PATH, PullResponse
from sync.server.errors import error_responses
from sync.server.deps import DbDep, TokenDep, require_protocol
from sync.server.services import pull as pull_service

router = APIRouter(tags=["sync"], dependencies=[Depends(require_protocol)],
                   responses=error_responses(401, 422, 426, 503))


# The schema is PullResponse's; a pull without targets_version answers without the targets fields, as protocol 1 did.
@router.get(PULL_PATH, response_model=PullResponse)
def pull(token: TokenDep, db: DbDep,
         cursor: Annotated[int, Query(ge=0, le=MAX_WIRE_INTEGER, description="next_cursor of the previous page; 0 at first")] = 0,
         limit: Annotated[int, Query(ge=1, le=10**6, description=f"page size, at most {PULL_PAGE_SIZE}")]
         = PULL_PAGE_SIZE,
         targets_version: Annotated[int | None, Query(ge=0, le=MAX_WIRE_INTEGER, description=(
             "the targets version the device holds (0: none); the answer then carries the server's, "
             "and every target when they differ"))] = None) -> Response:
    # The token is checked in the page's own transaction (services.pull.pull_with_token). The page
    # comes as JSON text already: answered as it is, not re-validated.
    return Response(pull_service.pull_with_token(db, token, cursor, limit, targets_version).json(),
                    media_type="application/json")
