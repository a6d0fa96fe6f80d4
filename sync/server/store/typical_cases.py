"""Typical cases (典型案例) on the server: the marks that stand, and the records they mark.

A mark is a review event (sync.domain.typical_cases), pushed by a device or written by the
server's API like any record, so it reaches every device. Marks kept before that, in the
``typical_cases`` table, still count as marks made when they were made.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from sync.domain.typical_cases import TYPICAL_ACTIONS, standing
from sync.server.store.models import Record, TypicalCase, User

_DATE = {"visit": "visit_date", "training": "training_date"}


def _events(session: Session) -> list[dict[str, Any]]:
    rows = session.execute(select(Record.record_id, Record.fields).where(
        Record.record_type == "review_event", Record.deleted.is_(False),
        Record.fields["action"].as_string().in_(sorted(TYPICAL_ACTIONS)))).all()
    found = [{**fields, "id": record_id} for record_id, fields in rows]
    names = dict(session.execute(select(User.id, User.username).where(
        User.id.in_(sorted({str(e.get("author_id")) for e in found})))).all()) if found else {}
    for e in found:
        e["marked_by"] = names.get(str(e.get("author_id")), str(e.get("author_id") or ""))
    for case in session.execute(select(TypicalCase)).scalars():
        found.append({"record_type": case.record_type, "record_id": case.record_id, "action": "mark_typical",
                      "comment": case.write_up, "created_at": case.marked_at.isoformat(), "id": "",
                      "marked_by": case.marked_by})
    return found


def standing_marks(session: Session) -> dict[tuple[str, str], dict[str, Any]]:
    """Each marked record's standing mark (its write-up in ``comment``, who in ``marked_by``)."""
    return {key: dict(e) for key, e in standing(_events(session)).items()}


def of_year(session: Session, year: int, area_code: str) -> list[dict[str, Any]]:
    """The live marked records dated in ``year`` whose village lies in ``area_code``, oldest first."""
    marks = standing_marks(session)
    if not marks:
        return []
    rows = session.execute(select(Record.record_type, Record.record_id, Record.fields, Record.author_id).where(
        tuple_(Record.record_type, Record.record_id).in_(sorted(marks)), Record.deleted.is_(False)))
    found = []
    for record_type, record_id, fields, author in rows:
        mark = marks[(record_type, record_id)]
        day = str(fields.get(_DATE.get(record_type, ""), ""))
        village = str(fields.get("village_code") or "")
        if day[:4] == f"{year:04d}" and (area_code == "15" or village.startswith(area_code)):
            found.append({"record_type": record_type, "record_id": record_id, "date": day,
                          "author_id": author, "station_id": fields.get("station_id"), "village_code": village,
                          "industry": fields.get("industry") or "", "review_state": fields.get("review_state"),
                          "write_up": str(mark.get("comment") or ""), "marked_by": mark["marked_by"]})
    return sorted(found, key=lambda c: (c["date"], c["record_type"], c["record_id"]))
