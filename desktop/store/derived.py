"""Columns kept in step with a record for search and duplicate checks, local and pulled changes alike."""

from __future__ import annotations

from sqlalchemy import delete, event, insert, select
from sqlalchemy.orm import Session

from desktop.domain.phone import normalise_phone
from desktop.domain.search_text import search_key
from desktop.store.models import Division, HouseholdRow, TrainingRow, VisitHousehold, VisitRow


def _village_key(session: Session, code: str) -> str:
    name = session.scalar(select(Division.name).where(Division.code == code)) if code else None
    return search_key(name or "")


@event.listens_for(Session, "before_flush")
def _refresh_derived(session: Session, _ctx: object, _instances: object) -> None:
    changed = [*session.new, *(r for r in session.dirty if session.is_modified(r))]
    for row in changed:
        if isinstance(row, HouseholdRow):
            row.phone_key = normalise_phone(row.phone or "")
            row.search_key = " ".join(filter(None, (search_key(row.name), row.phone_key)))
        elif isinstance(row, VisitRow):
            row.search_key = " ".join(filter(None, (
                _village_key(session, row.village_code), row.industry.lower(), row.problem.lower(), row.advice.lower(),
            )))
            session.info.setdefault("visit_links", {})[row.id] = list(row.household_ids or [])
        elif isinstance(row, TrainingRow):
            row.search_key = " ".join(filter(None, (
                _village_key(session, row.village_code), search_key(row.topic), row.place.lower(), row.industry.lower(),
            )))


@event.listens_for(Session, "after_flush")
def _write_visit_links(session: Session, _ctx: object) -> None:
    links = session.info.pop("visit_links", None)
    if not links:
        return
    conn = session.connection()
    conn.execute(delete(VisitHousehold).where(VisitHousehold.visit_id.in_(list(links))))
    rows = [{"visit_id": v, "household_id": h} for v, ids in links.items() for h in dict.fromkeys(ids)]
    if rows:
        conn.execute(insert(VisitHousehold), rows)
