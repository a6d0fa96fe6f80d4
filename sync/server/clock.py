"""The server's notion of now: aware UTC datetimes (device clocks never decide anything)."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
