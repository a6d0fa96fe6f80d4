"""What a write changed, so views refresh only what they show.

A ``Changes`` value names the kinds of data a write touched (the flags) and, where known, the ids
of the records it touched (``ids``: (kind, id) pairs). Every write reaches the views through one
signal, ``OperationRunner.changed(changes, initiator)``; a page re-queries only when a kind it
shows is among the flags.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from desktop.domain import kinds

#: The flags, in the order they are declared below.
KINDS = ("visits", "trainings", "demonstrations", "households", "reviews", "conflicts", "attachments", "reference", "identity",
         "sync_state")


@dataclass(frozen=True)
class Changes:
    visits: bool = False
    trainings: bool = False
    demonstrations: bool = False
    households: bool = False
    reviews: bool = False
    conflicts: bool = False
    attachments: bool = False
    reference: bool = False
    identity: bool = False
    sync_state: bool = False
    #: (kind, record id) of every record known to have changed; a flag may be set without ids
    #: (e.g. ``sync_state``, or a restore that replaced everything).
    ids: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def of(cls, kind: str, ids: Iterable[str] = ()) -> Changes:
        """The records ``ids`` of one ``kind`` (one of KINDS) changed."""
        return cls(**{kind: True}, ids=frozenset((kind, i) for i in ids))

    @classmethod
    def touched(cls, pairs: Iterable[tuple[str, str]]) -> Changes:
        """From (kind, id) pairs; each kind met sets its flag."""
        pairs = frozenset(pairs)
        return cls(**{kind: True for kind in {k for k, _ in pairs}}, ids=pairs)

    def __or__(self, other: Changes) -> Changes:
        flags = {name: getattr(self, name) or getattr(other, name) for name in KINDS}
        return Changes(**flags, ids=self.ids | other.ids)

    def kinds(self) -> frozenset[str]:
        return frozenset(name for name in KINDS if getattr(self, name))

    def ids_of(self, kind: str) -> frozenset[str]:
        return frozenset(i for k, i in self.ids if k == kind)

    def touches(self, kinds: Iterable[str]) -> bool:
        """Whether any of ``kinds`` changed."""
        return any(getattr(self, name) for name in kinds)

    def any(self) -> bool:
        return any(getattr(self, name) for name in KINDS)


def from_rows(rows: Iterable[tuple[str, str]]) -> Changes:
    """The changes of stored rows given as (record type, id), e.g. the rows a pull applied; each
    counts as the change flag the record-kind registry gives its type."""
    return Changes.touched((kinds.change_flag(record_type), record_id) for record_type, record_id in rows)


assert KINDS == tuple(f.name for f in fields(Changes) if f.name != "ids")
assert {k.change_flag for k in kinds.KINDS} <= set(KINDS)

ALL = Changes(**{name: True for name in KINDS})
