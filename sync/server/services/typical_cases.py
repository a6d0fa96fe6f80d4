"""A manager marks a visit or training as a typical case (典型案例) with a short write-up.

A station manager marks their station's records; a county, league or region admin the records of
their area; nobody else (403). The record must exist and be live (404), the write-up 1 to
MAX_WRITE_UP characters of storable text (422). The year-end evaluation lists the year's cases.
"""

from __future__ import annotations

from sync.domain.vocabulary import Role
from sync.protocol import ErrorCode
from sync.server.clock import utcnow
from sync.server.errors import ApiError
from sync.server.services.auth import Caller
from sync.server.store import records, typical_cases
from sync.server.store.database import Database
from sync.server.store.models import User
from sync.server.validation import storable

MAX_WRITE_UP = 500
MARKABLE = ("visit", "training")


def _check(db: Database, caller: Caller, record_type: str, record_id: str) -> None:
    if record_type not in MARKABLE:
        raise ApiError(404, ErrorCode.NOT_FOUND, f"only a visit or a training can be a typical case, not {record_type}")
    with db.read() as session:
        stored = records.load(session, record_type, record_id)
    if stored is None or stored.fields.get("deleted") is True:
        raise ApiError(404, ErrorCode.NOT_FOUND, f"no {record_type} {record_id}")
    viewer, scope = caller.viewer, stored.scope
    allowed = {Role.STATION_MANAGER: viewer.station_id is not None and scope.station_id == viewer.station_id,
               Role.COUNTY_ADMIN: bool(viewer.county_code) and scope.county_code == viewer.county_code,
               Role.LEAGUE_ADMIN: bool(viewer.league_code) and scope.league_code == viewer.league_code,
               Role.REGION_ADMIN: True}.get(viewer.role, False)
    if not allowed:
        raise ApiError(403, ErrorCode.FORBIDDEN, "a typical case is marked by the record's station manager "
                                                 "or an administrator of its area")


def mark(db: Database, caller: Caller, record_type: str, record_id: str, write_up: str) -> None:
    text = write_up.strip()
    if not text or len(text) > MAX_WRITE_UP or not storable(text):
        raise ApiError(422, ErrorCode.INVALID_REQUEST, f"write_up: give 1 to {MAX_WRITE_UP} characters")
    _check(db, caller, record_type, record_id)
    with db.write() as session:
        user = session.get(User, caller.viewer.user_id)
        typical_cases.mark(session, record_type, record_id, text, user.username if user else caller.viewer.user_id,
                           utcnow())


def unmark(db: Database, caller: Caller, record_type: str, record_id: str) -> None:
    _check(db, caller, record_type, record_id)
    with db.write() as session:
        if not typical_cases.unmark(session, record_type, record_id):
            raise ApiError(404, ErrorCode.NOT_FOUND, f"{record_type} {record_id} is not a typical case")
