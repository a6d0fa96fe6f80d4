"""One family, one household: the rules of merging a household record into another one. Pure.

A station manager merges a duplicate by setting ``merged_into`` on the household that goes away
(an ordinary pushed update, so a merge made offline syncs like any other change). When the server
applies it, every visit and training naming the merged-away household is repointed to the one that
stays, in the same transaction (services.push). Afterwards:

- a visit or training pushed naming the merged-away household names the survivor instead
  (``repoint_changes``: old and new values alike, so the three-way merge still lines up);
- an edit of the merged-away household (made offline, before the device heard of the merge) is
  merged into the survivor field by field (``survivor_merge``): a field the survivor holds with
  the value the edit started from, or leaves empty, takes the edit; any other field is a conflict
  kept for a person to resolve. No edit is lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sync.domain.merged_households import repoint
from sync.domain.vocabulary import RecordType, Role
from sync.protocol import FieldChange
from sync.server.merge import FieldMerge, merge_fields
from sync.server.scope import RowScope, Viewer, write_denial

MERGED_INTO = "merged_into"
#: The fields of each record type that name households.
HOUSEHOLD_LINKS: Mapping[RecordType, str] = {RecordType.VISIT: "household_ids",
                                             RecordType.TRAINING: "attendee_household_ids"}
#: The longest chain of merges followed (a merged into b merged into c …); longer ones are refused.
MAX_CHAIN = 32
_EMPTY = (None, "", [], {})


def survivor_of(fields: Mapping[str, Any]) -> str | None:
    """The household this one was merged into, or None."""
    value = fields.get(MERGED_INTO)
    return value if isinstance(value, str) and value else None


def merge_denial(viewer: Viewer, merged_id: str, merged: RowScope, survivor_id: str | None,
                 survivor: RowScope | None, survivor_fields: Mapping[str, Any] | None) -> str | None:
    """Why ``viewer`` may not merge household ``merged_id`` into ``survivor_id`` (the end of its
    chain of merges, as loaded); None when they may."""
    if viewer.role is not Role.STATION_MANAGER:
        return "only a station manager may merge households"
    if survivor_id is None or survivor is None or survivor_fields is None:
        return "the household to keep is not on the server"
    if survivor_id == merged_id:
        return "a household cannot be merged into itself (or into one already merged into it)"
    if survivor_fields.get("deleted") is True:
        return f"household {survivor_id} was deleted"
    return write_denial(viewer, merged) or write_denial(viewer, survivor)


def repointed_fields(record_type: RecordType, fields: Mapping[str, Any],
                     survivors: Mapping[str, str]) -> dict[str, Any] | None:
    """The record's fields with its household links repointed, or None when it names no merged one."""
    link = HOUSEHOLD_LINKS.get(record_type)
    if link is None or not survivors:
        return None
    ids = fields.get(link)
    moved = repoint(ids, survivors)
    return None if moved is ids else {**fields, link: moved}


def repoint_changes(record_type: RecordType, changes: Mapping[str, FieldChange],
                    survivors: Mapping[str, str]) -> dict[str, FieldChange] | None:
    """A pushed entry's changes with household links repointed, or None when none needs it."""
    link = HOUSEHOLD_LINKS.get(record_type)
    change = changes.get(link) if link else None
    if change is None or not survivors:
        return None
    old, new = repoint(change.old, survivors), repoint(change.new, survivors)
    if old is change.old and new is change.new:
        return None
    return {**changes, link: FieldChange(old=old, new=new)}


def survivor_merge(survivor: Mapping[str, Any], changes: Mapping[str, FieldChange]) -> FieldMerge:
    """An edit of the merged-away household, merged into the survivor (see the module's docstring)."""
    merge = merge_fields(survivor, changes)
    filled = {name: client for name, (server, client) in merge.conflicts.items()
              if any(server == empty and type(server) is type(empty) for empty in _EMPTY)}
    if not filled:
        return merge
    conflicts = {name: pair for name, pair in merge.conflicts.items() if name not in filled}
    return FieldMerge({**merge.applied, **filled}, merge.equal, conflicts)
