"""Typical cases (典型案例): who may mark a visit or training, what a write-up is, which marks stand.

A mark is a review event (action ``mark_typical``, its comment the write-up; ``unmark_typical``
takes it back) that changes no review state, so it is made offline, syncs through the normal push
and pull, and the device and the server check it with these rules. The latest event of a record
decides whether it is a typical case.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sync.domain.vocabulary import ReviewAction, Role

MAX_WRITE_UP = 500
TYPICAL_ACTIONS = frozenset({ReviewAction.MARK_TYPICAL.value, ReviewAction.UNMARK_TYPICAL.value})
#: The record's station manager, or an administrator of its area (the server checks the area).
MARKING_ROLES = frozenset({Role.STATION_MANAGER, Role.COUNTY_ADMIN, Role.LEAGUE_ADMIN, Role.REGION_ADMIN})
MARKABLE = ("visit", "training")


def write_up_problem(text: object) -> str | None:
    """Why ``text`` is no write-up (None: it is one): 1 to MAX_WRITE_UP characters, not only white space, no NUL."""
    if not isinstance(text, str) or not text.strip() or len(text.strip()) > MAX_WRITE_UP or "\x00" in text:
        return f"a typical case needs a write-up of 1 to {MAX_WRITE_UP} characters"
    return None


def mark_denial(action: object, comment: object, from_state: object, to_state: object, role: Role) -> str | None:
    """Why ``role`` may not record this typical-case event (None: allowed)."""
    if role not in MARKING_ROLES:
        return "a typical case is marked by the record's station manager or an administrator of its area"
    if from_state != to_state:
        return "marking a typical case does not change the record's review state"
    if action == ReviewAction.MARK_TYPICAL.value:
        return write_up_problem(comment)
    return None


def standing(events: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], Mapping[str, Any]]:
    """The marks that stand, by (record type, id): each record's latest typical-case event (by
    ``created_at``, then id), when it marks. Events carry record_type, record_id, action, comment,
    created_at, id and author_id."""
    latest: dict[tuple[str, str], Mapping[str, Any]] = {}
    for e in events:
        if str(e.get("action")) not in TYPICAL_ACTIONS:
            continue
        key = (str(e["record_type"]), str(e["record_id"]))
        order = (str(e.get("created_at") or ""), str(e.get("id") or ""))
        if key not in latest or order >= (str(latest[key].get("created_at") or ""), str(latest[key].get("id") or "")):
            latest[key] = e
    return {key: e for key, e in latest.items() if str(e.get("action")) == ReviewAction.MARK_TYPICAL.value}
