"""Autosaved form drafts: kept until the form is saved or discarded, offered back after a crash."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.store.capture import utcnow
from desktop.store.models import Draft
from desktop.store.store import Store


@dataclass(frozen=True)
class DraftItem:
    form: str
    payload: dict[str, Any]
    saved_at: dt.datetime


class DraftService:
    def __init__(self, store: Store):
        self.store = store

    def save(self, form: str, payload: dict[str, Any]) -> None:
        with self.store.unit_of_work() as s:
            s.merge(Draft(form=form, payload=payload, saved_at=utcnow()))

    def discard(self, form: str) -> None:
        with self.store.unit_of_work() as s:
            draft = s.get(Draft, form)
            if draft is not None:
                s.delete(draft)

    def pending(self) -> list[DraftItem]:
        """Drafts left behind, newest first (e.g. by a crash or a power cut)."""
        with self.store.reader() as s:
            return [DraftItem(d.form, d.payload, d.saved_at)
                    for d in s.scalars(select(Draft).order_by(Draft.saved_at.desc()))]
