"""Checks of pushed field values, one field at a time: types, enums, dates, bounds. Pure; raises FieldValueError.

A field given must have the right shape (null passes here: whether the record may lack it is for
the rules of ``sync.domain.rules``, which the entry planner asks of the whole record afterwards).
Fields this server does not know (from a newer client) are kept after a generic size check.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

from sync.domain.vocabulary import (
    AttendeeCategory,
    BaseKind,
    HouseholdKind,
    ProjectKind,
    RecordType,
    ReviewAction,
    ReviewState,
    ServiceType,
    VisitMode,
)
from sync.protocol import MAX_ATTACHMENT_BYTES, MAX_TEXT_LENGTH

MAX_ID_LENGTH = 64
MAX_LIST_ITEMS = 1000
MAX_DEPTH = 6
MAX_INTEGER = 2**63 - 1
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
_VILLAGE_CODE = re.compile(r"([0-9]{12})?")
_SHA256 = re.compile(r"[0-9a-f]{64}")

Check = Callable[[Any], None]


def storable(text: str) -> bool:
    """Whether both databases can keep this text: no NUL character and no unpaired surrogate."""
    if "\x00" in text:
        return False
    if text.isascii():  # most ids and codes: no surrogate possible, nothing to encode
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class FieldValueError(ValueError):
    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}")


def _text(max_length: int = MAX_TEXT_LENGTH) -> Check:
    def check(value: Any) -> None:
        if not isinstance(value, str):
            raise ValueError("must be text")
        if len(value) > max_length:
            raise ValueError(f"longer than {max_length} characters")
        if not storable(value):
            raise ValueError("contains a NUL character or an unpaired surrogate")
    return check


def _pattern(regex: re.Pattern[str], what: str) -> Check:
    def check(value: Any) -> None:
        if not isinstance(value, str) or not regex.fullmatch(value):
            raise ValueError(f"must be {what}")
    return check


def _choice(enum: type[StrEnum], allowed: set[str] | None = None) -> Check:
    values = allowed if allowed is not None else {e.value for e in enum}

    def check(value: Any) -> None:
        if not isinstance(value, str) or value not in values:  # a list or object is no choice (and unhashable)
            raise ValueError(f"must be one of {', '.join(sorted(values))}")
    return check


def _number(low: float, high: float, integer: bool = False) -> Check:
    def check(value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError("must be a number")
        if integer and not isinstance(value, int):
            raise ValueError("must be a whole number")
        if not low <= value <= high:
            raise ValueError(f"must be between {low:g} and {high:g}")
    return check


def _boolean(value: Any) -> None:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")


def _iso(parse: Callable[[str], object], what: str) -> Check:
    def check(value: Any) -> None:
        try:
            parse(value)
        except (TypeError, ValueError):
            raise ValueError(f"must be an ISO {what}") from None
    return check


def _list_of(item: Check) -> Check:
    def check(value: Any) -> None:
        if not isinstance(value, list):
            raise ValueError("must be a list")
        if len(value) > MAX_LIST_ITEMS:
            raise ValueError(f"has more than {MAX_LIST_ITEMS} items")
        for element in value:
            item(element)
    return check


def _attendees(value: Any) -> None:
    if not isinstance(value, dict):
        raise ValueError("must map attendee categories to counts")
    categories = {c.value for c in AttendeeCategory}
    for key, count in value.items():
        if key not in categories:
            raise ValueError(f"unknown attendee category {key!r}")
        _number(0, 1_000_000, integer=True)(count)


def json_value(value: Any, depth: int = 0) -> None:
    """Any JSON value whose strings, lists and nesting stay within the server's bounds."""
    if depth > MAX_DEPTH:
        raise ValueError("is nested too deeply")
    if isinstance(value, str):
        _text()(value)
    elif isinstance(value, list):
        if len(value) > MAX_LIST_ITEMS:
            raise ValueError(f"has more than {MAX_LIST_ITEMS} items")
        for element in value:
            json_value(element, depth + 1)
    elif isinstance(value, dict):
        if len(value) > MAX_LIST_ITEMS:
            raise ValueError(f"has more than {MAX_LIST_ITEMS} keys")
        for key, element in value.items():
            _text(MAX_ID_LENGTH)(key)
            json_value(element, depth + 1)
    elif isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a finite number")
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
        raise ValueError(f"must be between -{MAX_INTEGER} and {MAX_INTEGER}")


_ID = _text(MAX_ID_LENGTH)
_IDS = _list_of(_ID)
_DATE = _iso(dt.date.fromisoformat, "date")
_TIME = _iso(dt.datetime.fromisoformat, "date and time")
_VILLAGE = _pattern(_VILLAGE_CODE, "a 12-digit village code (or empty)")
_REVIEWABLE = {RecordType.VISIT.value, RecordType.TRAINING.value, RecordType.DEMO_BASE.value,
               RecordType.DEMO_PROJECT.value}
