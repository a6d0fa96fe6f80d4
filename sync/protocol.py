"""The wire contract between a Fieldbook device and the central server (versioned).

Both sides import this module and nothing else of each other; what the records mean (their
vocabulary, fields and review steps) is the shared domain's (``sync.domain``), which this module
only uses. A change that an older peer could
not read bumps PROTOCOL_VERSION; a change to the record fields bumps SCHEMA_VERSION. Unknown
fields from a newer peer are carried through untouched (``extra="allow"`` on records).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Final

from pydantic import BaseModel, ConfigDict, Field

from sync.domain.fields import RECORD_FIELDS
from sync.domain.rules import MAX_TEXT_LENGTH  # noqa: F401 - the wire schema states the domain's limit
from sync.domain.rules import MAX_TARGET_VALUE, TARGET_EDITOR_ROLES  # noqa: F401 - who may set targets, how high
from sync.domain.vocabulary import ChangeKind, RecordType, Role

#: 2: compact push entries (see "Compact push entries" below); 3: ``held`` push results (see "Push").
PROTOCOL_VERSION: Final = 3
SCHEMA_VERSION: Final = 3  # 2: visits may span days (end_date); 3: households merge (merged_into)
#: The oldest client protocol the server still serves; older ones get 426 "upgrade required".
MIN_PROTOCOL_VERSION: Final = 1

HEADER_PROTOCOL: Final = "X-Fieldbook-Protocol"
HEADER_SCHEMA: Final = "X-Fieldbook-Schema"
HEADER_DEVICE: Final = "X-Fieldbook-Device"

PUSH_PATH: Final = "/api/v1/sync/push"
PULL_PATH: Final = "/api/v1/sync/pull"
LOGIN_PATH: Final = "/api/v1/auth/login"
#: Shortest password the server accepts (the app checks it too, so the specialist hears it at once).
MIN_PASSWORD_LENGTH: Final = 8
#: A new account's first sign-in: its one-time activation code and the password it chooses.
ACTIVATE_PATH: Final = "/api/v1/auth/activate"
ATTACHMENT_PATH: Final = "/api/v1/attachments/{sha256}"

MAX_PUSH_ENTRIES: Final = 500
#: Most changes in one pull page; a page also stops once its changes pass about 1 MiB of JSON
#: (services.pull), so it is its bytes that bound a page of long records.
PULL_PAGE_SIZE: Final = 500
MAX_ATTACHMENT_BYTES: Final = 20 * 1024 * 1024
#: The largest seq, cursor or byte offset on the wire: the largest whole number every JSON parser
#: reads exactly (a double holds integers up to 2**53), so a bound the schema states is the server's.
MAX_WIRE_INTEGER: Final = 2**53 - 1


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldChange(_Wire):
    old: Any = None
    new: Any = None


class OutboxEntry(_Wire):
    """One captured local change, as written in the device's outbox (pushed as ``compact_entry``)."""

    device_id: str = Field(min_length=1, max_length=64)
    seq: int = Field(ge=1)
    record_type: RecordType
    record_id: str = Field(min_length=1, max_length=64)
    kind: ChangeKind
    base_revision: int = Field(ge=0)
    changes: dict[str, FieldChange] = Field(max_length=64)
    time: dt.datetime


class CompactEntry(BaseModel):
    """An outbox entry already in its compact wire form (``compact_row``): what the sync engine
    pushes, read straight from the device's outbox. ``seq`` is the entry's, for the bookkeeping."""

    model_config = ConfigDict(frozen=True)

    seq: int
    wire: dict[str, Any]


class PushRequest(_Wire):
    """The push body; on the wire each entry is in its compact form (``compact_entry``), which a
    device's store may give already made (``CompactEntry``)."""

    entries: list[OutboxEntry | CompactEntry] = Field(max_length=MAX_PUSH_ENTRIES)


class EntryStatus(StrEnum):
    APPLIED = "applied"
    MERGED = "merged"  # applied, combined with changes made since base_revision or already equal
    CONFLICT = "conflict"
    REJECTED = "rejected"
    #: Protocol 3: not applied, nothing stored: the entry lies above a gap in the device's ledger
    #: (see PushResponse); ``reason`` names the seq the server expects next. Send it again later.
    HELD = "held"


