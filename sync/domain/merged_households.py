"""Households merged into another one (same family): following merges and repointing links. Pure.

Device and server both count a family once by reading every household id through the merges
(``repoint``): the server repoints stored visits and trainings when it applies a merge, a device
counts its not yet repointed records the same way until the repointed ones arrive.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def chain_ends(links: Mapping[str, str]) -> dict[str, str]:
    """Each merged-away household to the household its chain of merges ends in (a merged into b
    merged into c gives a → c); a cycle, which the server refuses to create, ends where it closes."""
    ends = {}
    for start in links:
        seen, household = {start}, links[start]
        while household in links and links[household] not in seen:
            seen.add(household)
            household = links[household]
        ends[start] = household
    return ends


def repoint(ids: Any, survivors: Mapping[str, str]) -> Any:
    """``ids`` (a list of household ids) with every merged-away household replaced by the one kept,
    each named once; ``ids`` itself when it names none (or is no list)."""
    if not isinstance(ids, list | tuple) or not any(i in survivors for i in ids):
        return ids
    return type(ids)(dict.fromkeys(survivors.get(i, i) for i in ids))
