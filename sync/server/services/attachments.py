"""Resumable, content-addressed attachment uploads (tus-style) and scope-checked downloads.

Each user uploads into their own progress row and partial file: HEAD and PUT only ever see the
caller's own upload, so they tell nobody else whether a file exists and nobody can reset or extend
another's upload. Knowing a sha256 is not holding the file: an attachment record opens the file to
those who may see the record only once its author has uploaded those bytes themselves. A record
may still arrive first (records sync before photos); it opens the file when its author's upload ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from sync.protocol import HEADER_UPLOAD_LENGTH, HEADER_UPLOAD_OFFSET, MAX_ATTACHMENT_BYTES, AttachmentStatus, ErrorCode
from sync.server.clock import utcnow
from sync.server.errors import ApiError
from sync.server.scope import READ_ONLY_ROLES
from sync.server.services.attachment_files import AttachmentFiles
from sync.server.services.auth import Caller
from sync.server.store import attachments, records
from sync.server.store.database import Database


@dataclass(frozen=True)
class Download:
    path: Path
    mime_type: str


def status(db: Database, caller: Caller, sha256: str) -> AttachmentStatus | None:
    """The caller's own upload of the file; None when they have not started one (whoever else has)."""
    with db.read() as session:
        row = attachments.get(session, sha256, caller.viewer.user_id)
        if row is None:
            return None
        return AttachmentStatus(sha256=sha256, offset=row.received, length=row.length, complete=row.complete)


def put_chunk(db: Database, files: AttachmentFiles, caller: Caller, sha256: str, offset: int, length: int,
              chunk: bytes) -> AttachmentStatus:
    """Append ``chunk`` at ``offset``; verifies the sha256 once the last byte is in."""
    if caller.viewer.role in READ_ONLY_ROLES:
        raise ApiError(403, ErrorCode.FORBIDDEN, f"the {caller.viewer.role.value} role is read-only")
    if length > MAX_ATTACHMENT_BYTES:
        raise ApiError(413, ErrorCode.PAYLOAD_TOO_LARGE, f"attachments are limited to {MAX_ATTACHMENT_BYTES} bytes")
    for attempt in (1, 2):
        try:
            return _put_chunk(db, files, caller.viewer.user_id, sha256, offset, length, chunk)
        except IntegrityError:
            if attempt == 2:  # two first chunks at once (two devices of one user): the second now finds the first's row
                raise
    raise AssertionError("unreachable")


def _put_chunk(db: Database, files: AttachmentFiles, uploader_id: str, sha256: str, offset: int, length: int,
               chunk: bytes) -> AttachmentStatus:
    mismatch = False
    with db.write() as session:
        row = attachments.get(session, sha256, uploader_id, lock=True)
        if row is None:
            row = attachments.start(session, sha256, uploader_id, length, utcnow())
        if row.length != length:
            raise ApiError(409, ErrorCode.INVALID_REQUEST,
                           f"{HEADER_UPLOAD_LENGTH} {length} differs from this file's length {row.length}")
        if row.complete:
            return AttachmentStatus(sha256=sha256, offset=row.length, length=row.length, complete=True)
        if offset != row.received:
            raise ApiError(409, ErrorCode.OFFSET_MISMATCH,
                           f"the server has {row.received} bytes of this file; send from there",
                           {HEADER_UPLOAD_OFFSET: str(row.received), HEADER_UPLOAD_LENGTH: str(row.length)})
        if offset + len(chunk) > length:
            raise ApiError(400, ErrorCode.INVALID_REQUEST, f"the chunk runs past {HEADER_UPLOAD_LENGTH} {length}")
        files.write_at(sha256, uploader_id, offset, chunk)
        row.received = offset + len(chunk)
        if row.received == length:
            if files.partial_digest(sha256, uploader_id) == sha256:
                files.promote(sha256, uploader_id)
                row.complete, row.completed_at = True, utcnow()
            else:
                files.discard_partial(sha256, uploader_id)
                attachments.discard(session, row)
                mismatch = True
        result = AttachmentStatus(sha256=sha256, offset=row.received, length=length, complete=row.complete)
    if mismatch:
        raise ApiError(422, ErrorCode.CHECKSUM_MISMATCH,
                       "the uploaded bytes do not match the sha256 in the address; the server discarded them")
    return result


def download(db: Database, files: AttachmentFiles, caller: Caller, sha256: str) -> Download:
    """The file, if the caller uploaded it or may see an attachment record for it whose author
    uploaded it; 404 otherwise, the same answer as for a file nobody has."""
    with db.read() as session:
        mime_type = records.attachment_visible(session, caller.viewer, sha256)
        if mime_type is None:
            own = attachments.get(session, sha256, caller.viewer.user_id)
            mime_type = "application/octet-stream" if own is not None and own.complete else None
    path = files.final_path(sha256)
    if mime_type is None or not path.exists():
        raise ApiError(404, ErrorCode.NOT_FOUND, "no such attachment for you (or not uploaded yet)")
    return Download(path, mime_type)
