"""The typical cases (典型案例) this device holds: the marks that stand, and the records they mark."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.models import ReviewEventRow, TrainingRow, User, VisitRow
from sync.domain.typical_cases import TYPICAL_ACTIONS, standing


def marks(session: Session) -> dict[tuple[str, str], dict[str, Any]]:
    """Each marked record's standing mark (the latest typical-case event of it, when it marks)."""
    rows = session.execute(select(ReviewEventRow.id, ReviewEventRow.record_type, ReviewEventRow.record_id,
                                  ReviewEventRow.action, ReviewEventRow.comment, ReviewEventRow.created_at,
                                  ReviewEventRow.author_id).where(
        ReviewEventRow.action.in_(sorted(TYPICAL_ACTIONS)), ReviewEventRow.deleted.is_(False))).all()
    events = [{"id": r.id, "record_type": r.record_type, "record_id": r.record_id, "action": r.action,
               "comment": r.comment, "created_at": r.created_at.isoformat(), "author_id": r.author_id} for r in rows]
    return {key: dict(e) for key, e in standing(events).items()}


def of_year(session: Session, year: int, area_code: str) -> list[dict[str, Any]]:
    """The live marked records dated in ``year`` whose village lies in ``area_code``, oldest first,
    as the server's ``typical_cases.of_year`` gives them (``marked_by`` a display name here)."""
    found_marks = marks(session)
    names = dict(session.execute(select(User.id, User.display_name)).all())
    found = []
    for record_type, row_cls, day_column in (("visit", VisitRow, VisitRow.visit_date),
                                             ("training", TrainingRow, TrainingRow.training_date)):
        ids = sorted(i for kind, i in found_marks if kind == record_type)
        if not ids:
            continue
        for row in session.scalars(select(row_cls).where(row_cls.id.in_(ids), row_cls.deleted.is_(False))):
            day = getattr(row, day_column.key)
            village = row.village_code or ""
            if day.year == year and (area_code == "15" or village.startswith(area_code)):
                mark = found_marks[(record_type, row.id)]
                found.append({"record_type": record_type, "record_id": row.id, "date": day.isoformat(),
                              "author_id": row.author_id, "station_id": row.station_id, "village_code": village,
                              "industry": row.industry or "", "review_state": row.review_state,
                              "write_up": mark["comment"], "marked_by": names.get(mark["author_id"], mark["author_id"])})
    return sorted(found, key=lambda c: (c["date"], c["record_type"], c["record_id"]))
