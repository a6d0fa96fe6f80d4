"""The rules a household, visit, training or demonstration base/project must meet to be kept: the one rule set of device and server.

A record is read as a mapping of its synced fields (``sync.domain.fields.RECORD_FIELDS``): the desktop
passes its record's attributes, the server the stored fields with a pushed entry applied, so dates
may be ``datetime.date`` or ISO text and lists may be tuples. Every failure names its field; its
message is English source text the desktop translates in context "Validation".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, Final

from sync.domain import demonstration_rules
from sync.domain.consent import fields_needing_consent
from sync.domain.counting import MAX_VISIT_DAYS
from sync.domain.i18n import QT_TRANSLATE_NOOP
from sync.domain.phone import is_valid_phone
from sync.domain.vocabulary import AttendeeCategory, HouseholdKind, RecordType, Role, ServiceType, VisitMode

#: The longest free text (a problem, advice, notes) a record may hold, on the device and the server.
MAX_TEXT_LENGTH: Final = 4000
#: Who may change the plan's targets: they are the region's plan, set by the region office.
TARGET_EDITOR_ROLES: Final = frozenset({Role.REGION_ADMIN})
#: The largest value a target may be set to.
MAX_TARGET_VALUE: Final = 1_000_000_000
MAX_VISIT_HOURS = 16.0
MAX_TRAINING_HOURS = 80.0
MAX_ATTENDEES_PER_CATEGORY = 5000
# Beyond these a size is a slip of the keyboard (an extra zero or two), not a farm of the region.
MAX_LIVESTOCK_HEAD = 100_000
MAX_LAND_MU = 1_000_000
#: Names from a list (an industry, a trainer): short, as the server's columns keep them.
MAX_NAME_LENGTH = 128
MAX_PHONE_LENGTH = 32
#: How far back a visit or training may be dated, counted from the day it is recorded.
MAX_AGE_DAYS = 731
# Inner Mongolia lies within these bounds; a GPS fix outside them is a typo or a wrong device setting.
LATITUDE_RANGE = (37.0, 54.0)
LONGITUDE_RANGE = (97.0, 127.0)
#: The record types with rules; the others (review events, attachments, conflicts) have none here.
RULED_TYPES = frozenset({RecordType.HOUSEHOLD, RecordType.VISIT, RecordType.TRAINING, RecordType.DEMO_BASE,
                         RecordType.DEMO_PROJECT})


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str  # English source text, translated by the UI in context "Validation"
    params: tuple[str, ...] = ()

    def text(self) -> str:
        """The message in English with its %1, %2… filled in (what the server answers)."""
        text = self.message
        for n, value in enumerate(self.params, start=1):
            text = text.replace(f"%{n}", value)
        return f"{self.field}: {text}"


class ValidationError(ValueError):
    """Raised with every problem found; ``errors[0].field`` is the first field to fix."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))

    @property
    def field(self) -> str:
        return self.errors[0].field

    def fields(self) -> set[str]:
        return {e.field for e in self.errors}


@dataclass(frozen=True)
class Context:
    """What the rules need beyond the record itself.

    ``today``: the day the record is recorded (dates may not be later, nor more than MAX_AGE_DAYS
    earlier). ``unchanged``: fields the change at hand leaves as they were; the rules that depend
    on the world rather than the record (the date window, the village still being on the official
    list) are not asked again of them, so approving a visit three years on, or a village merged
    since, never blocks an edit of another field.
    """

    today: dt.date
    village_exists: Callable[[str], bool]
    county_code: str | None = None  # the county chosen in the form, if any
    unchanged: frozenset[str] = frozenset()
    #: Whether a household agreed to be named (in a training's attendance); the server, which
    #: checks a training without its households at hand, leaves this to the device.
    household_consented: Callable[[str], bool] = lambda _household_id: True
    #: Whether a county or township code is on the official list; None: only its shape is checked.
    division_exists: Callable[[str], bool] | None = None


