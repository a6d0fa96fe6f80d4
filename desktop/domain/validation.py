"""Rules a record must meet before it is stored; each failure names the field it is about."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.domain.phone import is_valid_phone
from desktop.domain.records import Household, Record, Training, Visit
from sync.domain.consent import fields_needing_consent
from sync.protocol import MAX_TEXT_LENGTH, AttendeeCategory, HouseholdKind, ServiceType, VisitMode

MAX_VISIT_HOURS = 16.0
MAX_TRAINING_HOURS = 80.0
MAX_ATTENDEES_PER_CATEGORY = 5000
# Beyond these a size is a slip of the keyboard (an extra zero or two), not a farm of the region.
MAX_LIVESTOCK_HEAD = 100_000
MAX_LAND_MU = 1_000_000
# Inner Mongolia lies within these bounds; a GPS fix outside them is a typo or a wrong device setting.
LATITUDE_RANGE = (37.0, 54.0)
LONGITUDE_RANGE = (97.0, 127.0)


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str  # English source text, translated by the UI in context "Validation"
    params: tuple[str, ...] = ()


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
    """What validation needs to know beyond the record itself."""

    today: dt.date
    village_exists: Callable[[str], bool]
    county_code: str | None = None  # the county chosen in the form, if any
    #: Whether a household gave consent to be named (in a training's attendance).
    household_consented: Callable[[str], bool] = lambda _household_id: True


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
    "gps": QT_TRANSLATE_NOOP("Validation", "The position is outside Inner Mongolia."),
    "gps_pair": QT_TRANSLATE_NOOP("Validation", "Enter both latitude and longitude, or neither."),
    "consent_phone": QT_TRANSLATE_NOOP(
        "Validation", "A phone number is kept only with the person's consent: tick Consent, or clear the phone."),
    "consent_named": QT_TRANSLATE_NOOP(
        "Validation", "%1 of the named households did not agree to be named: remove them and count them above."),
    "consent_notes": QT_TRANSLATE_NOOP(
        "Validation", "The notes hold an ID or phone number: kept only with consent. Tick Consent, or remove it."),
}


class _Checker:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.errors: list[FieldError] = []

    def fail(self, field: str, key: str, *params: object) -> None:
        if field not in {e.field for e in self.errors}:
            self.errors.append(FieldError(field, _M[key], tuple(str(p) for p in params)))

    def required_text(self, field: str, value: str) -> None:
        if not (value or "").strip():
            self.fail(field, "required")
        self.text(field, value)

    def text(self, field: str, value: str) -> None:
        if value and len(value) > MAX_TEXT_LENGTH:
            self.fail(field, "too_long", MAX_TEXT_LENGTH)

    def past_date(self, field: str, value: dt.date | None) -> None:
        if value is None:
            self.fail(field, "required")
        elif value > self.ctx.today:
            self.fail(field, "future")
        elif value < self.ctx.today - dt.timedelta(days=731):
            self.fail(field, "too_old")

    def village(self, field: str, code: str) -> None:
        if not code:
            self.fail(field, "required")
        elif not self.ctx.village_exists(code):
            self.fail(field, "village")
        elif self.ctx.county_code and not code.startswith(self.ctx.county_code):
            self.fail(field, "village_county")

    def hours(self, field: str, value: float | None, maximum: float) -> None:
        if value is not None and math.isnan(value):
            self.fail(field, "not_a_number")
        elif value is None or not (0.5 <= value <= maximum):
            self.fail(field, "hours", f"{maximum:g}")

    def size(self, field: str, value: float | None, maximum: int, *, whole: bool = False) -> None:
        """An optional size: a number (whole if ``whole``) from 0 to ``maximum``."""
        if value is None:
            return
        if math.isnan(value):
            self.fail(field, "not_a_number")
        elif whole and (value != int(value) or not 0 <= value <= maximum):
            self.fail(field, "count", f"{maximum:,}")
        elif not 0 <= value <= maximum:
            self.fail(field, "range", f"{maximum:,}")

    def choice(self, field: str, value: str, allowed: type) -> None:
        if value not in {m.value for m in allowed}:
            self.fail(field, "choice")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def validate_household(h: Household, ctx: Context) -> None:
    c = _Checker(ctx)
    c.required_text("name", h.name)
    c.choice("kind", h.kind, HouseholdKind)
    if h.phone and not is_valid_phone(h.phone):
        c.fail("phone", "phone")
    c.village("village_code", h.village_code)
    c.size("livestock_head", h.livestock_head, MAX_LIVESTOCK_HEAD, whole=True)
    c.size("land_mu", h.land_mu, MAX_LAND_MU)
    c.text("notes", h.notes)
    c.errors.extend(e for e in consent_errors(h) if e.field not in {f.field for f in c.errors})
    c.raise_if_any()


def consent_errors(h: Household) -> list[FieldError]:
    """The personal fields ``h`` holds without the person's consent, each with why it cannot be kept."""
    values = {"phone": h.phone, "notes": h.notes, "contact_consent": h.contact_consent}
    return [FieldError(field, _M[f"consent_{field}"]) for field in fields_needing_consent(values)]


