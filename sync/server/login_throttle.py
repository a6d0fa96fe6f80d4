"""How long a user name must wait after failed logins. Pure.

The first FREE_FAILURES failures within WINDOW cost nothing; each one after that doubles the wait
(30 s, 60 s, 120 s … up to 15 minutes), counted from the latest failure. Attempts made while
waiting are refused without checking the password, so they neither count nor cost argon2 time.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

WINDOW = dt.timedelta(minutes=15)
FREE_FAILURES = 5
FIRST_DELAY = dt.timedelta(seconds=30)
MAX_DELAY = dt.timedelta(minutes=15)


def retry_after(failures: Sequence[dt.datetime], now: dt.datetime) -> int | None:
    """Seconds to wait before the next attempt, or None if one may try now."""
    recent = sorted(t for t in failures if now - t < WINDOW)
    if len(recent) < FREE_FAILURES:
        return None
    delay = min(MAX_DELAY, FIRST_DELAY * 2 ** (len(recent) - FREE_FAILURES))
    wait = (recent[-1] + delay - now).total_seconds()
    return math.ceil(wait) if wait > 0 else None
