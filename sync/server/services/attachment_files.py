"""Attachment bytes on disk: partial uploads and finished, content-addressed files."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


class AttachmentFiles:
    """``root/partial/<uploader id>/<sha256>.part`` while someone uploads, ``root/<sha[:2]>/<sha256>``
    once verified. Each uploader writes their own partial file, so two people sending the same photo
    never write into one file."""

    def __init__(self, root: Path):
        self.root = root

    def final_path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def partial_path(self, sha256: str, uploader_id: str) -> Path:
        return self.root / "partial" / uploader_id / f"{sha256}.part"

    def write_at(self, sha256: str, uploader_id: str, offset: int, data: bytes) -> None:
        """Write ``data`` at ``offset`` and cut anything after it (left by an uncommitted attempt)."""
        path = self.partial_path(sha256, uploader_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "r+b" if path.exists() else "wb") as file:
            file.seek(offset)
            file.write(data)
            file.truncate()
            file.flush()
            os.fsync(file.fileno())

    def partial_digest(self, sha256: str, uploader_id: str) -> str:
        digest = hashlib.sha256()
        with open(self.partial_path(sha256, uploader_id), "rb") as file:
            for block in iter(lambda: file.read(1024 * 1024), b""):
                digest.update(block)
        return digest.hexdigest()

    def promote(self, sha256: str, uploader_id: str) -> None:
        """Make a verified partial file the file; the same bytes may already be there from someone
        else, and replacing them with equal bytes is atomic for anyone reading meanwhile."""
        target = self.final_path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.partial_path(sha256, uploader_id), target)

    def discard_partial(self, sha256: str, uploader_id: str) -> None:
        self.partial_path(sha256, uploader_id).unlink(missing_ok=True)
