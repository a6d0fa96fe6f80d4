"""Autosaved form drafts: kept until the form is saved or discarded, offered back after a crash."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from desktop.store import drafts
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
            drafts.put(s, form, payload)

    def discard(self, form: str) -> None:
        with self.store.unit_of_work() as s:
            drafts.drop(s, form)

    def pending(self) -> list[DraftItem]:
        """Drafts left behind, newest first (e.g. by a crash or a power cut)."""
        with self.store.reader() as s:
            return [DraftItem(*row) for row in drafts.newest_first(s)]
