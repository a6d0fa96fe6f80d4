"""The wire contract between a Fieldbook device and the central server (versioned).

Both sides import this module and nothing else of each other. A change that an older peer could
not read bumps PROTOCOL_VERSION; a change to the record fields bumps SCHEMA_VERSION. Unknown
fields from a newer peer are carried through untouched (``extra="allow"`` on records).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION: Final = 1
SCHEMA_VERSION: Final = 1
#: The oldest client protocol the server still serves; older ones get 426 "upgrade required".
MIN_PROTOCOL_VERSION: Final = 1

HEADER_PROTOCOL: Final = "X-Fieldbook-Protocol"
HEADER_SCHEMA: Final = "X-Fieldbook-Schema"
HEADER_DEVICE: Final = "X-Fieldbook-Device"

PUSH_PATH: Final = "/api/v1/sync/push"
PULL_PATH: Final = "/api/v1/sync/pull"
LOGIN_PATH: Final = "/api/v1/auth/login"
ATTACHMENT_PATH: Final = "/api/v1/attachments/{sha256}"

MAX_PUSH_ENTRIES: Final = 500
PULL_PAGE_SIZE: Final = 500
MAX_TEXT_LENGTH: Final = 4000
MAX_ATTACHMENT_BYTES: Final = 20 * 1024 * 1024


class RecordType(StrEnum):
    HOUSEHOLD = "household"
    VISIT = "visit"
    TRAINING = "training"
    REVIEW_EVENT = "review_event"
    ATTACHMENT = "attachment"
    CONFLICT = "conflict"


class ChangeKind(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class HouseholdKind(StrEnum):
    FARMER = "farmer"  # 农牧户
    COOPERATIVE = "cooperative"  # 合作社
    FAMILY_FARM = "family_farm"  # 家庭农场
    LARGE_GROWER = "large_grower"  # 种养殖大户
    LEADING_ENTERPRISE = "leading_enterprise"  # 龙头企业
    DEMONSTRATION = "demonstration"  # 示范主体


class VisitMode(StrEnum):
    ONSITE = "onsite"  # 现场; the only mode that counts toward on-site days
    PHONE = "phone"
    WECHAT = "wechat"
    VIDEO = "video"


class ServiceType(StrEnum):
    GUIDANCE = "guidance"  # 技术指导
    POLICY = "policy"  # 政策宣传
    TRANSFER = "transfer"  # 成果转化
    RESEARCH = "research"  # 科技研发
    TRAINING = "training"  # 科技培训
    MARKETING = "marketing"  # 产销对接


class AttendeeCategory(StrEnum):
    BACKBONE = "backbone"  # 技术骨干
    LOCAL_EXPERT = "local_expert"  # 土专家
    TECH_SAVVY = "tech_savvy"  # 技术明白人
    FARMER = "farmer"  # 农牧民
    EXTENSION_STAFF = "extension_staff"  # 基层农技人员


class ReviewState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class ReviewAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"


class Role(StrEnum):
    SPECIALIST = "specialist"
    STATION_MANAGER = "station_manager"
    COUNTY_ADMIN = "county_admin"
    LEAGUE_ADMIN = "league_admin"
    REGION_ADMIN = "region_admin"


#: Review state machine: (from state, action) -> (to state, roles allowed to take it).
#: The author submits; a station manager approves or returns. An approved record that is edited
#: goes back to submitted (checked by the server on any content change).
REVIEW_TRANSITIONS: Final[dict[tuple[ReviewState, ReviewAction], tuple[ReviewState, frozenset[Role]]]] = {
    (ReviewState.DRAFT, ReviewAction.SUBMIT): (ReviewState.SUBMITTED, frozenset({Role.SPECIALIST, Role.STATION_MANAGER})),
    (ReviewState.RETURNED, ReviewAction.SUBMIT): (ReviewState.SUBMITTED, frozenset({Role.SPECIALIST, Role.STATION_MANAGER})),
    (ReviewState.SUBMITTED, ReviewAction.APPROVE): (ReviewState.APPROVED, frozenset({Role.STATION_MANAGER})),
    (ReviewState.SUBMITTED, ReviewAction.RETURN): (ReviewState.RETURNED, frozenset({Role.STATION_MANAGER})),
}

#: Fields every synced record carries besides its own (id and revision travel beside them).
COMMON_FIELDS: Final = ("created_at", "updated_at", "author_id", "station_id", "deleted")

#: The synced fields of each record type; the single list both sides serialise.
RECORD_FIELDS: Final[dict[RecordType, tuple[str, ...]]] = {
    RecordType.HOUSEHOLD: COMMON_FIELDS + (
        "name", "kind", "phone", "village_code", "industries", "livestock_head", "land_mu",
        "notes", "contact_consent",
    ),
    RecordType.VISIT: COMMON_FIELDS + (
        "visit_date", "mode", "duration_hours", "village_code", "household_ids", "service_types",
        "industry", "problem", "advice", "follow_up_date", "latitude", "longitude", "photo_ids",
        "review_state",
    ),
    RecordType.TRAINING: COMMON_FIELDS + (
        "training_date", "village_code", "place", "topic", "industry", "trainers", "hours",
        "attendees", "attendee_household_ids", "photo_ids", "review_state",
    ),
    RecordType.REVIEW_EVENT: COMMON_FIELDS + (
        "record_type", "record_id", "action", "comment", "from_state", "to_state",
    ),
    RecordType.ATTACHMENT: COMMON_FIELDS + (
        "sha256", "mime_type", "size", "owner_type", "owner_id", "filename",
    ),
    RecordType.CONFLICT: COMMON_FIELDS + (
        "record_type", "record_id", "field", "server_value", "client_value", "client_author_id",
        "resolved", "resolution",
    ),
}

#: Fields a device may never set: they are assigned by whoever owns them.
SERVER_OWNED_FIELDS: Final = frozenset({"author_id", "created_at"})


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldChange(_Wire):
    old: Any = None
    new: Any = None


class OutboxEntry(_Wire):
    """One captured local change, as written in the device's outbox and pushed as is."""

    device_id: str = Field(min_length=1, max_length=64)
    seq: int = Field(ge=1)
    record_type: RecordType
    record_id: str = Field(min_length=1, max_length=64)
    kind: ChangeKind
    base_revision: int = Field(ge=0)
    changes: dict[str, FieldChange] = Field(max_length=64)
    time: dt.datetime