class EntryResult(_Wire):
    seq: int
    status: EntryStatus
    revision: int | None = None
    reason: str | None = None
    conflict_fields: list[str] = []


class PushResponse(_Wire):
    """``acked_seq``: the highest N with a result held for every entry 1..N of the device. An entry
    above a gap in that sequence (the server was restored from a backup and lost entries it had
    acknowledged) is held back: not applied, nothing stored, and answered ``held`` with the reason
    ``"held: the server holds this device's entries up to seq N; send again from seq N+1"``
    (protocol 3; a protocol-2 device gets no result for it). The device then sends again every
    entry after ``acked_seq``, in order, and pulls afresh (as after an epoch change)."""

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


class PlanTarget(BaseModel):
    """One of the plan's targets as the server holds it (``revision``: the targets version of its last change).

    Fields a newer server adds are ignored, so the targets list can grow without a protocol bump.
    """

    model_config = ConfigDict(frozen=True)

    key: str
    name_zh: str
    name_en: str
    value: float
    unit: str = ""
    scope: str
    source: str = ""
    revision: int
    updated_at: dt.datetime | None = None
    updated_by: str | None = None  # the user name of the admin who set the value; None: as shipped


class PullResponse(_Wire):
    changes: list[RecordChange]
    next_cursor: int
    has_more: bool
    server_epoch: str
    acked_seq: int
    #: Ids visible before but no longer in the user's scope (the device drops them).
    removed: list[tuple[RecordType, str]] = []
    #: Only when the request carried ``targets_version``: the server's targets version, and all
    #: targets when the device's version differs from it (see "Targets" below). Absent otherwise.
    targets_version: int | None = None
    targets: list[PlanTarget] | None = None


#: What the published schema says of login texts: no NUL, which neither database can keep (the
#: server checks it, and unpaired surrogates, and says so; an ECMA regex cannot name surrogates).
STORABLE_TEXT: Final = {"pattern": "^[^\\u0000]*$"}


class LoginRequest(_Wire):
    username: str = Field(min_length=1, max_length=64, json_schema_extra=STORABLE_TEXT)
    password: str = Field(min_length=1, max_length=256, json_schema_extra=STORABLE_TEXT)
    #: The device's own id (its store's id): the outbox entries it pushes carry the same one.
    device_id: str = Field(min_length=1, max_length=64, json_schema_extra=STORABLE_TEXT)
    device_name: str = Field(min_length=1, max_length=128, json_schema_extra=STORABLE_TEXT)
    #: The device's Ed25519 public key (hex) its sync bundles are signed with (sync.bundle_file).
    device_key: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class ActivateRequest(_Wire):
    """Body of ACTIVATE_PATH; answered like a login (LoginResponse). The code works once."""

    username: str = Field(min_length=1, max_length=64, json_schema_extra=STORABLE_TEXT)
    activation_code: str = Field(min_length=1, max_length=32, json_schema_extra=STORABLE_TEXT)
    new_password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=256, json_schema_extra=STORABLE_TEXT)
    device_id: str = Field(min_length=1, max_length=64, json_schema_extra=STORABLE_TEXT)
    device_name: str = Field(min_length=1, max_length=128, json_schema_extra=STORABLE_TEXT)
    #: As LoginRequest.device_key: the key the device's sync bundles are signed with.
    device_key: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class LoginResponse(_Wire):
    token: str
    device_id: str
    user_id: str
    display_name: str
    role: Role
    station_id: str | None
    server_epoch: str
    #: The server's Ed25519 public key (hex): bundles for it are encrypted to it, its bundles signed by it.
    server_key: str | None = None


