"""Who may read and write which record: pure functions over a viewer and a row's scope.

The rules (DESIGN.md "Roles and scope"):

- specialist: reads and writes their own records and the households of their station (and what
  belongs to those: review events, attachments);
- station manager: reads and writes everything of their station, and reviews;
- county / league / region admin: read only, within their county / league / the whole region;
- conflicts are seen by their client author and the station's managers only;
- stations (reference data) are seen by everyone; a user record by whoever shares or oversees the
  user's station, and by the user.

``store.visibility`` turns ``can_read`` into SQL; a test checks that the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sync.domain.vocabulary import Role


class Audience(StrEnum):
    """Who, besides the owner, a row is for. Stored with each row."""

    PUBLIC = "public"  # everyone (stations)
    STATION = "station"  # the whole station and the offices above it (households, user names)
    AUTHOR = "author"  # the owner, the station's managers, the offices above (visits, trainings)
    PRIVATE = "private"  # the owner and the station's managers only (conflicts)


READ_ONLY_ROLES = frozenset({Role.COUNTY_ADMIN, Role.LEAGUE_ADMIN, Role.REGION_ADMIN})


@dataclass(frozen=True)
class Viewer:
    """A signed-in user as scope sees them (station roles carry their station's county and league)."""

    user_id: str
    role: Role
    station_id: str | None = None
    county_code: str | None = None
    league_code: str | None = None


@dataclass(frozen=True)
class RowScope:
    """The scope columns of one stored row."""

    audience: Audience
    owner_id: str | None
    station_id: str | None
    county_code: str | None = None
    league_code: str | None = None


def can_read(viewer: Viewer, row: RowScope) -> bool:
    if row.audience is Audience.PUBLIC or (row.owner_id is not None and row.owner_id == viewer.user_id):
        return True
    match viewer.role:
        case Role.SPECIALIST:
            return _same(row.station_id, viewer.station_id) and row.audience is Audience.STATION
        case Role.STATION_MANAGER:
            return _same(row.station_id, viewer.station_id)
        case Role.COUNTY_ADMIN:
            return _same(row.county_code, viewer.county_code) and row.audience is not Audience.PRIVATE
        case Role.LEAGUE_ADMIN:
            return _same(row.league_code, viewer.league_code) and row.audience is not Audience.PRIVATE
        case Role.REGION_ADMIN:
            return row.audience is not Audience.PRIVATE
    return False


def write_denial(viewer: Viewer, row: RowScope) -> str | None:
    """Why ``viewer`` may not change (or add to) a row with this scope; None when they may."""
    if viewer.role in READ_ONLY_ROLES:
        return f"the {viewer.role.value} role is read-only"
    if viewer.station_id is None:
        return "your account belongs to no station"
    if row.audience is Audience.PUBLIC:
        return "reference data is read-only"
    if not _same(row.station_id, viewer.station_id):
        return f"the record belongs to station {row.station_id}, not yours ({viewer.station_id})"
    if viewer.role is Role.STATION_MANAGER or row.owner_id == viewer.user_id:
        return None
    if row.audience is Audience.STATION:
        return None
    return "the record belongs to another specialist"


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and a == b
