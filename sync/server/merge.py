"""Field-level three-way merge of one pushed change against the stored record. Pure.

For each changed field: the server value equals the client's ``new`` → nothing to do; it equals
the client's ``old`` → apply; otherwise the field is a conflict and the server value stays.
Clocks never decide: there is no "last writer wins" here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sync.protocol import FieldChange


@dataclass(frozen=True)
class FieldMerge:
    applied: dict[str, Any] = field(default_factory=dict)  # field -> value to store
    equal: tuple[str, ...] = ()  # fields that already held the client's new value
    conflicts: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (server, client)


def same_value(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but true is not 1 and [1] is not (1,) after a JSON round trip."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def merge_fields(stored: Mapping[str, Any], changes: Mapping[str, FieldChange]) -> FieldMerge:
    """Merge ``changes`` into ``stored`` (a missing field counts as null)."""
    applied: dict[str, Any] = {}
    equal: list[str] = []
    conflicts: dict[str, tuple[Any, Any]] = {}
    for name, change in changes.items():
        server = stored.get(name)
        if same_value(server, change.new):
            equal.append(name)
        elif same_value(server, change.old):
            applied[name] = change.new
        else:
            conflicts[name] = (server, change.new)
    return FieldMerge(applied, tuple(equal), conflicts)
