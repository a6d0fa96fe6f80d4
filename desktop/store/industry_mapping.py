"""Free-text industries of visits and trainings: which are not on the reference list, and mapping them.

Both paths change a synced field, so both leave an outbox entry: the migration (plain SQL, the
models may be newer than the schema it runs on) writes it here, the app's mapping through the ORM
session, whose change capture writes it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.industries import IndustryCatalogue
from desktop.store.models import TrainingRow, VisitRow

_TABLES = (("visits", "visit"), ("trainings", "training"))


@dataclass(frozen=True)
class UnlistedIndustry:
    """A free-text industry no reference industry matches, with how many records use it."""

    text: str
    visits: int
    trainings: int


def map_listed_industries(conn: sa.Connection, catalogue: IndustryCatalogue) -> int:
    """Give every record whose free-text industry names a reference industry that industry's name.

    Returns how many records changed. Deleted records, and text that names no industry, stay as they are.
    """
    device = conn.execute(sa.text("SELECT value FROM sync_state WHERE key = 'device_id'")).scalar()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    changed = 0
    for table, record_type in _TABLES:
        rows = conn.execute(sa.text(
            f"SELECT id, industry, revision FROM {table} WHERE NOT deleted AND industry <> ''")).all()
        for record_id, text, revision in rows:
            name = catalogue.match(text)
            if name is None or name == text:
                continue
            conn.execute(sa.text(
                f"UPDATE {table} SET industry = :name, updated_at = :now, "
                "search_key = :folded || ' ' || search_key WHERE id = :id"),
                {"name": name, "now": now, "folded": name.lower(), "id": record_id})
            if device is not None:
                _write_outbox(conn, device, record_type, record_id, revision, text, name, now)
            changed += 1
    return changed


def _write_outbox(conn: sa.Connection, device: str, record_type: str, record_id: str, revision: int,
                  old: str, new: str, now: dt.datetime) -> None:
    seq = int(conn.execute(sa.text("SELECT value FROM sync_state WHERE key = 'next_seq'")).scalar())
    conn.execute(sa.text("UPDATE sync_state SET value = :v WHERE key = 'next_seq'"), {"v": str(seq + 1)})
    conn.execute(sa.text(
        "INSERT INTO outbox (seq, device_id, record_type, record_id, kind, base_revision, changes, created_at, acked) "
        "VALUES (:seq, :device, :type, :id, 'update', :base, :changes, :now, 0)"),
        {"seq": seq, "device": device, "type": record_type, "id": record_id, "base": revision or 0,
         "changes": json.dumps({"industry": {"old": old, "new": new}}, ensure_ascii=False), "now": now})


def unlisted_industries(session: Session, listed: set[str]) -> list[UnlistedIndustry]:
    """The free-text industries of records not deleted that are not reference names, most used first."""
    counts: dict[str, list[int]] = {}
    for position, model in enumerate((VisitRow, TrainingRow)):
        rows = session.execute(select(model.industry, func.count()).where(
            model.deleted.is_(False), model.industry != "").group_by(model.industry))
        for text, count in rows:
            if text not in listed:
                counts.setdefault(text, [0, 0])[position] = count
    items = [UnlistedIndustry(text, v, t) for text, (v, t) in counts.items()]
    return sorted(items, key=lambda i: (-(i.visits + i.trainings), i.text))


def rename_industry(session: Session, text: str, name: str) -> tuple[int, int]:
    """Every record not deleted whose industry is ``text`` gets ``name``; (visits, trainings) changed.

    Through the ORM, so each change is captured into the outbox; the review state stays as it is
    (the record says the same, in the list's words)."""
    counts = []
    for model in (VisitRow, TrainingRow):
        rows = list(session.scalars(select(model).where(model.deleted.is_(False), model.industry == text)))
        for row in rows:
            row.industry = name
            row.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        counts.append(len(rows))
    return counts[0], counts[1]
