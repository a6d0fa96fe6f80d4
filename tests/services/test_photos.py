"""Photo import: downscaled, upright, content-addressed, registered once for upload."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from desktop.services.photos import MAX_SIDE, PhotoImportError, PhotoService
from desktop.store.models import LocalFile

ORIENTATION = 0x0112


def camera_photo(path: Path, size=(4000, 3000), orientation: int | None = None) -> Path:
    """A JPEG as a phone writes it: landscape pixels, maybe an EXIF tag saying "rotate me"."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 4, size[1]))  # a blue band on the left edge
    exif = Image.Exif()
    if orientation:
        exif[ORIENTATION] = orientation
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


def test_a_large_photo_is_downscaled_to_1600_on_its_long_side(profile, tmp_path):
    stored = PhotoService(profile.store).import_photo(camera_photo(tmp_path / "big.jpg"))
    with Image.open(io.BytesIO(profile.store.read_file(stored.path))) as image:
        assert image.format == "JPEG"
        assert max(image.size) == MAX_SIDE and image.size == (1600, 1200)


def test_the_exif_orientation_is_applied_to_the_pixels(profile, tmp_path):
    # Orientation 6: the camera was held upright; viewers must rotate 90° clockwise.
    stored = PhotoService(profile.store).import_photo(camera_photo(tmp_path / "r.jpg", orientation=6))
    with Image.open(io.BytesIO(profile.store.read_file(stored.path))) as image:
        assert image.size == (1200, 1600)  # portrait now
        top = image.getpixel((image.width // 2, 10))
        assert top[2] > 150 and top[0] < 100  # the blue band that was on the left is on top
        assert ORIENTATION not in image.getexif()


def test_photos_are_stored_by_content_hash_and_registered_for_upload(profile, tmp_path):
    service = PhotoService(profile.store)
    stored = service.import_photo(camera_photo(tmp_path / "a.jpg", size=(800, 600)))
    data = profile.store.read_file(stored.path)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.path == profile.folder / "files" / stored.sha256[:2] / stored.sha256
    with profile.store.reader() as s:
        row = s.get(LocalFile, stored.sha256)
        assert row is not None
        assert (row.size, row.mime_type, row.uploaded) == (len(data), "image/jpeg", False)
        assert profile.folder / row.path == stored.path


def test_the_same_picture_twice_is_one_file_and_one_row(profile, tmp_path):
    service = PhotoService(profile.store)
    first = service.import_photo(camera_photo(tmp_path / "a.jpg", size=(800, 600)))
    again = service.import_photo(tmp_path / "a.jpg")
    assert first.sha256 == again.sha256
    with profile.store.reader() as s:
        assert len(s.scalars(select(LocalFile)).all()) == 1


def test_a_file_that_is_not_a_picture_is_refused_and_nothing_is_stored(profile, tmp_path):
    bogus = tmp_path / "notes.jpg"
    bogus.write_text("not a picture")
    with pytest.raises(PhotoImportError):
        PhotoService(profile.store).import_photo(bogus)
    with profile.store.reader() as s:
        assert s.scalars(select(LocalFile)).all() == []
    assert not (profile.folder / "files").exists() or not any((profile.folder / "files").rglob("*"))
