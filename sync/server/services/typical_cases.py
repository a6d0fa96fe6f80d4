"""A manager marks a visit or training as a typical case (典型案例) with a short write-up, through the API.

A station manager marks their station's records; a county, league or region admin the records of
their area; nobody else (403). The record must exist and be live (404), the write-up 1 to
MAX_WRITE_UP characters of storable text (422). The mark is a review event written like any
record (sync.domain.typical_cases), so devices pull it as they pull the ones marked offline. The
year-end evaluation lists the year's cases.
"""

from __future__ import annotations

import uuid

from sync.domain.typical_cases import MARKABLE, MAX_WRITE_UP
from sync.domain.vocabulary import ReviewAction, Role
from sync.protocol import ErrorCode
from sync.server.clock import utcnow
from sync.server.entry_planner import RowWrite, StoredRecord
from sync.server.errors import ApiError
from sync.server.services.auth import Caller
from sync.server.store import records, typical_cases
from sync.server.store.database import Database
from sync.server.validation import storable

__all__ = ["MAX_WRITE_UP", "mark", "unmark"]


def _check(db: Database, caller: Caller, record_type: str, record_id: str) -> StoredRecord:
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
    return stored


def _event(db: Database, caller: Caller, stored: StoredRecord, action: ReviewAction, comment: str) -> None:
    now = utcnow()
    state = stored.fields.get("review_state") or "draft"
    fields = {"created_at": now.isoformat(), "updated_at": now.isoformat(), "author_id": caller.viewer.user_id,
              "station_id": stored.scope.station_id, "deleted": False, "record_type": stored.record_type.value,
              "record_id": stored.record_id, "action": action.value, "comment": comment, "from_state": state,
              "to_state": state}
    with db.write() as session:
        records.write(session, [RowWrite("review_event", str(uuid.uuid4()), 1, fields, stored.scope, True)], now)


def mark(db: Database, caller: Caller, record_type: str, record_id: str, write_up: str) -> None:
    text = write_up.strip()
    if not text or len(text) > MAX_WRITE_UP or not storable(text):
        raise ApiError(422, ErrorCode.INVALID_REQUEST, f"write_up: give 1 to {MAX_WRITE_UP} characters")
    _event(db, caller, _check(db, caller, record_type, record_id), ReviewAction.MARK_TYPICAL, text)


def unmark(db: Database, caller: Caller, record_type: str, record_id: str) -> None:
    stored = _check(db, caller, record_type, record_id)
    with db.read() as session:
        marked = (record_type, record_id) in typical_cases.standing_marks(session)
    if not marked:
        raise ApiError(404, ErrorCode.NOT_FOUND, f"{record_type} {record_id} is not a typical case")
    _event(db, caller, stored, ReviewAction.UNMARK_TYPICAL, "")