_M = {
    "required": QT_TRANSLATE_NOOP("Validation", "This field is required."),
    "future": QT_TRANSLATE_NOOP("Validation", "The date cannot be in the future."),
    "too_old": QT_TRANSLATE_NOOP("Validation", "The date is more than two years ago."),
    "hours": QT_TRANSLATE_NOOP("Validation", "Enter a duration between 0.5 and %1 hours."),
    "village": QT_TRANSLATE_NOOP("Validation", "Choose a village from the official list."),
    "village_county": QT_TRANSLATE_NOOP("Validation", "The village is not in the chosen county."),
    "phone": QT_TRANSLATE_NOOP("Validation", "Enter a mainland mobile (11 digits) or a landline with its area code."),
    "households": QT_TRANSLATE_NOOP("Validation", "Add at least one household served."),
    "service_types": QT_TRANSLATE_NOOP("Validation", "Choose at least one service type."),
    "choice": QT_TRANSLATE_NOOP("Validation", "Choose one of the listed values."),
    "too_long": QT_TRANSLATE_NOOP("Validation", "The text is longer than %1 characters."),
    "not_a_number": QT_TRANSLATE_NOOP("Validation", "Enter a number, e.g. 2.5."),
    "range": QT_TRANSLATE_NOOP("Validation", "Enter a number between 0 and %1."),
    "count": QT_TRANSLATE_NOOP("Validation", "Enter a whole number between 0 and %1."),
    "no_attendees": QT_TRANSLATE_NOOP("Validation", "Enter at least one attendee."),
    "named_attendees": QT_TRANSLATE_NOOP("Validation", "More people are named (%1) than attended in all (%2)."),
    "follow_up": QT_TRANSLATE_NOOP("Validation", "The follow-up date must come after the visit."),
    "end_date": QT_TRANSLATE_NOOP("Validation",
                                  "The last day must fall after the first, in the same year, at most %1 days on."),
    "gps": QT_TRANSLATE_NOOP("Validation", "The position is outside Inner Mongolia."),
    "gps_pair": QT_TRANSLATE_NOOP("Validation", "Enter both latitude and longitude, or neither."),
    "industries": QT_TRANSLATE_NOOP("Validation", "Name each industry once, from the list or under Other."),
    "consent_phone": QT_TRANSLATE_NOOP(
        "Validation", "A phone number is kept only with the person's consent: tick Consent, or clear the phone."),
    "consent_notes": QT_TRANSLATE_NOOP(
        "Validation", "The notes hold an ID or phone number: kept only with consent. Tick Consent, or remove it."),
    "consent_named": QT_TRANSLATE_NOOP(
        "Validation", "%1 of the named households did not agree to be named: remove them and count them above."),
    **demonstration_rules.MESSAGES,
}


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _number(value: Any) -> float | None:
    """A JSON number as a float (NaN stays NaN, so a range check fails it); None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


@cache
def _values(allowed: type[Enum]) -> frozenset[Any]:
    """The values of a vocabulary, built once: a push checks them for every record."""
    return frozenset(m.value for m in allowed)


def _items(value: Any) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, list | tuple) else ()


class _Checker:
    def __init__(self, values: Mapping[str, Any], ctx: Context):
        self.values = values
        self.ctx = ctx
        self.errors: list[FieldError] = []

    def __getitem__(self, field: str) -> Any:
        return self.values.get(field)

    def fail(self, field: str, key: str, *params: object) -> None:
        if field not in {e.field for e in self.errors}:
            self.errors.append(FieldError(field, _M[key], tuple(str(p) for p in params)))

    def required_text(self, field: str, max_length: int = MAX_TEXT_LENGTH) -> None:
        value = self[field]
        if not (isinstance(value, str) and value.strip()):
            self.fail(field, "required")
        self.text(field, max_length)

    def text(self, field: str, max_length: int = MAX_TEXT_LENGTH) -> None:
        value = self[field]
        if isinstance(value, str) and len(value) > max_length:
            self.fail(field, "too_long", max_length)

    def names(self, field: str) -> None:
        if any(isinstance(name, str) and len(name) > MAX_NAME_LENGTH for name in _items(self[field])):
            self.fail(field, "too_long", MAX_NAME_LENGTH)

    def industries(self, field: str) -> None:
        """A list of industries: each a reference name or the text typed beside 其他, named once."""
        value = self[field]
        if value is None:
            return
        items = _items(value)
        if field in self.ctx.unchanged:  # kept as an older version stored it; an edit elsewhere is no reason to ask
            self.names(field)
        elif not isinstance(value, list | tuple) or any(not (isinstance(i, str) and i.strip()) for i in items) \
                or len({i.strip() for i in items}) != len(items):
            self.fail(field, "industries")
        else:
            self.names(field)

    def size(self, field: str, maximum: int, *, whole: bool = False) -> None:
        """An optional size: a number (whole if ``whole``) from 0 to ``maximum``."""
        value = self[field]
        if value is None:
            return
        number = _number(value)
        if number is None or math.isnan(number):
            self.fail(field, "not_a_number")
        elif whole and not (math.isfinite(number) and number == int(number) and 0 <= number <= maximum):
            self.fail(field, "count", f"{maximum:,}")
        elif not 0 <= number <= maximum:
            self.fail(field, "range", f"{maximum:,}")

    def past_date(self, field: str) -> dt.date | None:
        value = _date(self[field])
        if value is None:
            self.fail(field, "required")
        elif field in self.ctx.unchanged:
            pass
        elif value > self.ctx.today:
            self.fail(field, "future")
        elif value < self.ctx.today - dt.timedelta(days=MAX_AGE_DAYS):
            self.fail(field, "too_old")
        return value

    def village(self, field: str) -> None:
        code = self[field]
        if not code or not isinstance(code, str):
            self.fail(field, "required")
        elif field in self.ctx.unchanged:
            pass
        elif not self.ctx.village_exists(code):
            self.fail(field, "village")
        elif self.ctx.county_code and not code.startswith(self.ctx.county_code):
            self.fail(field, "village_county")

    def hours(self, field: str, maximum: float) -> None:
        value = _number(self[field])
        if value is not None and math.isnan(value):
            self.fail(field, "not_a_number")
        elif value is None or not (0.5 <= value <= maximum):
            self.fail(field, "hours", f"{maximum:g}")

    def choice(self, field: str, allowed: type[Enum]) -> None:
        if self[field] not in _values(allowed):
            self.fail(field, "choice")

    def position(self) -> None:
        position(self, self["latitude"], self["longitude"])


def _household(c: _Checker) -> None:
    c.required_text("name")
    c.choice("kind", HouseholdKind)
    phone = c["phone"]
    if phone and not (isinstance(phone, str) and len(phone) <= MAX_PHONE_LENGTH and is_valid_phone(phone)):
        c.fail("phone", "phone")
    c.village("village_code")
    c.industries("industries")
    c.size("livestock_head", MAX_LIVESTOCK_HEAD, whole=True)
    c.size("land_mu", MAX_LAND_MU)
    c.text("notes")
    for error in consent_errors(c.values, c.ctx.unchanged):
        if error.field not in {e.field for e in c.errors}:
            c.errors.append(error)


def consent_errors(values: Mapping[str, Any], unchanged: frozenset[str] = frozenset()) -> list[FieldError]:
    """The personal fields of a household kept without the person's consent, each saying why.

    A field kept from before consent was asked, with neither it nor the consent changed now, is
    not held against an edit of something else (the household form shows it to be put right).
    """
    return [FieldError(field, _M[f"consent_{field}"]) for field in fields_needing_consent(values)
            if not {field, "contact_consent"} <= unchanged]


def _visit(c: _Checker) -> None:
    visit_date = c.past_date("visit_date")
    c.choice("mode", VisitMode)
    c.hours("duration_hours", MAX_VISIT_HOURS)
    c.village("village_code")
    if not _items(c["household_ids"]):
        c.fail("household_ids", "households")
    service_types = _items(c["service_types"])
    if not service_types:
        c.fail("service_types", "service_types")
    elif any(s not in _values(ServiceType) for s in service_types):
        c.fail("service_types", "choice")
    c.required_text("industry", MAX_NAME_LENGTH)
    c.required_text("problem")
    c.required_text("advice")
    follow_up = _date(c["follow_up_date"])
    if follow_up and visit_date and follow_up <= visit_date:
        c.fail("follow_up_date", "follow_up")
    end = _date(c["end_date"])
    if end and visit_date and not (visit_date < end and end.year == visit_date.year
                                   and (end - visit_date).days < MAX_VISIT_DAYS):
        c.fail("end_date", "end_date", MAX_VISIT_DAYS)
    position(c, c["latitude"], c["longitude"])


def position(c: _Checker, lat: Any, lon: Any) -> None:
    if any(isinstance(v, float) and math.isnan(v) for v in (lat, lon)):
        c.fail("latitude", "not_a_number")
    elif (lat is None) != (lon is None):
        c.fail("latitude", "gps_pair")
    elif lat is not None and lon is not None:
        lat, lon = _number(lat), _number(lon)
        if lat is None or lon is None or not (LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1]
                                              and LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]):
            c.fail("latitude", "gps")


def _training(c: _Checker) -> None:
    c.past_date("training_date")
    c.village("village_code")
    c.required_text("topic")
    c.required_text("industry", MAX_NAME_LENGTH)
    c.text("place")
    if not any(isinstance(name, str) and name.strip() for name in _items(c["trainers"])):
        c.fail("trainers", "required")
    c.names("trainers")
    c.hours("hours", MAX_TRAINING_HOURS)
    attendees = c["attendees"] if isinstance(c["attendees"], dict) else {}
    known = _values(AttendeeCategory)
    for category, count in attendees.items():
        if category not in known:
            c.fail("attendees", "choice")
        elif not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= MAX_ATTENDEES_PER_CATEGORY:
            c.fail(f"attendees.{category}", "count", MAX_ATTENDEES_PER_CATEGORY)
    total = sum(attendees.get(m, 0) for m in known) \
        if "attendees" not in {e.field.split(".")[0] for e in c.errors} else None
    named = len(_items(c["attendee_household_ids"]))
    if total == 0:
        c.fail("attendees", "no_attendees")
    elif total is not None and named > total:
        c.fail("attendee_household_ids", "named_attendees", named, total)
    unconsented = [h for h in _items(c["attendee_household_ids"]) if not c.ctx.household_consented(h)]
    if unconsented:
        c.fail("attendee_household_ids", "consent_named", len(unconsented))


_RULES: dict[RecordType, Callable[[_Checker], None]] = {
    RecordType.HOUSEHOLD: _household, RecordType.VISIT: _visit, RecordType.TRAINING: _training,
    RecordType.DEMO_BASE: demonstration_rules.demonstration_base,
    RecordType.DEMO_PROJECT: demonstration_rules.demonstration_project,
}


def record_errors(record_type: RecordType | str, values: Mapping[str, Any], ctx: Context) -> list[FieldError]:
    """Every rule ``values`` breaks, the first field to fix first; [] for a type without rules."""
    rules = _RULES.get(RecordType(record_type))
    if rules is None:
        return []
    checker = _Checker(values, ctx)
    rules(checker)
    return checker.errors


def check_record(record_type: RecordType | str, values: Mapping[str, Any], ctx: Context) -> None:
    """Raise ValidationError if ``values`` break a rule of ``record_type``."""
    errors = record_errors(record_type, values, ctx)
    if errors:
        raise ValidationError(errors)
