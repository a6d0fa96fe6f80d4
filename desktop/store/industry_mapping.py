"""Free-text industries of visits, trainings and households: which are not on the reference list, and mapping them.

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
from desktop.store.models import HouseholdRow, TrainingRow, VisitRow

_TABLES = (("visits", "visit"), ("trainings", "training"))


@dataclass(frozen=True)
class UnlistedIndustry:
    """A free-text industry no reference industry matches, with how many records use it."""

    text: str
    visits: int
    trainings: int
    households: int = 0


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
                _write_outbox(conn, device, record_type, record_id, revision, {"industry": {"old": text, "new": name}},
                              now)
            changed += 1
    return changed


def mapped_list(industries: list[str], catalogue: IndustryCatalogue) -> list[str]:
    """A household's industries with each text that names a reference industry replaced by its name,
    in order, each once; text that names none stays as typed."""
    mapped: list[str] = []
    for text in industries:
        name = catalogue.match(text) or text
        if name not in mapped:
            mapped.append(name)
    return mapped


def map_listed_household_industries(conn: sa.Connection, catalogue: IndustryCatalogue) -> int:
    """Each household's free-text industries that name a reference industry get its name (with an outbox
    entry); returns how many households changed. Deleted households and unnamed text stay as they are."""
    device = conn.execute(sa.text("SELECT value FROM sync_state WHERE key = 'device_id'")).scalar()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    changed = 0
    for record_id, stored, revision in conn.execute(sa.text(
            "SELECT id, industries, revision FROM households WHERE NOT deleted")).all():
        old = json.loads(stored) if isinstance(stored, str) else stored
        if not isinstance(old, list) or not all(isinstance(t, str) for t in old):
            continue  # not a list of names: kept exactly as stored
        new = mapped_list(old, catalogue)
        if new == old:
            continue
        conn.execute(sa.text("UPDATE households SET industries = :new, updated_at = :now WHERE id = :id"),
                     {"new": json.dumps(new, ensure_ascii=False), "now": now, "id": record_id})
        if device is not None:
            _write_outbox(conn, device, "household", record_id, revision, {"industries": {"old": old, "new": new}},
                          now)
        changed += 1
    return changed


def _write_outbox(conn: sa.Connection, device: str, record_type: str, record_id: str, revision: int,
                  changes: dict, now: dt.datetime) -> None:
    seq = int(conn.execute(sa.text("SELECT value FROM sync_state WHERE key = 'next_seq'")).scalar())
    conn.execute(sa.text("UPDATE sync_state SET value = :v WHERE key = 'next_seq'"), {"v": str(seq + 1)})
    conn.execute(sa.text(
        "INSERT INTO outbox (seq, device_id, record_type, record_id, kind, base_revision, changes, created_at, acked) "
        "VALUES (:seq, :device, :type, :id, 'update', :base, :changes, :now, 0)"),
        {"seq": seq, "device": device, "type": record_type, "id": record_id, "base": revision or 0,
         "changes": json.dumps(changes, ensure_ascii=False), "now": now})


def unlisted_industries(session: Session, listed: set[str]) -> list[UnlistedIndustry]:
    """The free-text industries of records not deleted that are not reference names, most used first."""
    counts: dict[str, list[int]] = {}
    for position, model in enumerate((VisitRow, TrainingRow)):
        rows = session.execute(select(model.industry, func.count()).where(
            model.deleted.is_(False), model.industry != "").group_by(model.industry))
        for text, count in rows:
            if text not in listed:
                counts.setdefault(text, [0, 0, 0])[position] = count
    for industries in session.scalars(select(HouseholdRow.industries).where(
            HouseholdRow.deleted.is_(False), HouseholdRow.merged_into.is_(None))):
        for text in dict.fromkeys(industries or ()):
            if text and text not in listed:
                counts.setdefault(text, [0, 0, 0])[2] += 1
    items = [UnlistedIndustry(text, v, t, h) for text, (v, t, h) in counts.items()]
    return sorted(items, key=lambda i: (-(i.visits + i.trainings + i.households), i.text))


def rename_industry(session: Session, text: str, name: str) -> tuple[int, int, int]:
    """Every record not deleted whose industry is ``text`` gets ``name``; (visits, trainings, households)
    changed (a household's list keeps its order and names each industry once).

    Through the ORM, so each change is captured into the outbox; the review state stays as it is
    (the record says the same, in the list's words)."""
    counts = []
    for model in (VisitRow, TrainingRow):
        rows = list(session.scalars(select(model).where(model.deleted.is_(False), model.industry == text)))
        for row in rows:
            row.industry = name
            row.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        counts.append(len(rows))
    households = list(session.scalars(select(HouseholdRow).where(HouseholdRow.deleted.is_(False))))
    renamed = 0
    for household in households:
        if text in (household.industries or ()):
            household.industries = list(dict.fromkeys(name if i == text else i for i in household.industries))
            household.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            renamed += 1
    return counts[0], counts[1], renamed
