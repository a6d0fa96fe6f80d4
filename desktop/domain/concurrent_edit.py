"""An edit made on an older copy of a record: merged field by field with what changed since, or refused."""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from desktop.domain.records import Record

R = TypeVar("R", bound=Record)

#: Bookkeeping a form never edits: the store and the server set these.
_BOOKKEEPING = frozenset({"id", "author_id", "station_id", "created_at", "updated_at", "revision"})
#: A change to these made elsewhere is news the editor must see before saving over it: a review
#: decision (saving content would re-open an approved record) or a delete (saving would revive it).
_ALWAYS_SHOWN = frozenset({"review_state", "deleted"})


def edited_fields(before: Record, after: Record) -> set[str]:
    """The fields a person can edit whose values differ between two copies of one record."""
    return {f.name for f in dataclasses.fields(before)
            if f.name not in _BOOKKEEPING and getattr(before, f.name) != getattr(after, f.name)}


class EditConflict(Exception):
    """``record`` changed since the editor loaded it, in fields the editor changed too.

    ``current`` is the record as stored now (None: no longer on this device); ``fields`` the fields
    both sides changed to different values. ``keep_mine`` is the current record with every field
    the editor changed, and every clashing one, set to the editor's value; ``keep_theirs`` is the
    current record with only the editor's changes that clash with nothing.
    """

    def __init__(self, current: Record | None, fields: set[str], keep_mine: Record | None,
                 keep_theirs: Record | None):
        self.current = current
        self.fields = fields
        self.keep_mine = keep_mine
        self.keep_theirs = keep_theirs
        super().__init__(f"changed elsewhere since it was loaded: {', '.join(sorted(fields)) or 'deleted'}")


def merge_edit(base: R, edited: R, current: R | None) -> R:
    """Three-way merge of an edit: ``base`` is what the editor loaded, ``edited`` what it wants to
    store, ``current`` what the store holds now. Fields only one side changed are taken from that
    side; a field both changed to different values (or a review or delete made elsewhere) raises
    EditConflict, so nothing is overwritten without the editor knowing."""
    if current is None:
        raise EditConflict(None, set(), None, None)
    mine = edited_fields(base, edited)
    theirs = edited_fields(base, current)
    clashing = {f for f in mine & theirs if getattr(edited, f) != getattr(current, f)}
    clashing |= theirs & _ALWAYS_SHOWN
    if clashing:
        keep_mine = current.with_changes(**{f: getattr(edited, f) for f in mine | clashing})
        keep_theirs = current.with_changes(**{f: getattr(edited, f) for f in mine - clashing})
        raise EditConflict(current, clashing, keep_mine, keep_theirs)
    return current.with_changes(**{f: getattr(edited, f) for f in mine})
