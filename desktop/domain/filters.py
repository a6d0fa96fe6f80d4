"""What a list of records can be narrowed to: the filter the UI builds and the store applies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class SortKey(StrEnum):
    DATE = "date"
    VILLAGE = "village"
    INDUSTRY = "industry"
    STATE = "state"
    AUTHOR = "author"
    NAME = "name"  # households: by pinyin (initials first), as a phone's contact list
    KIND = "kind"


@dataclass(frozen=True)
class RecordFilter:
    """Empty fields do not filter. ``division_code`` may be a league, county, township or village code."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    division_code: str | None = None
    industry: str | None = None
    service_type: str | None = None
    review_state: str | None = None
    #: Any of these review states (an evaluation's counting rule); None: no condition.
    review_states: tuple[str, ...] | None = None
    author_id: str | None = None
    station_id: str | None = None
    #: Drafts are private to their author: when set, only this user's drafts are listed.
    drafts_of: str | None = None
    text: str = ""
    include_deleted: bool = False
    sort: SortKey = SortKey.DATE
    descending: bool = True


def division_range(code: str) -> tuple[str, str]:
    """The village-code range under a division: codes are prefixes of their children's codes."""
    return code, code[:-1] + chr(ord(code[-1]) + 1)