# --- Server contract details (protocol 1) -------------------------------------------------------
#
# Every call except health sends X-Fieldbook-Protocol (missing or below MIN_PROTOCOL_VERSION: 426
# ``upgrade_required``) and, after login, ``Authorization: Bearer <token>``. Every error body is an
# ErrorBody. Request bodies may be gzip (``Content-Encoding: gzip``); answers of 500 bytes or more
# come gzipped when the client sends ``Accept-Encoding: gzip`` (requests does by default).
#
# Push: entries are answered in order, one EntryResult each; a rejected entry has
# ``reason = "<RejectKind>: <detail>"`` and changed nothing. A batch that names one seq for two
# different entries is refused whole (409 ``seq_reused``, detail naming the seq, nothing
# applied): the ledger keeps one result per seq, so both cannot be acknowledged, and answering
# the second with the first's result would tell the device a change was stored that was not. A
# device's outbox holds one entry per seq, so its queue is never held up by this. The same entry
# twice in a batch is a resend and gets the same answer twice. Entries above a gap in the
# device's ledger are answered ``held`` (PushResponse). The server sets author_id, station_id
# (from the pusher, or from the record a review event / attachment belongs to), created_at (kept
# from the create) and updated_at (server time of the last applied change). A conflict keeps the
# server value and adds one ``conflict`` record per field. An edit of a record deleted meanwhile
# gives one conflict on field "deleted" (server_value true, client_value the wanted values); a
# delete of a record someone else edited after the delete's base revision gives one on "deleted"
# too (server_value false, client_value true) and the record stays. Resolving is an ordinary
# update of ``resolved`` / ``resolution`` by the conflict's client author or a station manager.
#
# Household merges (schema 3): a station manager merges household A into B (same family) by pushing
# an update of A setting ``merged_into`` to B; both must be live households of the manager's station
# (others are rejected ``forbidden``), and a merge is never undone. Applying it, the server writes a
# new revision of every visit and training naming A with A replaced by B (review state unchanged),
# in the same transaction. Afterwards a pushed visit or training naming A names B instead (in old and
# new values alike), and an edit of A is merged into B field by field: a field B holds with the
# edit's old value, or leaves empty, takes the new one; any other is a conflict on B ("merged" or
# "conflict" results, revision A's own). A delete of A is answered "merged" and changes nothing.
#
# Pull: ``next_cursor`` may jump past changes the user cannot see; keep it as is. ``server_epoch``
# is opaque ("<server uuid>.<user scope version>"): when it differs from the stored one, follow
# LocalStore.start_epoch. ``removed`` stays empty in protocol 1 (an epoch change replaces it).
#
# Revoked device: every call answers 401 ``device_revoked`` and the device id cannot log in again
# (403 ``device_revoked``); its unsynced entries are refused, not salvaged. Keep them in the outbox
# and tell the user to contact an administrator (who can reinstate a device revoked in error).

HEALTH_PATH: Final = "/api/v1/health"

#: Largest request body the server reads (after gzip decompression), except attachment chunks,
#: which may be up to MAX_ATTACHMENT_BYTES. Larger bodies get 413: split the push batch.
MAX_REQUEST_BYTES: Final = 10 * 1024 * 1024

#: tus-style attachment upload headers. ``HEAD`` answers Upload-Offset (bytes the server holds of
#: the caller's own upload; 0 if they sent none, whoever else did) and Upload-Length once known;
#: ``PUT`` sends both, with the chunk as the body, and appends to the caller's own upload. A wrong
#: offset gets 409 with the server's Upload-Offset; a finished file whose sha256 differs gets 422
#: and the server discards what it had (start again from 0). ``GET`` gives the file to whoever
#: uploaded it and to those who may see an attachment record for it whose author uploaded it;
#: everyone else gets 404, as for a file nobody has. So each user who attaches a file uploads it
#: once, even if someone else sent the same bytes before.
HEADER_UPLOAD_OFFSET: Final = "Upload-Offset"
HEADER_UPLOAD_LENGTH: Final = "Upload-Length"

#: Record types the server sends on pull and a device never pushes (a push of one is rejected).
#: Stations are visible to everyone; a user record is visible to the people who share the user's
#: station or oversee it, so devices can show who wrote or reviewed a record. They travel in the
#: ordinary pull stream, so a station or user created later reaches devices without an extra call.
PULL_ONLY_TYPES: Final = frozenset({RecordType.STATION, RecordType.USER})


