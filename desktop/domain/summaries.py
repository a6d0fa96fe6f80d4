"""One-line views of records for lists: what a row in the visit, training or household list shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class VisitSummary:
    id: str
    visit_date: dt.date
    mode: str
    village_code: str
    village_name: str
    household_count: int
    service_types: tuple[str, ...]
    industry: str
    problem: str
    review_state: str
    author_id: str
    author_name: str
    revision: int
    #: The village's township: same-named villages of different townships are told apart by it.
    township_name: str = ""


@dataclass(frozen=True)
class TrainingSummary:
    id: str
    training_date: dt.date
    village_code: str
    village_name: str
    topic: str
    industry: str
    hours: float | None
    attendee_total: int
    review_state: str
    author_id: str
    author_name: str
    township_name: str = ""


@dataclass(frozen=True)
class HouseholdSummary:
    id: str
    name: str
    kind: str
    phone: str
    village_code: str
    village_name: str
    industries: tuple[str, ...]
    township_name: str = ""


@dataclass(frozen=True)
class DivisionItem:
    code: str
    name: str
    level: str
    parent_code: str | None
    #: "呼和浩特市 / 武川县 / 可可以力更镇" — shown where the name alone is ambiguous.
    path: str = ""


@dataclass(frozen=True)
class VisitDetail(VisitSummary):
    """A visit with every field the user entered, for exports (the list shows a summary)."""

    end_date: dt.date | None = None
    duration_hours: float | None = None
    household_names: tuple[str, ...] = ()
    advice: str = ""
    follow_up_date: dt.date | None = None
    latitude: float | None = None
    longitude: float | None = None
    photo_count: int = 0


@dataclass(frozen=True)
class TrainingDetail(TrainingSummary):
    """A training with every field the user entered, for exports (the list shows a summary)."""

    place: str = ""
    trainers: tuple[str, ...] = ()
    #: Attendees per category (AttendeeCategory value -> people).
    attendees: dict[str, int] = field(default_factory=dict)
    named_count: int = 0
    #: The named attendees' households; left empty for a role whose work does not need names.
    attendee_names: tuple[str, ...] = ()
    photo_count: int = 0


@dataclass(frozen=True)
class HouseholdDetail(HouseholdSummary):
    """A household with every field the user entered, for exports (the list shows a summary)."""

    livestock_head: int | None = None
    land_mu: float | None = None
    #: Left empty for a role whose work does not need the people's details (it may hold an ID).
    notes: str = ""
    contact_consent: bool = False
    consent_date: dt.date | None = None


@dataclass(frozen=True)
class StationItem:
    code: str
    name: str
    county_code: str
    league_code: str
    industries: tuple[str, ...]


@dataclass(frozen=True)
class TargetItem:
    key: str
    name_zh: str
    name_en: str
    value: float
    unit: str
    scope: str


@dataclass(frozen=True)
class ConflictOrigin:
    """``name`` "" when the server did not say who (an older server, or a change made on it);
    ``changed_at`` naive UTC, None when not said."""

    name: str
    user_id: str
    changed_at: dt.datetime | None


@dataclass(frozen=True)
class DemonstrationSummary:
    """A row of the bases-and-projects list and of a visit's demonstration picker."""

    id: str
    record_type: str  # "demo_base" or "demo_project"
    name: str
    kind: str
    county_code: str
    county_name: str
    industry: str
    specialist_name: str
    years: str  # "2023" for a base, "2025–2027" for a project
    review_state: str
    author_id: str
