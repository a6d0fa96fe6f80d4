"""The field catalogue: the synced fields of each record type, and which of them are whose."""

from __future__ import annotations

from typing import Final

from sync.domain.vocabulary import RecordType

#: Fields every synced record carries besides its own (id and revision travel beside them).
COMMON_FIELDS: Final = ("created_at", "updated_at", "author_id", "station_id", "deleted")

#: What a demonstration base and a demonstration project both carry (each adds its years).
DEMONSTRATION_FIELDS: Final = (
    "name", "kind", "county_code", "township_code", "village_code", "industry", "specialist_id", "area_mu",
    "scale", "description", "latitude", "longitude", "review_state",
)
#: The two demonstration kinds; a visit may name one record of either (``demonstration_id``).
DEMONSTRATION_TYPES: Final = frozenset({RecordType.DEMO_BASE, RecordType.DEMO_PROJECT})

#: The synced fields of each record type; the single list both sides serialise.
RECORD_FIELDS: Final[dict[RecordType, tuple[str, ...]]] = {
    RecordType.HOUSEHOLD: COMMON_FIELDS + (
        "name", "kind", "phone", "village_code", "industries", "livestock_head", "land_mu",
        "notes", "contact_consent", "consent_date", "merged_into",
    ),
    RecordType.VISIT: COMMON_FIELDS + (
        "visit_date", "mode", "duration_hours", "village_code", "household_ids", "service_types",
        "industry", "problem", "advice", "follow_up_date", "latitude", "longitude", "photo_ids",
        "review_state", "end_date", "demonstration_id",
    ),
    RecordType.TRAINING: COMMON_FIELDS + (
        "training_date", "village_code", "place", "topic", "industry", "trainers", "hours",
        "attendees", "attendee_household_ids", "photo_ids", "review_state",
    ),
    RecordType.DEMO_BASE: COMMON_FIELDS + DEMONSTRATION_FIELDS + ("year_established",),
    RecordType.DEMO_PROJECT: COMMON_FIELDS + DEMONSTRATION_FIELDS + ("start_year", "end_year"),
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
    # record_id is the station code; station_id repeats it.
    RecordType.STATION: COMMON_FIELDS + (
        "code", "name", "county_code", "league_code", "industries", "expert_count",
    ),
    # record_id is the user id; only what a colleague needs to see (no user name, no contact data).
    RecordType.USER: COMMON_FIELDS + (
        "display_name", "role", "county_code", "league_code", "active", "specialist_type",
    ),
}

#: Fields a device may never set: they are assigned by whoever owns them.
SERVER_OWNED_FIELDS: Final = frozenset({"author_id", "created_at"})


def is_content_field(field: str) -> bool:
    """Whether editing this field changes what a reviewer approved."""
    return field not in {"review_state", "updated_at", "deleted", *SERVER_OWNED_FIELDS}
