"""Typical cases (典型案例) on the server: which visits and trainings a manager marked, and why."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.server.store.models import Record, TypicalCase

_DATE = {"visit": "visit_date", "training": "training_date"}


def mark(session: Session, record_type: str, record_id: str, write_up: str, by: str, now: dt.datetime) -> None:
    row = session.get(TypicalCase, (record_type, record_id))
    if row is None:
        session.add(TypicalCase(record_type=record_type, record_id=record_id, write_up=write_up, marked_by=by,
                                marked_at=now))
    else:
        row.write_up, row.marked_by, row.marked_at = write_up, by, now


def unmark(session: Session, record_type: str, record_id: str) -> bool:
    return session.execute(delete(TypicalCase).where(TypicalCase.record_type == record_type,
                                                     TypicalCase.record_id == record_id)).rowcount > 0


def of_year(session: Session, year: int, area_code: str) -> list[dict[str, Any]]:
    """The live marked records dated in ``year`` whose village lies in ``area_code``, oldest first."""
    rows = session.execute(select(TypicalCase, Record.fields, Record.author_id).join(
        Record, (Record.record_type == TypicalCase.record_type) & (Record.record_id == TypicalCase.record_id))
        .where(Record.deleted.is_(False)))
    found = []
    for case, fields, author in rows:
        day = str(fields.get(_DATE.get(case.record_type, ""), ""))
        village = str(fields.get("village_code") or "")
        if day[:4] == f"{year:04d}" and (area_code == "15" or village.startswith(area_code)):
            found.append({"record_type": case.record_type, "record_id": case.record_id, "date": day,
                          "author_id": author, "station_id": fields.get("station_id"), "village_code": village,
                          "industry": fields.get("industry") or "", "review_state": fields.get("review_state"),
                          "write_up": case.write_up, "marked_by": case.marked_by})
    return sorted(found, key=lambda c: (c["date"], c["record_type"], c["record_id"]))
