"""What a service call changed, so views refresh only what they show."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    visits: bool = False
    trainings: bool = False
    households: bool = False
    reviews: bool = False
    conflicts: bool = False
    attachments: bool = False
    reference: bool = False
    identity: bool = False
    sync_state: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


ALL = Changes(**{f.name: True for f in fields(Changes)})
