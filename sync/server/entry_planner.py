"""Decides what one pushed outbox entry does to the stored records. Pure.

The push service loads the stored record (and, for a review event or an attachment, the record it
belongs to), calls ``plan_entry`` and writes the plan in one transaction with its ledger row.
A rejection changes nothing; a conflict keeps the server value and adds conflict records.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sync.domain.rules import RULED_TYPES, Context, record_errors
from sync.domain.fields import DEMONSTRATION_TYPES, RECORD_FIELDS, is_content_field
from sync.domain.vocabulary import ChangeKind, RecordType, ReviewState
from sync.protocol import (
    PULL_ONLY_TYPES,
    EntryResult,
    EntryStatus,
    FieldChange,
    OutboxEntry,
    RejectKind,
)
from sync.server import household_merge
from sync.server.household_merge import MERGED_INTO, survivor_of
from sync.server.merge import merge_fields, same_value
from sync.server.review_rules import event_denial, state_change_denial
from sync.server.scope import READ_ONLY_ROLES, Audience, RowScope, Viewer, write_denial
from sync.server.validation import FieldValueError, storable, validate_values

#: What a device may change on a conflict record: resolving it. Everything else is the server's.
_CONFLICT_WRITABLE = frozenset({"resolved", "resolution"})
#: Fields that tie a record to another one; they never change after create.
_LINK_FIELDS = {RecordType.ATTACHMENT: ("owner_type", "owner_id", "sha256")}
#: Fields set by the server on every write, whatever the device sent.
_SERVER_SET = frozenset({"author_id", "created_at", "updated_at", "station_id"})
_STATION_TYPES = frozenset({RecordType.HOUSEHOLD, *DEMONSTRATION_TYPES})
#: Inner Mongolia's clock (UTC+8, no summer time): the day a device recorded an entry on.
REGION_TIME = dt.timezone(dt.timedelta(hours=8), "CST")
#: How far ahead of the server a device's clock may be before its capture time is not believed.
_CLOCK_SLACK = dt.timedelta(days=1)


@dataclass(frozen=True)
class StoredRecord:
    record_type: RecordType
    record_id: str
    revision: int
    fields: dict[str, Any]
    scope: RowScope

    @property
    def deleted(self) -> bool:
        return self.fields.get("deleted") is True


@dataclass(frozen=True)
class RowWrite:
    """One row to insert (``is_new``) or overwrite, with its next revision."""

    record_type: str
    record_id: str
    revision: int
    fields: dict[str, Any]
    scope: RowScope
    is_new: bool


@dataclass(frozen=True)
class EntryPlan:
    result: EntryResult
    writes: tuple[RowWrite, ...] = ()


@dataclass(frozen=True)
class PushContext:
    """``village_exists``: whether a code is a village of the server's official division list;
    None while the server holds no division list (then a 12-digit code is all it can check).
    ``survivors``: merged-away households among those the entry names, each to the household
    that stays (see household_merge)."""

    viewer: Viewer
    now: dt.datetime
    new_id: Callable[[], str] = field(default=lambda: str(uuid.uuid4()))
    village_exists: Callable[[str], bool] | None = None
    #: The same for a county or township code (demonstration records name them).
    division_exists: Callable[[str], bool] | None = None
    #: Who pushed the entry that made a revision of a record (record type, id, revision), for a
    #: conflict to say whose value the server holds; None: not known (written on the server).
    writer_of: Callable[[str, str, int], str | None] | None = None
    survivors: Mapping[str, str] = field(default_factory=dict)

    @property
    def now_iso(self) -> str:
        return self.now.isoformat()


class Rejected(Exception):
    def __init__(self, kind: RejectKind, detail: str):
        super().__init__(f"{kind.value}: {detail}")
        self.kind = kind


def rejection(seq: int, kind: RejectKind, detail: str) -> EntryResult:
    return EntryResult(seq=seq, status=EntryStatus.REJECTED, reason=f"{kind.value}: {detail}")


def owner_reference(entry: OutboxEntry, stored: StoredRecord | None) -> tuple[RecordType, str] | None:
    """The record a review event or an attachment belongs to, for the service to load; for a
    household merged away, or being merged, the household it goes into (the service follows the
    chain of merges to its end)."""
    if entry.record_type is RecordType.HOUSEHOLD:
        merging = entry.changes.get(MERGED_INTO)
        target = merging.new if merging is not None else None
        target = target or (survivor_of(stored.fields) if stored else None)
        return (RecordType.HOUSEHOLD, target) if isinstance(target, str) and target else None
    names = {RecordType.REVIEW_EVENT: ("record_type", "record_id"),
             RecordType.ATTACHMENT: ("owner_type", "owner_id")}.get(entry.record_type)
    if names is None:
        return None
    values = dict(stored.fields) if stored else {}
    values.update({name: change.new for name, change in entry.changes.items()})
    owner_type, owner_id = values.get(names[0]), values.get(names[1])
    if owner_type in {t.value for t in RecordType} and isinstance(owner_id, str) and owner_id:
        return RecordType(owner_type), owner_id
    return None


def plan_entry(entry: OutboxEntry, ctx: PushContext, stored: StoredRecord | None,
               owner: StoredRecord | None = None, edited_by_others: bool = False, *,
               prechecked: bool = False) -> EntryPlan:
    """What ``entry`` does, given the stored record (None if new) and the record it belongs to.

    ``edited_by_others``: whether someone else changed the record after the entry's base revision
    (the service knows it from the ledger); only a delete needs it. Load all of this only for an
    entry that passed ``precheck``: its ids are then safe to query with (``prechecked`` says so,
    and spares checking its values twice).
    """
    try:
        if not prechecked:
            _precheck(entry, ctx.viewer)
        return _plan(entry, ctx, stored, owner, edited_by_others)
    except Rejected as exc:
        return EntryPlan(EntryResult(seq=entry.seq, status=EntryStatus.REJECTED, reason=str(exc)))


def precheck(entry: OutboxEntry, viewer: Viewer) -> EntryResult | None:
    """The rejection an entry earns on its own, before anything is loaded for it (None: go on)."""
    try:
        _precheck(entry, viewer)
    except Rejected as exc:
        return EntryResult(seq=entry.seq, status=EntryStatus.REJECTED, reason=str(exc))
    return None


def _precheck(entry: OutboxEntry, viewer: Viewer) -> None:
    if not storable(entry.record_id):
        raise Rejected(RejectKind.INVALID_ENTRY, "record_id contains a NUL character or an unpaired surrogate")
    if entry.record_type in PULL_ONLY_TYPES:
        raise Rejected(RejectKind.FORBIDDEN, f"{entry.record_type.value} records are read-only reference data")
    if viewer.role in READ_ONLY_ROLES:
        raise Rejected(RejectKind.FORBIDDEN, f"the {viewer.role.value} role is read-only")
    try:
        validate_values(entry.record_type, {name: c.new for name, c in entry.changes.items()})
    except FieldValueError as exc:
        raise Rejected(RejectKind.INVALID_FIELD_VALUE, str(exc)) from None


def _plan(entry: OutboxEntry, ctx: PushContext, stored: StoredRecord | None,
          owner: StoredRecord | None, edited_by_others: bool) -> EntryPlan:
    moved = household_merge.repoint_changes(entry.record_type, entry.changes, ctx.survivors)
    if moved is not None:
        entry = entry.model_copy(update={"changes": moved})
    if stored is None:
        if entry.kind is not ChangeKind.CREATE:
            raise Rejected(RejectKind.UNKNOWN_RECORD,
                           f"{entry.record_type.value} {entry.record_id} is not on the server")
        return _create(entry, ctx, owner)
    return _change(entry, ctx, stored, owner, edited_by_others)


def _create(entry: OutboxEntry, ctx: PushContext, owner: StoredRecord | None) -> EntryPlan:
    viewer, values = ctx.viewer, {name: c.new for name, c in entry.changes.items()}
    if entry.record_type is RecordType.CONFLICT:
        raise Rejected(RejectKind.FORBIDDEN, "conflict records are created by the server")
    if values.get(MERGED_INTO) is not None:
        raise Rejected(RejectKind.FORBIDDEN, "a household is merged after it is on the server, not created merged")
    if values.get("author_id") not in (None, "", viewer.user_id):
        raise Rejected(RejectKind.FORBIDDEN, "author_id must be the user who pushes the record")
    scope = _new_scope(entry.record_type, values, viewer, owner)
    denial = write_denial(viewer, scope)
    if denial:
        raise Rejected(RejectKind.FORBIDDEN, denial)
    if "review_state" in RECORD_FIELDS[entry.record_type] and values.get("review_state") is not None:
        denial = state_change_denial(ReviewState.DRAFT, values["review_state"], viewer.role)
        if denial:
            raise Rejected(RejectKind.ILLEGAL_REVIEW_TRANSITION, denial)
    if entry.record_type is RecordType.REVIEW_EVENT:
        from_state = values.get("from_state") or (owner.fields.get("review_state") if owner else None)
        denial = event_denial(values.get("action"), from_state, values.get("to_state"), viewer.role,
                              values.get("comment"))
        if denial:
            raise Rejected(RejectKind.ILLEGAL_REVIEW_TRANSITION, denial)
    _check_rules(entry, ctx, values, frozenset())
    fields = {**values, "author_id": viewer.user_id, "station_id": scope.station_id,
              "created_at": values.get("created_at") or ctx.now_iso, "updated_at": ctx.now_iso,
              "deleted": values.get("deleted") is True}
    write = RowWrite(entry.record_type.value, entry.record_id, 1, fields, scope, is_new=True)
    return EntryPlan(EntryResult(seq=entry.seq, status=EntryStatus.APPLIED, revision=1), (write,))


def _new_scope(record_type: RecordType, values: dict[str, Any], viewer: Viewer,
               owner: StoredRecord | None) -> RowScope:
    if record_type in (RecordType.REVIEW_EVENT, RecordType.ATTACHMENT):
        if owner is not None:
            return owner.scope
        # The record it belongs to is not here (yet): keep it as private as the pusher's own work.
        return RowScope(Audience.AUTHOR, viewer.user_id, viewer.station_id, viewer.county_code,
                        viewer.league_code)
    station = values.get("station_id") or viewer.station_id
    # A station's households, bases and projects are the whole station's: any member picks them in a visit.
    audience = Audience.STATION if record_type in _STATION_TYPES else Audience.AUTHOR
    if station != viewer.station_id:
        return RowScope(audience, viewer.user_id, station)
    return RowScope(audience, viewer.user_id, station, viewer.county_code, viewer.league_code)


def _change(entry: OutboxEntry, ctx: PushContext, stored: StoredRecord, owner: StoredRecord | None,
            edited_by_others: bool) -> EntryPlan:
    viewer = ctx.viewer
    if stored.record_type is RecordType.REVIEW_EVENT and entry.kind is not ChangeKind.CREATE:
        raise Rejected(RejectKind.FORBIDDEN, "review events are append-only")
    denial = write_denial(viewer, stored.scope)
    if denial:
        raise Rejected(RejectKind.FORBIDDEN, denial)
    changes = _writable_changes(entry, stored, viewer)
    if stored.record_type is RecordType.HOUSEHOLD:
        merged = _household_merge_plan(entry, ctx, stored, owner, changes)
        if merged is not None:
            return merged
    if stored.deleted and entry.kind is not ChangeKind.DELETE and not _restores(changes):
        return _edit_of_deleted(entry, ctx, stored, changes)
    if entry.kind is ChangeKind.DELETE and not stored.deleted and edited_by_others:
        return _delete_of_edited(entry, ctx, stored)
    merge = merge_fields(stored.fields, changes)
    applied = dict(merge.applied)
    if entry.kind is ChangeKind.DELETE and not stored.deleted:
        applied["deleted"] = True
    _check_review_state(stored, applied, viewer)
    if not applied and not merge.conflicts:
        return EntryPlan(EntryResult(seq=entry.seq, status=EntryStatus.APPLIED, revision=stored.revision))
    writes: list[RowWrite] = []
    revision = stored.revision
    if applied:
        revision += 1
        fields = {**stored.fields, **applied, "updated_at": ctx.now_iso}
        if entry.kind is not ChangeKind.DELETE:
            _check_rules(entry, ctx, fields, frozenset(stored.fields) - set(applied))
        writes.append(RowWrite(stored.record_type.value, stored.record_id, revision, fields, stored.scope,
                               is_new=False))
    for name, (server_value, client_value) in merge.conflicts.items():
        writes.append(_conflict_row(ctx, stored, name, server_value, client_value))
    if merge.conflicts:
        status = EntryStatus.CONFLICT
    elif merge.equal or stored.revision != entry.base_revision:
        status = EntryStatus.MERGED
    else:
        status = EntryStatus.APPLIED
    result = EntryResult(seq=entry.seq, status=status, revision=revision, conflict_fields=list(merge.conflicts))
    return EntryPlan(result, tuple(writes))


def _household_merge_plan(entry: OutboxEntry, ctx: PushContext, stored: StoredRecord, survivor: StoredRecord | None,
                          changes: dict[str, FieldChange]) -> EntryPlan | None:
    """A merge (the entry sets merged_into) is checked here, then applied as an ordinary update
    (None); an edit of a household merged away goes to the household it was merged into."""
    merging, already = changes.get(MERGED_INTO), survivor_of(stored.fields)
    if merging is not None and not same_value(merging.new, stored.fields.get(MERGED_INTO)):
        if already is not None:
            raise Rejected(RejectKind.FORBIDDEN,
                           f"household {stored.record_id} was already merged into household {already}")
        if stored.deleted:
            raise Rejected(RejectKind.FORBIDDEN, f"household {stored.record_id} was deleted")
        denial = household_merge.merge_denial(
            ctx.viewer, stored.record_id, stored.scope, survivor.record_id if survivor else None,
            survivor.scope if survivor else None, survivor.fields if survivor else None)
        if denial:
            raise Rejected(RejectKind.FORBIDDEN, denial)
        return None
    if already is None:
        return None
    return _edit_of_merged(entry, ctx, stored, survivor, changes)


def _edit_of_merged(entry: OutboxEntry, ctx: PushContext, stored: StoredRecord, survivor: StoredRecord | None,
                    changes: dict[str, FieldChange]) -> EntryPlan:
    """An edit of a household merged away (made before its device heard of the merge) is merged
    into the survivor field by field (household_merge.survivor_merge); a delete leaves the family
    to the survivor. The merged-away record itself stays as the merge left it."""
    if survivor is None:
        raise Rejected(RejectKind.UNKNOWN_RECORD, f"household {survivor_of(stored.fields)}, which "
                                                  f"{stored.record_id} was merged into, is not on the server")
    if entry.kind is ChangeKind.DELETE:
        return EntryPlan(EntryResult(seq=entry.seq, status=EntryStatus.MERGED, revision=stored.revision))
    wanted = {name: change for name, change in changes.items() if name not in (MERGED_INTO, "deleted")}
    denial = write_denial(ctx.viewer, survivor.scope)
    if denial:
        raise Rejected(RejectKind.FORBIDDEN, denial)
    if survivor.deleted:
        plan = _edit_of_deleted(entry, ctx, survivor, wanted)
        return replace(plan, result=plan.result.model_copy(update={"revision": stored.revision}))
    merge = household_merge.survivor_merge(survivor.fields, wanted)
    writes: list[RowWrite] = []
    if merge.applied:
        fields = {**survivor.fields, **merge.applied, "updated_at": ctx.now_iso}
        _check_rules(entry, ctx, fields, frozenset(survivor.fields) - set(merge.applied))
        writes.append(RowWrite(survivor.record_type.value, survivor.record_id, survivor.revision + 1, fields,
                               survivor.scope, is_new=False))
    writes += [_conflict_row(ctx, survivor, name, server_value, client_value)
               for name, (server_value, client_value) in merge.conflicts.items()]
    status = EntryStatus.CONFLICT if merge.conflicts else EntryStatus.MERGED
    return EntryPlan(EntryResult(seq=entry.seq, status=status, revision=stored.revision,
                                 conflict_fields=list(merge.conflicts)), tuple(writes))


def _check_rules(entry: OutboxEntry, ctx: PushContext, fields: dict[str, Any], unchanged: frozenset[str]) -> None:
    """The record as the entry leaves it must meet the rules a device checks before it saves
    (sync.domain.rules), dated from the day the device recorded the entry; a delete needs none."""
    if entry.record_type not in RULED_TYPES:
        return
    recorded = min(entry.time if entry.time.tzinfo else entry.time.replace(tzinfo=dt.UTC), ctx.now + _CLOCK_SLACK)
    village_exists = ctx.village_exists or (lambda _code: True)
    rules = Context(today=recorded.astimezone(REGION_TIME).date(), village_exists=village_exists, unchanged=unchanged,
                    division_exists=ctx.division_exists)
    errors = record_errors(entry.record_type, fields, rules)
    if errors:
        raise Rejected(RejectKind.INVALID_FIELD_VALUE, "; ".join(error.text() for error in errors))


def _writable_changes(entry: OutboxEntry, stored: StoredRecord, viewer: Viewer) -> dict[str, FieldChange]:
    """The changes that take part in the merge; raises Rejected for one a device may not make."""
    changes = dict(entry.changes)
    author = changes.get("author_id")
    if author is not None and author.new not in (None, "") and author.new != stored.fields.get("author_id"):
        raise Rejected(RejectKind.FORBIDDEN, "author_id cannot change")
    station = changes.get("station_id")
    if station is not None and station.new not in (None, "") and station.new != stored.scope.station_id:
        raise Rejected(RejectKind.FORBIDDEN, "a record cannot move to another station")
    for name in _LINK_FIELDS.get(stored.record_type, ()):
        if name in changes and not same_value(changes[name].new, stored.fields.get(name)):
            raise Rejected(RejectKind.FORBIDDEN, f"{name} of a {stored.record_type.value} cannot change")
    if stored.record_type is RecordType.CONFLICT:
        for name, change in changes.items():
            if name not in _CONFLICT_WRITABLE | _SERVER_SET | {"deleted"} and \
                    not same_value(change.new, stored.fields.get(name)):
                raise Rejected(RejectKind.FORBIDDEN, "only resolved and resolution of a conflict can change")
    return {name: change for name, change in changes.items() if name not in _SERVER_SET}


def _restores(changes: dict[str, FieldChange]) -> bool:
    change = changes.get("deleted")
    return change is not None and change.new is False


def _edit_of_deleted(entry: OutboxEntry, ctx: PushContext, stored: StoredRecord,
                     changes: dict[str, FieldChange]) -> EntryPlan:
    """An edit of a deleted record is a conflict (not "delete wins"): the edit is kept for a person."""
    wanted = {name: change.new for name, change in changes.items()
              if not same_value(change.new, stored.fields.get(name))}
    if not wanted:
        return EntryPlan(EntryResult(seq=entry.seq, status=EntryStatus.APPLIED, revision=stored.revision))
    conflict = _conflict_row(ctx, stored, "deleted", True, wanted)
    result = EntryResult(seq=entry.seq, status=EntryStatus.CONFLICT, revision=stored.revision,
                         conflict_fields=["deleted"])
    return EntryPlan(result, (conflict,))


def _delete_of_edited(entry: OutboxEntry, ctx: PushContext, stored: StoredRecord) -> EntryPlan:
    """A delete of a record someone else edited since the device saw it: a person decides, the record stays."""
    conflict = _conflict_row(ctx, stored, "deleted", False, True)
    result = EntryResult(seq=entry.seq, status=EntryStatus.CONFLICT, revision=stored.revision,
                         conflict_fields=["deleted"])
    return EntryPlan(result, (conflict,))


def _check_review_state(stored: StoredRecord, applied: dict[str, Any], viewer: Viewer) -> None:
    """Allow only review moves the user's role may make; a content edit reopens an approved record."""
    if "review_state" not in RECORD_FIELDS[stored.record_type]:
        return
    before = stored.fields.get("review_state")
    content_changed = any(is_content_field(name) for name in applied)
    if "review_state" in applied:
        reopening = before == ReviewState.APPROVED and applied["review_state"] == ReviewState.SUBMITTED
        if not (reopening and content_changed):
            denial = state_change_denial(before, applied["review_state"], viewer.role)
            if denial:
                raise Rejected(RejectKind.ILLEGAL_REVIEW_TRANSITION, denial)
    if content_changed and before == ReviewState.APPROVED and \
            applied.get("review_state", ReviewState.APPROVED) == ReviewState.APPROVED:
        applied["review_state"] = ReviewState.SUBMITTED.value


def _conflict_row(ctx: PushContext, stored: StoredRecord, name: str, server_value: Any,
                  client_value: Any) -> RowWrite:
    author = ctx.viewer.user_id
    server_author = ctx.writer_of(stored.record_type.value, stored.record_id, stored.revision) \
        if ctx.writer_of else None
    fields = {
        "record_type": stored.record_type.value, "record_id": stored.record_id, "field": name,
        "server_value": server_value, "client_value": client_value, "client_author_id": author,
        # Who made the value the server holds, and when: the conflicts window names them.
        "server_author_id": server_author, "server_changed_at": stored.fields.get("updated_at"),
        "resolved": False, "resolution": None, "created_at": ctx.now_iso, "updated_at": ctx.now_iso,
        "author_id": author, "station_id": stored.scope.station_id, "deleted": False,
    }
    scope = replace(stored.scope, audience=Audience.PRIVATE, owner_id=author)
    return RowWrite(RecordType.CONFLICT.value, ctx.new_id(), 1, fields, scope, is_new=True)
