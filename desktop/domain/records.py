"""The record types a specialist keeps: plain frozen values the UI and services pass around."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, replace
from typing import Any, NewType, Self

from sync.domain.vocabulary import (
    BaseKind,
    HouseholdKind,
    ProjectKind,
    RecordType,
    ReviewAction,
    ReviewState,
    VisitMode,
)

HouseholdId = NewType("HouseholdId", str)
VisitId = NewType("VisitId", str)
TrainingId = NewType("TrainingId", str)
UserId = NewType("UserId", str)
StationId = NewType("StationId", str)


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, kw_only=True)
class Record:
    """What every synced record has; ``revision`` 0 means the server has not seen it yet."""

    id: str = field(default_factory=new_id)
    author_id: str = ""
    station_id: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    revision: int = 0
    deleted: bool = False

    RECORD_TYPE = None  # set by each subclass

    def with_changes(self, **changes: Any) -> Self:
        return replace(self, **changes)


@dataclass(frozen=True, kw_only=True)
class Household(Record):
    RECORD_TYPE = RecordType.HOUSEHOLD

    name: str = ""
    kind: HouseholdKind = HouseholdKind.FARMER
    phone: str = ""
    village_code: str = ""
    industries: tuple[str, ...] = ()
    livestock_head: int | None = None
    land_mu: float | None = None
    notes: str = ""
    contact_consent: bool = False
    consent_date: dt.date | None = None  # the day the person agreed; None without consent
    merged_into: str | None = None  # set by a station manager's merge: the household kept for the family


@dataclass(frozen=True, kw_only=True)
class Visit(Record):
    RECORD_TYPE = RecordType.VISIT

    visit_date: dt.date | None = None
    mode: VisitMode = VisitMode.ONSITE
    duration_hours: float | None = None
    village_code: str = ""
    household_ids: tuple[str, ...] = ()
    service_types: tuple[str, ...] = ()
    industry: str = ""
    problem: str = ""
    advice: str = ""
    follow_up_date: dt.date | None = None
    latitude: float | None = None
    longitude: float | None = None
    photo_ids: tuple[str, ...] = ()
    review_state: ReviewState = ReviewState.DRAFT
    #: The last day of a visit spanning several days (a resident stay); None: one day.
    end_date: dt.date | None = None
    #: The demonstration base or project the visit served, if any (its id; either kind).
    demonstration_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class Training(Record):
    RECORD_TYPE = RecordType.TRAINING

    training_date: dt.date | None = None
    village_code: str = ""
    place: str = ""
    topic: str = ""
    industry: str = ""
    trainers: tuple[str, ...] = ()
    hours: float | None = None
    attendees: dict[str, int] = field(default_factory=dict)
    attendee_household_ids: tuple[str, ...] = ()
    photo_ids: tuple[str, ...] = ()
    review_state: ReviewState = ReviewState.DRAFT


@dataclass(frozen=True, kw_only=True)
class Demonstration(Record):
    """What a demonstration base and a demonstration project share: a named place of one county."""

    name: str = ""
    county_code: str = ""
    township_code: str = ""
    village_code: str = ""
    industry: str = ""
    specialist_id: str = ""  # the responsible specialist (a user id)
    area_mu: float | None = None
    scale: str = ""  # e.g. "600头", "3 greenhouses"
    description: str = ""
    latitude: float | None = None
    longitude: float | None = None
    review_state: ReviewState = ReviewState.DRAFT


@dataclass(frozen=True, kw_only=True)
class DemonstrationBase(Demonstration):
    """A long-term extension demonstration base (基层农技推广示范基地): two per county by the plan."""

    RECORD_TYPE = RecordType.DEMO_BASE

    kind: BaseKind = BaseKind.PLANTING
    year_established: int | None = None


@dataclass(frozen=True, kw_only=True)
class DemonstrationProject(Demonstration):
    """A leading-industry S&T demonstration project (科技示范项目): 100 or more by 2025."""

    RECORD_TYPE = RecordType.DEMO_PROJECT

    kind: ProjectKind = ProjectKind.INDUSTRY
    start_year: int | None = None
    end_year: int | None = None


@dataclass(frozen=True, kw_only=True)
class ReviewEvent(Record):
    """One step of a record's review trail; append-only."""

    RECORD_TYPE = RecordType.REVIEW_EVENT

    record_type: RecordType = RecordType.VISIT
    record_id: str = ""
    action: ReviewAction = ReviewAction.SUBMIT
    comment: str = ""
    from_state: ReviewState = ReviewState.DRAFT
    to_state: ReviewState = ReviewState.SUBMITTED


@dataclass(frozen=True, kw_only=True)
class Attachment(Record):
    RECORD_TYPE = RecordType.ATTACHMENT

    sha256: str = ""
    mime_type: str = ""
    size: int = 0
    owner_type: RecordType = RecordType.VISIT
    owner_id: str = ""
    filename: str = ""


@dataclass(frozen=True, kw_only=True)
class Conflict(Record):
    """A field two people changed at once; the server value stands until a person resolves it."""

    RECORD_TYPE = RecordType.CONFLICT

    record_type: RecordType = RecordType.HOUSEHOLD
    record_id: str = ""
    field: str = ""
    server_value: Any = None
    client_value: Any = None
    client_author_id: str = ""
    resolved: bool = False
    resolution: Any = None

