"""The plan's targets on the server: read them, set values, merge the shipped list in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.server.store.models import Target

#: Columns the shipped targets.json sets; the value only while no one has changed it.
DESCRIPTIVE = ("name_zh", "name_en", "unit", "scope", "source")


def version(session: Session) -> int:
    """The targets version: the revision of the latest change (0 while there are no targets)."""
    return session.execute(select(func.max(Target.revision))).scalar_one() or 0


def value_of(session: Session, key: str) -> float | None:
    """The value in force for ``key``; None when the server has no such target."""
    return session.execute(select(Target.value).where(Target.key == key)).scalar_one_or_none()


def list_all(session: Session) -> Sequence[Target]:
    return session.execute(select(Target).order_by(Target.key)).scalars().all()


def count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Target)).scalar_one()


def set_values(session: Session, values: Mapping[str, float], by: str, now: dt.datetime) -> list[str]:
    """Set each key's value under a new revision; returns the keys not found (then nothing is set).

    Values equal to the stored ones change nothing, so an unchanged save keeps the version.
    """
    rows = _locked_rows(session)
    missing = sorted(set(values) - set(rows))
    if missing:
        return missing
    changed = [rows[key] for key, value in values.items() if rows[key].value != value]
    if changed:
        revision = _next_revision(session)
        for row in changed:
            row.value, row.revision, row.updated_at, row.updated_by = values[row.key], revision, now, by
    return []


def merge_shipped(session: Session, shipped: Sequence[Mapping[str, Any]], now: dt.datetime) -> int:
    """Add shipped targets the server lacks and update the descriptions of known ones; a value is
    updated only while it is still the shipped one (``updated_by`` None). Returns how many changed."""
    rows = _locked_rows(session)
    revision = _next_revision(session)
    changed: list[Target] = []
    for item in shipped:
        row = rows.get(item["key"])
        if row is None:
            row = Target(key=item["key"], updated_by=None, revision=revision, updated_at=now,
                         **{name: item[name] for name in (*DESCRIPTIVE, "value")})
            session.add(row)
            rows[row.key] = row
            changed.append(row)
            continue
        wanted = {name: item[name] for name in DESCRIPTIVE}
        if row.updated_by is None:
            wanted["value"] = item["value"]
        if any(getattr(row, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(row, name, value)
            changed.append(row)
    for row in changed:
        row.revision, row.updated_at = revision, now
    return len(changed)


def _locked_rows(session: Session) -> dict[str, Target]:
    """Every target, locked: writers take turns, so revisions follow commit order and a device
    that read version N never misses a change that commits later under the same number."""
    return {t.key: t for t in session.execute(select(Target).with_for_update()).scalars()}


def _next_revision(session: Session) -> int:
    return version(session) + 1
