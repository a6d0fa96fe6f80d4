"""``POST /api/v1/sync/push``: a batch of outbox entries, one result each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from sync.protocol import PUSH_PATH, ErrorBody, PushResponse
from sync.server.errors import error_responses
from sync.server.deps import DbDep, PushCallerDep, require_protocol
from sync.server.services import push as push_service
from sync.server.services.push import PushEnvelope

router = APIRouter(tags=["sync"], dependencies=[Depends(require_protocol)],
                   responses=error_responses(400, 401, 413, 415, 422, 426, 503))


@router.post(PUSH_PATH, response_model=PushResponse, responses={
    403: {"model": ErrorBody, "description": "an entry names another device"},
    409: {"model": ErrorBody, "description": "one seq names two different entries; nothing was applied"},
    413: {"model": ErrorBody, "description": "the body is larger than protocol.MAX_REQUEST_BYTES"},
})
def push(body: PushEnvelope, caller: PushCallerDep, db: DbDep,
         protocol: Annotated[int, Depends(require_protocol)]) -> Response:
    """Each entry is an ``OutboxEntry``; one the server cannot read is rejected on its own. A batch
    naming one seq for two different entries is refused whole (409)."""
    # Built by the service as a PushResponse: sent as it is, not validated a second time.
    return Response(push_service.push(db, caller, body, protocol).model_dump_json(), media_type="application/json")
