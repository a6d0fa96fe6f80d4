"""Which records an evaluation counts, the days a visit covers, and the industry taxonomy.

The year-end evaluation (年度考核) counts what a reviewer accepted: approved records by default,
or approved and submitted-but-unreviewed ones when an office asks for it, with a label saying so.
Drafts never count, and neither do returned records (a returned record was reviewed and rejected).
Device and server both filter by ``counted_states`` so they count the same records.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from enum import StrEnum
from pathlib import Path

from sync.domain.vocabulary import ReviewState

#: The longest visit a record may describe (a resident stay at a village); its days all count.
MAX_VISIT_DAYS = 31
TAXONOMY_FILE = "industry_taxonomy.json"


class CountingRule(StrEnum):
    APPROVED = "approved"  # the default: only what a station manager approved
    WITH_SUBMITTED = "approved_and_submitted"  # approved, plus submitted and not yet reviewed


#: The label every card, export and flag carries, in the languages reports are written in.
RULE_LABELS: dict[CountingRule, dict[str, str]] = {
    CountingRule.APPROVED: {"en": "Counts approved records only", "zh_CN": "仅计已审核通过的记录"},
    CountingRule.WITH_SUBMITTED: {"en": "Counts approved records and submitted records not yet reviewed",
                                  "zh_CN": "计已通过及已提交待审核的记录（含未审核）"},
}


def rule_for(approved_only: bool) -> CountingRule:
    return CountingRule.APPROVED if approved_only else CountingRule.WITH_SUBMITTED


def counted_states(rule: CountingRule) -> tuple[str, ...]:
    """The review states whose records count under ``rule``; never draft, never returned."""
    if rule is CountingRule.APPROVED:
        return (ReviewState.APPROVED.value,)
    return (ReviewState.APPROVED.value, ReviewState.SUBMITTED.value)


def visit_days(start: dt.date, end: dt.date | None) -> Iterator[dt.date]:
    """Each day from ``start`` to ``end`` (inclusive; None: the one day), at most MAX_VISIT_DAYS."""
    last = end if end is not None and end > start else start
    span = min((last - start).days + 1, MAX_VISIT_DAYS)
    for offset in range(span):
        yield start + dt.timedelta(days=offset)


def industry_lineage(industry: str, parents: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """The industry and every industry it lies within (肉牛 → 肉牛牦牛, 肉牛肉羊 → 牛 → 畜牧养殖).

    A cycle in the table (which the reference data build refuses) ends the walk instead of looping.
    """
    found, todo = {industry}, [industry]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return frozenset(found)


def load_taxonomy(reference_dir: Path) -> dict[str, tuple[str, ...]]:
    """The parents of each industry from ``industry_taxonomy.json`` ({} when the file is absent)."""
    path = reference_dir / TAXONOMY_FILE
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {str(child): tuple(str(p) for p in parents) for child, parents in raw["parents"].items()}