class PushRequest(_Wire):
    entries: list[OutboxEntry] = Field(max_length=MAX_PUSH_ENTRIES)


class EntryStatus(StrEnum):
    APPLIED = "applied"
    MERGED = "merged"  # applied some fields, others were already equal
    CONFLICT = "conflict"
    REJECTED = "rejected"


class EntryResult(_Wire):
    seq: int
    status: EntryStatus
    revision: int | None = None
    reason: str | None = None
    conflict_fields: list[str] = []


class PushResponse(_Wire):
    results: list[EntryResult]
    server_epoch: str
    acked_seq: int


class RecordChange(BaseModel):
    """One record as the server holds it now; ``fields`` may hold fields this client does not know."""

    model_config = ConfigDict(frozen=True)

    record_type: RecordType
    record_id: str
    revision: int
    fields: dict[str, Any]


class PullResponse(_Wire):
    changes: list[RecordChange]
    next_cursor: int
    has_more: bool
    server_epoch: str
    acked_seq: int
    #: Ids visible before but no longer in the user's scope (the device drops them).
    removed: list[tuple[RecordType, str]] = []


class LoginRequest(_Wire):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    #: The device's own id (its store's id): the outbox entries it pushes carry the same one.
    device_id: str = Field(min_length=1, max_length=64)
    device_name: str = Field(min_length=1, max_length=128)


class LoginResponse(_Wire):
    token: str
    device_id: str
    user_id: str
    display_name: str
    role: Role
    station_id: str | None
    server_epoch: str


def is_content_field(field: str) -> bool:
    """Whether editing this field changes what a reviewer approved."""
    return field not in {"review_state", "updated_at", "deleted", *SERVER_OWNED_FIELDS}