def validate_visit(v: Visit, ctx: Context) -> None:
    c = _Checker(ctx)
    c.past_date("visit_date", v.visit_date)
    c.choice("mode", v.mode, VisitMode)
    c.hours("duration_hours", v.duration_hours, MAX_VISIT_HOURS)
    c.village("village_code", v.village_code)
    if not v.household_ids:
        c.fail("household_ids", "households")
    if not v.service_types:
        c.fail("service_types", "service_types")
    elif any(s not in {m.value for m in ServiceType} for s in v.service_types):
        c.fail("service_types", "choice")
    c.required_text("industry", v.industry)
    c.required_text("problem", v.problem)
    c.required_text("advice", v.advice)
    if v.follow_up_date and v.visit_date and v.follow_up_date <= v.visit_date:
        c.fail("follow_up_date", "follow_up")
    _check_position(c, v.latitude, v.longitude)
    c.raise_if_any()


def _check_position(c: _Checker, lat: float | None, lon: float | None) -> None:
    if any(v is not None and math.isnan(v) for v in (lat, lon)):
        c.fail("latitude", "not_a_number")
    elif (lat is None) != (lon is None):
        c.fail("latitude", "gps_pair")
    elif lat is not None and lon is not None:
        if not (LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1] and LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]):
            c.fail("latitude", "gps")


def validate_training(t: Training, ctx: Context) -> None:
    c = _Checker(ctx)
    c.past_date("training_date", t.training_date)
    c.village("village_code", t.village_code)
    c.required_text("topic", t.topic)
    c.required_text("industry", t.industry)
    c.text("place", t.place)
    if not any(name.strip() for name in t.trainers):
        c.fail("trainers", "required")
    c.hours("hours", t.hours, MAX_TRAINING_HOURS)
    known = {m.value for m in AttendeeCategory}
    for category, count in t.attendees.items():
        if category not in known:
            c.fail("attendees", "choice")
        elif not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= MAX_ATTENDEES_PER_CATEGORY:
            c.fail(f"attendees.{category}", "count", MAX_ATTENDEES_PER_CATEGORY)
    total = t.total_attendees() if "attendees" not in {e.field.split(".")[0] for e in c.errors} else None
    if total == 0:
        c.fail("attendees", "no_attendees")
    elif total is not None and len(t.attendee_household_ids) > total:
        c.fail("attendee_household_ids", "named_attendees", len(t.attendee_household_ids), total)
    unconsented = [h for h in t.attendee_household_ids if not ctx.household_consented(h)]
    if unconsented:
        c.fail("attendee_household_ids", "consent_named", len(unconsented))
    c.raise_if_any()


VALIDATORS: dict[type[Record], Callable[[Record, Context], None]] = {
    Household: validate_household,  # type: ignore[dict-item]
    Visit: validate_visit,  # type: ignore[dict-item]
    Training: validate_training,  # type: ignore[dict-item]
}


def validate(record: Record, ctx: Context) -> None:
    """Raise ValidationError if ``record`` breaks a rule; records without rules always pass."""
    check = VALIDATORS.get(type(record))
    if check is not None:
        check(record, ctx)
