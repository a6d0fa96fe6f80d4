"""``/api/v1/attachments/{sha256}``: HEAD for upload progress, PUT to append, GET to download."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse

from sync.protocol import (
    ATTACHMENT_PATH,
    HEADER_UPLOAD_LENGTH,
    HEADER_UPLOAD_OFFSET,
    MAX_ATTACHMENT_BYTES,
    MAX_WIRE_INTEGER,
    AttachmentStatus,
    ErrorBody,
)
from sync.server.errors import error_responses
from sync.server.deps import CallerDep, DbDep, FilesDep, require_protocol
from sync.server.services import attachments

router = APIRouter(tags=["attachments"], dependencies=[Depends(require_protocol)],
                   responses=error_responses(400, 401, 403, 415, 422, 426, 503))

Sha256 = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="sha256 of the whole file, lower-case hex")]


def _progress_headers(status: AttachmentStatus | None) -> dict[str, str]:
    if status is None:
        return {HEADER_UPLOAD_OFFSET: "0"}
    return {HEADER_UPLOAD_OFFSET: str(status.offset), HEADER_UPLOAD_LENGTH: str(status.length)}


_PROGRESS_HEADERS = {
    HEADER_UPLOAD_OFFSET: {"description": "bytes of the file the server holds (0: none)", "schema": {"type": "integer"}},
    HEADER_UPLOAD_LENGTH: {"description": "the file's whole size, once an upload began", "schema": {"type": "integer"}},
}


# response_class=Response: the answer has headers and no body, so the schema names no media type.
@router.head(ATTACHMENT_PATH, response_class=Response, responses={
    200: {"description": "progress in Upload-Offset / Upload-Length", "headers": _PROGRESS_HEADERS}})
def upload_progress(sha256: Sha256, caller: CallerDep, db: DbDep) -> Response:
    """How many bytes of the caller's own upload of the file the server holds (0 when none, whoever
    else sent it); Upload-Length once known."""
    return Response(status_code=200, headers=_progress_headers(attachments.status(db, caller, sha256)))


@router.put(ATTACHMENT_PATH, response_model=AttachmentStatus, responses={
    200: {"description": "what the server holds after this chunk", "headers": _PROGRESS_HEADERS},
    409: {"model": ErrorBody, "description": "Upload-Offset is not what the server holds (see its Upload-Offset)"},
    413: {"model": ErrorBody, "description": f"Upload-Length above {MAX_ATTACHMENT_BYTES} bytes"},
    422: {"model": ErrorBody, "description": "the finished file does not match its sha256; it was discarded"},
})
async def upload_chunk(
    request: Request, sha256: Sha256, caller: CallerDep, db: DbDep, files: FilesDep,
    offset: Annotated[int, Header(alias=HEADER_UPLOAD_OFFSET, ge=0, le=MAX_WIRE_INTEGER)],
    # An empty file is no photo (and a device never uploads one): 1 byte at least. Above the
    # documented maximum the answer is 413 (services.attachments), not a validation error.
    length: Annotated[int, Header(alias=HEADER_UPLOAD_LENGTH, ge=1, le=MAX_WIRE_INTEGER,
                                  json_schema_extra={"maximum": MAX_ATTACHMENT_BYTES})],
) -> Response:
    """Append the body at ``Upload-Offset``; the last chunk makes the server check the sha256."""
    chunk = await request.body()
    status = await run_in_threadpool(attachments.put_chunk, db, files, caller, sha256, offset, length, chunk)
    return Response(status.model_dump_json(), media_type="application/json", headers=_progress_headers(status))


@router.get(ATTACHMENT_PATH, response_class=FileResponse, responses={
    404: {"model": ErrorBody, "description": "you did not upload this file and no attachment record in your "
                                             "scope whose author uploaded it refers to it"},
})
def download(sha256: Sha256, caller: CallerDep, db: DbDep, files: FilesDep) -> FileResponse:
    found = attachments.download(db, files, caller, sha256)
    return FileResponse(found.path, media_type=found.mime_type)
