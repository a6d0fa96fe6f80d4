"""``GET /api/v1/sync/pull``: a page of the changes the caller may see after a cursor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from sync.protocol import PULL_PAGE_SIZE, PULL_PATH, PullResponse
from sync.server.errors import error_responses
from sync.server.deps import CallerDep, DbDep, require_protocol
from sync.server.services import pull as pull_service

router = APIRouter(tags=["sync"], dependencies=[Depends(require_protocol)],
                   responses=error_responses(401, 422, 426, 503))


@router.get(PULL_PATH, response_model=PullResponse)
def pull(caller: CallerDep, db: DbDep,
         cursor: Annotated[int, Query(ge=0, le=2**62, description="next_cursor of the previous page; 0 at first")] = 0,
         limit: Annotated[int, Query(ge=1, le=10**6, description=f"page size, at most {PULL_PAGE_SIZE}")]
         = PULL_PAGE_SIZE) -> PullResponse:
    return pull_service.pull(db, caller, cursor, limit)
