"""Attachment upload progress rows, one per file and uploader (the bytes live in files; see attachment_files)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.store.models import Attachment


def get(session: Session, sha256: str, uploader_id: str, *, lock: bool = False) -> Attachment | None:
    """``uploader_id``'s upload of the file, if they started one."""
    query = select(Attachment).where(Attachment.sha256 == sha256, Attachment.uploader_id == uploader_id)
    if lock:
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


def start(session: Session, sha256: str, uploader_id: str, length: int, now: dt.datetime) -> Attachment:
    row = Attachment(sha256=sha256, uploader_id=uploader_id, length=length, received=0, complete=False,
                     created_at=now)
    session.add(row)
    session.flush()
    return row


def discard(session: Session, row: Attachment) -> None:
    session.delete(row)


def complete_of_uploader(session: Session, uploader_id: str) -> list[str]:
    """sha256 of the files this user has uploaded whole."""
    return list(session.execute(
        select(Attachment.sha256).where(Attachment.uploader_id == uploader_id, Attachment.complete.is_(True))
        .order_by(Attachment.sha256)).scalars())
