"""How long a login must wait after failed ones, per user and source, per source, per known device. Pure.

Failures are counted over WINDOW in four ways. Within each, the first ``free`` failures cost nothing;
each one after that doubles the wait (30 s, 60 s, 120 s … up to 15 minutes), counted from the
latest failure. Attempts made while waiting are refused without checking the password, so they
neither count nor cost argon2 time.

- one user name from one source address: someone guessing one person's password;
- one user name from every source: the same guessing spread over many addresses;
- one source address over every user name: one password tried on many accounts (spraying);
- one known device (it proved itself with its last token) for its user: such a device is judged
  on its own failures only, so the real user's laptop signs in with the right password while
  strangers are held back.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
from collections.abc import Sequence
from dataclasses import dataclass

WINDOW = dt.timedelta(minutes=15)
FREE_FAILURES = 5
FIRST_DELAY = dt.timedelta(seconds=30)
MAX_DELAY = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Limit:
    free: int
    message: str  # with {username} and {wait}


USER_AND_SOURCE = Limit(FREE_FAILURES, "too many failed logins for {username} from this address; "
                                       "try again in {wait} seconds")
USER = Limit(20, "too many failed logins for {username} from several addresses; try again in {wait} seconds, "
                 "or sign in on a device that was signed in before")
SOURCE = Limit(15, "too many failed logins from this address; try again in {wait} seconds")
DEVICE = Limit(FREE_FAILURES, "too many failed logins for {username} on this device; try again in {wait} seconds")


@dataclass(frozen=True)
class Failure:
    username: str
    source: str
    device_id: str | None  # the known device the attempt came from, if it proved one
    at: dt.datetime


@dataclass(frozen=True)
class Refusal:
    wait: int  # seconds, for Retry-After
    message: str


def retry_after(failures: Sequence[dt.datetime], now: dt.datetime, free: int = FREE_FAILURES) -> int | None:
    """Seconds to wait before the next attempt, or None if one may try now."""
    recent = sorted(t for t in failures if now - t < WINDOW)
    if len(recent) < free:
        return None
    delay = min(MAX_DELAY, FIRST_DELAY * 2 ** (len(recent) - free))
    wait = (recent[-1] + delay - now).total_seconds()
    return math.ceil(wait) if wait > 0 else None


def check(failures: Sequence[Failure], username: str, source: str, device_id: str | None,
          now: dt.datetime) -> Refusal | None:
    """Whether an attempt for ``username`` from ``source`` (by known device ``device_id``) must wait."""
    if device_id is not None:
        groups = [(DEVICE, [f for f in failures if f.device_id == device_id and f.username == username])]
    else:
        strangers = [f for f in failures if f.device_id is None]
        groups = [(USER_AND_SOURCE, [f for f in strangers if f.username == username and f.source == source]),
                  (USER, [f for f in strangers if f.username == username]),
                  (SOURCE, [f for f in strangers if f.source == source])]
    refusals = [Refusal(wait, limit.message.format(username=username, wait=wait))
                for limit, group in groups
                if (wait := retry_after([f.at for f in group], now, limit.free)) is not None]
    return max(refusals, key=lambda refusal: refusal.wait, default=None)


def source_of(host: str | None) -> str:
    """The source address a failure is counted for; an IPv6 host counts as its /64 network, which
    one machine can fill with addresses of its own."""
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:64]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
