"""Photo import: downscaled, EXIF-upright JPEGs stored by content hash and registered for upload."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.services.photo_exif import PhotoFacts, read_photo_facts
from desktop.store import files
from desktop.store.store import Store

#: Long side of an imported photo: enough to see a leaf disease, small enough for a slow link.
MAX_SIDE = 1600
JPEG_QUALITY = 85
MIME_TYPE = "image/jpeg"


@dataclass(frozen=True)
class StoredPhoto:
    sha256: str
    path: Path
    size: int
    width: int
    height: int
    #: Where and when the original says it was taken (the stored copy keeps no EXIF).
    facts: PhotoFacts = PhotoFacts()


class PhotoImportError(ValueError):
    """The file is not an image Pillow can read; ``path`` names it for the message."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"not a readable image: {path}")


class PhotoService:
    def __init__(self, store: Store):
        self.store = store

    def path_for(self, sha256: str) -> Path:
        return self.store.files_dir / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def read(self, sha256: str) -> bytes | None:
        """The photo's JPEG bytes (kept encrypted on disk), or None when it is not on this laptop."""
        path = self.path_for(sha256)
        return self.store.read_file(path) if path.is_file() else None

    def import_photo(self, source: Path) -> StoredPhoto:
        """Store ``source`` as an upright JPEG, long side at most MAX_SIDE; the same picture twice is one file."""
        data, width, height = _normalised_jpeg(Path(source))
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha)
        if not target.is_file():
            _write_atomically(target, self.store.sealed(data))
        with self.store.unit_of_work() as s:
            files.note_local_file(s, sha, str(target.relative_to(self.store.profile_dir)), len(data), MIME_TYPE)
        return StoredPhoto(sha, target, len(data), width, height, read_photo_facts(Path(source)))


def _normalised_jpeg(source: Path) -> tuple[bytes, int, int]:
    from PIL import Image, ImageOps  # imported on first use: keeps Pillow out of the app's start-up

    try:
        with Image.open(source) as original:
            image = ImageOps.exif_transpose(original)
            image = image.convert("RGB")
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's ways of saying "not an image"
        raise PhotoImportError(source) from exc
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    # No EXIF is written back: the pixels are already upright, and GPS tags belong in the record.
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue(), image.width, image.height


def _write_atomically(target: Path, data: bytes) -> None:
    # A photo half-written by a power cut must never be mistaken for the real one.
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".import-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
