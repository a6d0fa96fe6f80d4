"""The team log: what each member of a station recorded in a month, quarter or year, and their timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.services.identity import Identity
from desktop.store import team_queries
from desktop.store.store import Store
from desktop.store.team_queries import MemberFigures, TimelineEntry

__all__ = ["MemberFigures", "Period", "TeamLogService", "TimelineEntry"]


@dataclass(frozen=True)
class Period:
    """``kind`` is "month" (index 1-12), "quarter" (1-4) or "year" (index ignored)."""

    kind: str
    year: int
    index: int = 1

    @property
    def first(self) -> dt.date:
        if self.kind == "month":
            return dt.date(self.year, self.index, 1)
        if self.kind == "quarter":
            return dt.date(self.year, 3 * self.index - 2, 1)
        return dt.date(self.year, 1, 1)

    @property
    def last(self) -> dt.date:
        months = {"month": 1, "quarter": 3}.get(self.kind, 12)
        end_month = self.first.month + months  # the month after the period
        following = dt.date(self.year + 1, 1, 1) if end_month > 12 else dt.date(self.year, end_month, 1)
        return following - dt.timedelta(days=1)

    @classmethod
    def containing(cls, kind: str, day: dt.date) -> Period:
        index = {"month": day.month, "quarter": (day.month - 1) // 3 + 1}.get(kind, 1)
        return cls(kind, day.year, index)


class TeamLogService:
    """A station manager sees every member of their station; anyone else sees only themselves."""

    def __init__(self, store: Store, identity: Identity):
        self.store = store
        self.identity = identity

    def members(self, period: Period) -> list[MemberFigures]:
        station = self.identity.station_code
        if not station:
            return []
        with self.store.reader() as s:
            rows = team_queries.member_figures(s, station, period.first, period.last)
        if not self.identity.can_review:
            rows = [r for r in rows if r.author_id == self.identity.user_id]
        return rows

    def member_names(self) -> dict[str, str]:
        """Everyone whose records this user may review (the station's members), by id."""
        station = self.identity.station_code
        if not station or not self.identity.can_review:
            return {self.identity.user_id: self.identity.display_name}
        with self.store.reader() as s:
            return team_queries.station_members(s, station)

    def display_names(self) -> dict[str, str]:
        with self.store.reader() as s:
            return team_queries.user_names(s)

    def timeline(self, author_id: str, period: Period) -> list[TimelineEntry]:
        if not self.identity.can_review and author_id != self.identity.user_id:
            return []
        with self.store.reader() as s:
            return team_queries.member_timeline(s, author_id, period.first, period.last)
