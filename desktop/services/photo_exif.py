"""Where and when a photo was taken, from its EXIF (a phone writes GPS position and time)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

_GPS_IFD, _EXIF_IFD = 0x8825, 0x8769
_DATETIME_ORIGINAL, _DATETIME = 36867, 0x0132
_LAT_REF, _LAT, _LON_REF, _LON = 1, 2, 3, 4


@dataclass(frozen=True)
class PhotoFacts:
    """What a photo says about itself; each part None when the photo does not say it."""

    latitude: float | None = None
    longitude: float | None = None
    taken_on: dt.date | None = None

    def any(self) -> bool:
        return self.latitude is not None or self.taken_on is not None


def _degrees(dms, ref: str) -> float | None:
    try:
        degrees, minutes, seconds = (float(part) for part in dms)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = degrees + minutes / 60 + seconds / 3600
    if not math.isfinite(value):
        return None
    # Six decimals: about 0.1 m, finer than any phone's GPS.
    return round(-value if str(ref).upper() in ("S", "W") else value, 6)


def _date(text) -> dt.date | None:
    try:
        return dt.datetime.strptime(str(text).strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S").date()
    except ValueError:
        return None


def read_photo_facts(source: Path) -> PhotoFacts:
    """The GPS position and the day taken written in ``source``'s EXIF; an empty PhotoFacts when
    it has none or cannot be read (a photo without EXIF is no error)."""
    from PIL import Image, UnidentifiedImageError  # on first use: keeps Pillow out of the app's start-up

    try:
        with Image.open(source) as image:
            exif = image.getexif()
            gps, details = exif.get_ifd(_GPS_IFD), exif.get_ifd(_EXIF_IFD)
    except (OSError, UnidentifiedImageError, ValueError):
        return PhotoFacts()
    latitude = _degrees(gps.get(_LAT), gps.get(_LAT_REF, "N")) if _LAT in gps else None
    longitude = _degrees(gps.get(_LON), gps.get(_LON_REF, "E")) if _LON in gps else None
    if latitude is None or longitude is None or (latitude == 0 and longitude == 0):
        latitude = longitude = None
    taken = details.get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    return PhotoFacts(latitude, longitude, _date(taken) if taken else None)
