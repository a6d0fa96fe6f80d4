"""Rows of the content-addressed files a profile holds (photos), beside the files themselves."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.store.models import LocalFile


def note_local_file(session: Session, sha256: str, path: str, size: int, mime_type: str) -> None:
    """Remember a file added on this laptop (not uploaded yet); a file known already stays as it is."""
    if session.get(LocalFile, sha256) is None:
        session.add(LocalFile(sha256=sha256, path=path, size=size, mime_type=mime_type, uploaded=False))
