"""The region's live demonstration bases and projects, as the evaluation reads them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.domain.evaluation_demonstrations import DemonstrationFact, fact_of
from sync.domain.fields import DEMONSTRATION_TYPES
from sync.server.store.models import Record


def facts(session: Session) -> list[DemonstrationFact]:
    """Every live base and project (a few hundred in the region; the primary key leads with the type)."""
    rows = session.execute(select(Record.record_type, Record.record_id, Record.fields).where(
        Record.record_type.in_(sorted(t.value for t in DEMONSTRATION_TYPES)), Record.deleted.is_(False)))
    return [fact_of(record_type, record_id, fields) for record_type, record_id, fields in rows]