class RejectKind(StrEnum):
    """The first word of a rejected entry's ``reason``: ``"<kind>: <human readable detail>"``."""

    FORBIDDEN = "forbidden"  # outside the user's scope, read-only role, forged author, server-owned
    UNKNOWN_RECORD_TYPE = "unknown record type"  # e.g. a newer client's type this server lacks
    UNKNOWN_RECORD = "unknown record"  # update or delete of a record the server never had
    INVALID_ENTRY = "invalid entry"  # the entry itself does not match OutboxEntry
    INVALID_FIELD_VALUE = "invalid field value"
    ILLEGAL_REVIEW_TRANSITION = "illegal review transition"


class ErrorCode(StrEnum):
    """``code`` of every error body: ``{"detail": "<readable message>", "code": "<ErrorCode>"}``."""

    UPGRADE_REQUIRED = "upgrade_required"  # 426: X-Fieldbook-Protocol missing or too old
    BAD_CREDENTIALS = "bad_credentials"  # 401 on login
    TOO_MANY_ATTEMPTS = "too_many_attempts"  # 429 on login, with Retry-After (seconds)
    UNAUTHORIZED = "unauthorized"  # 401: no token or an unknown one: log in again
    DEVICE_REVOKED = "device_revoked"  # 401 on any call, 403 on login: the device is locked out
    DEVICE_OF_ANOTHER_USER = "device_of_another_user"  # 403 on login
    USER_INACTIVE = "user_inactive"  # 401 / 403: the account was deactivated
    SESSION_ENDED = "session_ended"  # 401: password, role or station changed on the server: sign in again
    DEVICE_MISMATCH = "device_mismatch"  # 403: a pushed entry names another device
    FORBIDDEN = "forbidden"  # 403
    SEQ_REUSED = "seq_reused"  # 409 on push: one seq names two different entries (see "Push")
    NOT_FOUND = "not_found"  # 404
    INVALID_REQUEST = "invalid_request"  # 400 / 422: malformed JSON, wrong types, bad headers
    PAYLOAD_TOO_LARGE = "payload_too_large"  # 413
    UNSUPPORTED_ENCODING = "unsupported_encoding"  # 415: only gzip or identity bodies
    OFFSET_MISMATCH = "offset_mismatch"  # 409 on attachment PUT
    CHECKSUM_MISMATCH = "checksum_mismatch"  # 422 on the attachment PUT that completes the file
    SERVICE_UNAVAILABLE = "service_unavailable"  # 503: the database cannot be reached
    INTERNAL_ERROR = "internal_error"  # 500: a server bug, logged on the server


class ErrorBody(_Wire):
    detail: str
    code: ErrorCode


class HealthResponse(_Wire):
    """``GET /api/v1/health`` (no auth, no protocol header): whether the server and its database answer."""

    status: str
    protocol_version: int
    min_protocol_version: int
    schema_version: int


class AttachmentStatus(_Wire):
    """Body of an attachment ``PUT``; the same numbers travel as Upload-Offset / Upload-Length."""

    sha256: str
    offset: int
    length: int
    complete: bool


# --- Targets (additive: an older peer neither sends nor gets them) ----------------------------
#
# The plan's targets are reference data a region admin may change. ``GET TARGETS_PATH`` lists them
# for any signed-in user; ``PATCH TARGETS_PATH`` with a TargetUpdate sets one or more values at once
# (all or nothing) for TARGET_EDITOR_ROLES only (others 403 ``forbidden``; an unknown key 404
# ``not_found``; a value that is not a number from 0 to MAX_TARGET_VALUE 422 ``invalid_request``).
# Each change raises the server's targets version (a whole number, 0 while there are no targets).
# Devices learn changes on the pull they make anyway: the first pull page of a run sends the
# device's known version as the ``targets_version`` query parameter (0 at first), and the answer
# carries ``targets_version`` and, only when the two differ, ``targets`` (the whole list; a device
# replaces its values with it). A pull without the parameter gets neither field, as before.

TARGETS_PATH: Final = "/api/v1/targets"
MAX_TARGETS_PER_UPDATE: Final = 200


class TargetList(BaseModel):
    """``GET`` and ``PATCH`` answer of TARGETS_PATH: the targets version and every target, by key."""

    model_config = ConfigDict(frozen=True)

    version: int
    targets: list[PlanTarget]


