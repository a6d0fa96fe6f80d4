"""Attachment bytes on disk: partial uploads and finished, content-addressed files."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


class AttachmentFiles:
    """``root/partial/<sha256>.part`` while uploading, ``root/<sha[:2]>/<sha256>`` once verified."""

    def __init__(self, root: Path):
        self.root = root

    def final_path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def partial_path(self, sha256: str) -> Path:
        return self.root / "partial" / f"{sha256}.part"

    def write_at(self, sha256: str, offset: int, data: bytes) -> None:
        """Write ``data`` at ``offset`` and cut anything after it (left by an uncommitted attempt)."""
        path = self.partial_path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "r+b" if path.exists() else "wb") as file:
            file.seek(offset)
            file.write(data)
            file.truncate()
            file.flush()
            os.fsync(file.fileno())

    def partial_digest(self, sha256: str) -> str:
        digest = hashlib.sha256()
        with open(self.partial_path(sha256), "rb") as file:
            for block in iter(lambda: file.read(1024 * 1024), b""):
                digest.update(block)
        return digest.hexdigest()

    def promote(self, sha256: str) -> None:
        target = self.final_path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.partial_path(sha256), target)

    def discard_partial(self, sha256: str) -> None:
        self.partial_path(sha256).unlink(missing_ok=True)