_OWNERS = {RecordType.HOUSEHOLD.value, RecordType.VISIT.value, RecordType.TRAINING.value}

_YEAR = _number(0, 9999, integer=True)
_DEMONSTRATION: dict[str, Check] = {
    "name": _text(), "county_code": _pattern(re.compile(r"[0-9]{6}"), "a 6-digit county code"),
    "township_code": _pattern(re.compile(r"([0-9]{9})?"), "a 9-digit township code (or empty)"),
    "village_code": _VILLAGE, "industry": _text(128), "specialist_id": _ID, "area_mu": _number(0, 100_000_000),
    "scale": _text(), "description": _text(), "latitude": _number(-90, 90), "longitude": _number(-180, 180),
    "review_state": _choice(ReviewState),
}

_COMMON: dict[str, Check] = {
    "created_at": _TIME, "updated_at": _TIME, "author_id": _ID, "station_id": _ID, "deleted": _boolean,
}
_CHECKS: dict[RecordType, dict[str, Check]] = {
    RecordType.HOUSEHOLD: {
        "name": _text(), "kind": _choice(HouseholdKind), "phone": _text(32), "village_code": _VILLAGE,
        "industries": _list_of(_text(128)), "livestock_head": _number(0, 10_000_000, integer=True),
        "land_mu": _number(0, 100_000_000), "notes": _text(), "contact_consent": _boolean,
        "consent_date": _DATE, "merged_into": _ID,
    },
    RecordType.VISIT: {
        "visit_date": _DATE, "mode": _choice(VisitMode), "duration_hours": _number(0, 24 * 31),
        "village_code": _VILLAGE, "household_ids": _IDS, "service_types": _list_of(_choice(ServiceType)),
        "industry": _text(128), "problem": _text(), "advice": _text(), "follow_up_date": _DATE, "end_date": _DATE,
        "latitude": _number(-90, 90), "longitude": _number(-180, 180), "photo_ids": _IDS,
        "review_state": _choice(ReviewState), "demonstration_id": _ID,
    },
    RecordType.TRAINING: {
        "training_date": _DATE, "village_code": _VILLAGE, "place": _text(), "topic": _text(),
        "industry": _text(128), "trainers": _list_of(_text(128)), "hours": _number(0, 24 * 31),
        "attendees": _attendees, "attendee_household_ids": _IDS, "photo_ids": _IDS,
        "review_state": _choice(ReviewState),
    },
    RecordType.DEMO_BASE: {**_DEMONSTRATION, "kind": _choice(BaseKind), "year_established": _YEAR},
    RecordType.DEMO_PROJECT: {**_DEMONSTRATION, "kind": _choice(ProjectKind), "start_year": _YEAR,
                              "end_year": _YEAR},
    RecordType.REVIEW_EVENT: {
        "record_type": _choice(RecordType, _REVIEWABLE), "record_id": _ID, "action": _choice(ReviewAction),
        "comment": _text(), "from_state": _choice(ReviewState), "to_state": _choice(ReviewState),
    },
    RecordType.ATTACHMENT: {
        "sha256": _pattern(_SHA256, "64 lower-case hex digits"), "mime_type": _text(128),
        "size": _number(0, MAX_ATTACHMENT_BYTES, integer=True), "owner_type": _choice(RecordType, _OWNERS),
        "owner_id": _ID, "filename": _text(255),
    },
    RecordType.CONFLICT: {
        "record_type": _choice(RecordType), "record_id": _ID, "field": _text(MAX_ID_LENGTH),
        "server_value": json_value, "client_value": json_value, "client_author_id": _ID,
        "resolved": _boolean, "resolution": json_value,
    },
}


#: Each record type's checks by field, the common ones included: one lookup per pushed field, and
#: a field found here needs no check of its name.
_FIELD_CHECKS: dict[RecordType, dict[str, Check]] = {
    record_type: {**_CHECKS.get(record_type, {}), **_COMMON} for record_type in RecordType}


def validate_values(record_type: RecordType, values: Mapping[str, Any]) -> None:
    """Raise FieldValueError for the first field whose value this record type cannot hold."""
    checks = _FIELD_CHECKS[record_type]
    for field, value in values.items():
        check = checks.get(field)
        if check is None:
            if not (isinstance(field, str) and _FIELD_NAME.fullmatch(field)):
                raise FieldValueError(str(field)[:MAX_ID_LENGTH], "is not a valid field name")
            check = json_value
        if value is None and field != "deleted":
            continue
        try:
            check(value)
        except ValueError as exc:
            raise FieldValueError(field, str(exc)) from None