TargetKey = Annotated[str, Field(min_length=1, max_length=64)]
#: A number (a JSON string is refused, not read as one), from 0 to MAX_TARGET_VALUE.
TargetValue = Annotated[float, Field(strict=True, ge=0, le=MAX_TARGET_VALUE, allow_inf_nan=False)]


class TargetUpdate(_Wire):
    """``PATCH`` body of TARGETS_PATH: new values by target key."""

    values: dict[TargetKey, TargetValue] = Field(min_length=1, max_length=MAX_TARGETS_PER_UPDATE)


# --- Compact push entries (protocol 2) -----------------------------------------------------------
#
# A protocol-2 device pushes each OutboxEntry as JSON without what the server knows already:
# - no ``device_id``: the entry is the pushing device's (its token names it, as X-Fieldbook-Device
#   says); an entry that does carry one must name that device (403 ``device_mismatch`` otherwise);
# - no ``base_revision`` when it is 0, and no ``old`` when it is null;
# - a create, whose old values are all null, as ``values`` ({field: new value}) instead of
#   ``changes``, without the fields the server sets on every write (CREATE_UNSENT_FIELDS), and
#   without null values or ``deleted: false``: a field a create leaves out is null (``deleted``
#   false), exactly as if it had been sent so.
# The server reads both forms (``expand_entry``), so protocol-1 devices keep working; a protocol-1
# server refuses compact entries (422), so servers are upgraded before their devices.

#: Fields a compact create leaves out: the server sets them whatever a device sends (see "Push").
CREATE_UNSENT_FIELDS: Final = frozenset({"author_id", "updated_at"})


def compact_entry(entry: OutboxEntry) -> dict[str, Any]:
    """The JSON object a protocol-2 device pushes for ``entry`` (whose values are JSON values)."""
    changes = {name: {"old": change.old, "new": change.new} for name, change in entry.changes.items()}
    return compact_row(entry.seq, entry.record_type.value, entry.record_id, entry.kind.value, entry.base_revision,
                       changes, entry.time)


def compact_row(seq: int, record_type: str, record_id: str, kind: str, base_revision: int,
                changes: dict[str, dict[str, Any]], time: dt.datetime) -> dict[str, Any]:
    """``compact_entry`` of an outbox entry given as its plain values (``changes``: field to
    ``{"old": …, "new": …}``, either may be missing), as a device's store reads them from its
    outbox: no model is built per field change."""
    compact: dict[str, Any] = {"seq": seq, "record_type": record_type, "record_id": record_id, "kind": kind}
    if base_revision:
        compact["base_revision"] = base_revision
    if kind == ChangeKind.CREATE.value and all(change.get("old") is None for change in changes.values()):
        compact["values"] = {name: new for name, change in changes.items()
                             if (new := change.get("new")) is not None and name not in CREATE_UNSENT_FIELDS
                             and not (name == "deleted" and new is False)}
    else:
        compact["changes"] = {name: {key: value for key in ("old", "new") if (value := change.get(key)) is not None}
                              for name, change in changes.items()}
    text = time.isoformat()
    compact["time"] = text[:-6] + "Z" if text.endswith("+00:00") else text
    return compact


def expand_entry(raw: dict[str, Any], device_id: str) -> dict[str, Any]:
    """A pushed entry, compact or not, in the full OutboxEntry shape (for ``OutboxEntry.model_validate``).

    Anything that is not a well-formed compact entry is passed on unchanged for validation to refuse.
    """
    full = {"device_id": device_id, "base_revision": 0, **raw}
    values = full.get("values")
    if "changes" in full or not isinstance(values, dict):
        return full
    del full["values"]
    record_type = full.get("record_type")
    fields = RECORD_FIELDS.get(record_type, ()) if isinstance(record_type, str) else ()  # type: ignore[call-overload]
    changes: dict[str, Any] = {name: {"old": None, "new": None} for name in fields if name not in CREATE_UNSENT_FIELDS}
    if "deleted" in changes:
        changes["deleted"] = {"old": None, "new": False}
    changes.update({name: {"old": None, "new": value} for name, value in values.items()})
    full["changes"] = changes
    return full
