"""Applies pushed outbox entries in order; each entry's changes commit together with its ledger row.

A resent entry (same device and seq) returns the stored result and changes nothing: the ledger key
is the entry, never the batch. An entry the server cannot read as an OutboxEntry (say, a record type
from a newer client) is rejected on its own and acknowledged, so it never wedges the device's queue.

Commits: consecutive entries of one request share a database transaction of up to
ENTRIES_PER_COMMIT entries (a whole request). Each entry is still atomic with its ledger row (both
are in the same transaction, and nothing is answered before that transaction commits), but a
10,000-record push pays a few dozen commits (each an fsync on PostgreSQL) instead of 10,000. If
anything fails the whole chunk rolls back and is applied again from the start; a device only ever
sees results that are durable. Within a chunk the records it names are loaded and locked in one query, and its rows
and ledger rows are written in bulk at the end (``_ChunkWork``), so a chunk costs a handful of
round trips, not several per entry. Change numbers are taken as the chunk's last step
(store.records.number).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from sync.domain.merged_households import chain_ends
from sync.domain.vocabulary import ChangeKind, RecordType
from sync.protocol import (
    MAX_PUSH_ENTRIES,
    MAX_WIRE_INTEGER,
    PROTOCOL_VERSION,
    EntryResult,
    EntryStatus,
    ErrorCode,
    OutboxEntry,
    PushResponse,
    RejectKind,
    expand_entry,
)
from sync.server.clock import utcnow
from sync.server.entry_planner import (
    EntryPlan,
    PushContext,
    RowWrite,
    StoredRecord,
    owner_reference,
    plan_entry,
    precheck,
    rejection,
)
from sync.server.errors import ApiError, describe_validation_errors
from sync.server.household_merge import HOUSEHOLD_LINKS, MAX_CHAIN, repointed_fields, survivor_of
from sync.server.services import audit
from sync.server.services.auth import Caller
from sync.server.store import divisions, ledger, ledger_batch, records
from sync.server.store.database import Database
from sync.server.validation import storable

ENTRIES_PER_COMMIT = MAX_PUSH_ENTRIES
#: The first protocol whose devices read ``held`` results (older ones find such entries unanswered).
HELD_RESULTS_PROTOCOL = 3
_RECORD_TYPES = frozenset(t.value for t in RecordType)
_ATTEMPTS = 5
_LINK_FIELDS = {record_type.value: link for record_type, link in HOUSEHOLD_LINKS.items()}


class PushedEntry(BaseModel):
    """What the server must read of an entry to acknowledge it; the rest is checked per entry.

    ``device_id`` may be left out (protocol 2): the entry is then the pushing device's. Whatever
    it names, an entry names a record type; one that does not is no outbox entry at all.
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    device_id: str | None = Field(default=None, min_length=1, max_length=64)
    seq: int = Field(ge=1, le=MAX_WIRE_INTEGER)
    record_type: Any


class PushEnvelope(BaseModel):
    """The push body: ``{"entries": [OutboxEntry, …]}`` (protocol.PushRequest, entries compact or
    not: protocol.expand_entry), read leniently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: list[PushedEntry] = Field(max_length=MAX_PUSH_ENTRIES)


def push(db: Database, caller: Caller, envelope: PushEnvelope, protocol: int = PROTOCOL_VERSION) -> PushResponse:
    """Apply the entries in order; ``protocol`` is the device's (older ones get no ``held`` results)."""
    strangers = {e.device_id for e in envelope.entries} - {caller.device_id, None}
    if strangers:
        raise ApiError(403, ErrorCode.DEVICE_MISMATCH,
                       f"entries of device {sorted(strangers)[0]} cannot be pushed with this device's token")
    entries = [expand_entry(_as_sent(entry), caller.device_id) for entry in envelope.entries]
    _refuse_two_entries_under_one_seq(entries)
    results: list[EntryResult] = []
    acked = None
    for start in range(0, len(entries), ENTRIES_PER_COMMIT):
        chunk_results, acked = _apply_chunk(db, caller, entries[start:start + ENTRIES_PER_COMMIT])
        results.extend(chunk_results)
    if protocol < HELD_RESULTS_PROTOCOL:
        results = [result for result in results if result.status is not EntryStatus.HELD]
    if acked is None:  # an empty push
        with db.read() as session:
            acked = ledger.acked_seq(session, caller.device_id)
    return PushResponse(results=results, server_epoch=caller.epoch, acked_seq=acked)


def _as_sent(entry: PushedEntry) -> dict[str, Any]:
    """The entry's keys as the device sent them (``device_id`` only if it was), without copying
    every nested value as ``model_dump`` does."""
    raw = dict(entry.__pydantic_extra__ or {})
    raw["seq"], raw["record_type"] = entry.seq, entry.record_type
    if "device_id" in entry.model_fields_set:
        raw["device_id"] = entry.device_id
    return raw


def _refuse_two_entries_under_one_seq(entries: list[dict[str, Any]]) -> None:
    """The ledger keeps one result per seq, so a batch naming one seq for two different entries is
    refused whole; the same entry twice is a resend within the batch and gets the same answer twice."""
    first: dict[int, dict[str, Any]] = {}
    for entry in entries:
        seen = first.setdefault(entry["seq"], entry)
        if seen is not entry and seen != entry:
            raise ApiError(409, ErrorCode.SEQ_REUSED,
                           f"seq {entry['seq']} names two different entries in this push; every outbox entry "
                           "has a seq of its own, so nothing of this push was applied")


def _apply_chunk(db: Database, caller: Caller, chunk: list[dict[str, Any]]) -> tuple[list[EntryResult], int]:
    """The chunk's results and the device's acked seq as the chunk's transaction leaves it."""
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            with db.write() as session:
                results, acked = _apply_in(session, caller, chunk)
                return results, acked if acked is not None else ledger.acked_seq(session, caller.device_id)
        except (IntegrityError, OperationalError) as exc:
            # A resend racing its original, two creates of one id, a deadlock between two devices'
            # chunks or a busy SQLite file: the next attempt sees what the other side committed.
            if attempt == _ATTEMPTS or not _retryable(exc):
                raise
    raise AssertionError("unreachable")


def _apply_in(session: Session, caller: Caller, chunk: list[dict[str, Any]]) -> tuple[list[EntryResult], int | None]:
    """The chunk's results, and the device's acked seq after it when that is known without asking
    the ledger again (the usual push: the next seqs, none missing)."""
    known = ledger.stored_results(session, caller.device_id, [raw["seq"] for raw in chunk])
    held, acked = _above_a_gap(session, caller.device_id, chunk, known)
    known.update(held)
    now = utcnow()
    work = _ChunkWork(session, caller.device_id, now)
    work.preload([raw for raw in chunk if raw["seq"] not in known])
    results = []
    for raw in chunk:
        result = known.get(raw["seq"])
        if result is None:
            plan = _plan(work, caller, raw, now)
            work.add(raw, plan)
            result = known[raw["seq"]] = plan.result
        results.append(result)
    work.finish()
    return results, acked


def _above_a_gap(session: Session, device_id: str, chunk: list[dict[str, Any]],
                 known: dict[int, EntryResult]) -> tuple[dict[int, EntryResult], int | None]:
    """``held`` results for the entries of ``chunk`` that would land above a gap in the device's
    ledger: not applied and not stored, so the same entry is applied once the gap is filled.

    A device sends its entries in seq order, so a gap means the server lost entries it had
    acknowledged (restored from a backup) and the device has not yet learnt so. Applying a later
    entry first would put an edit before the ones it was made on; held, it is sent again after the
    missing ones, which the device re-sends from the acked_seq of the answer. Also returns the
    acked seq once the chunk is stored, when it follows from this: for the usual push, whose new
    seqs come right after the ledger's (which has none above them), it is the last of them.
    """
    new = sorted(set(raw["seq"] for raw in chunk if raw["seq"] not in known))
    if not new:
        return {}, None
    contiguous, top = ledger.acked_and_top(session, device_id)
    if new[0] == contiguous + 1 and new[-1] - new[0] == len(new) - 1:
        # the usual push: the next seqs, none missing
        return {}, new[-1] if top == contiguous else None
    present = ledger.seqs_above(session, device_id, contiguous) | set(new)
    while contiguous + 1 in present:
        contiguous += 1
    reason = (f"held: the server holds this device's entries up to seq {contiguous}; "
              f"send again from seq {contiguous + 1}")
    return {seq: EntryResult(seq=seq, status=EntryStatus.HELD, reason=reason) for seq in new if seq > contiguous}, None


class _ChunkWork:
    """One chunk's reads and writes with a handful of round trips instead of several per entry.

    The records the chunk names are loaded (and locked) in one query up front; each planned entry
    sees the records as the entries before it left them (``stored``), and its rows and ledger
    row are written in bulk when the chunk ends, all in the one transaction.
    """

    def __init__(self, session: Session, device_id: str, now: dt.datetime):
        self.session, self.device_id, self.now = session, device_id, now
        self._locked: dict[records.RecordKey, StoredRecord | None] = {}
        self._owners: dict[records.RecordKey, StoredRecord | None] = {}
        self._writes: list[RowWrite] = []
        self._ledger: list[ledger_batch.LedgerRow] = []
        self._villages: set[str] | None = None
        self._places: set[str] = set()
        #: Merged-away households the chunk's entries name, each to the household that stays.
        self.survivors: dict[str, str] = {}

    def preload(self, raws: list[dict[str, Any]]) -> None:
        keys = [key for key in map(_safe_key, raws) if key is not None]
        self._load_survivors(_named_households(raws))
        found = records.load_many(self.session, keys, lock=True)
        self._locked.update({key: found.get(key) for key in keys})
        self._villages = divisions.known_villages(self.session, _village_codes(raws))
        if self._villages is not None:
            self._places = divisions.known_places(self.session, _village_codes(raws, ("county_code", "township_code")))

    def _load_survivors(self, household_ids: set[str]) -> None:
        """Which of the named households were merged away, and into which one (chains followed).
        Their rows are share-locked first, so a merge committing meanwhile waits for this push, and
        then repoints what it wrote; or this push waits for it, and reads the merge."""
        wanted = household_ids
        for _ in range(MAX_CHAIN):
            found = records.load_many(self.session, [("household", i) for i in wanted], share=True)
            merged = {key[1]: survivor_of(record.fields) for key, record in found.items()}
            links = {merged_id: survivor for merged_id, survivor in merged.items() if survivor}
            self.survivors.update(links)
            wanted = set(links.values()) - set(self.survivors)
            if not wanted:
                break
        self.survivors.update(chain_ends(self.survivors))

    def household_kept(self, household_id: str) -> StoredRecord | None:
        """The household ``household_id`` ends in after its chain of merges, its row locked."""
        record = self.stored(RecordType.HOUSEHOLD.value, household_id)
        for _ in range(MAX_CHAIN):
            survivor = survivor_of(record.fields) if record else None
            if survivor is None or survivor == household_id:
                return record
            record = self.stored(RecordType.HOUSEHOLD.value, survivor)
        return record

    def merge_consequences(self, plan: EntryPlan, before: StoredRecord | None, caller: Caller) -> EntryPlan:
        """A plan that merges a household away also repoints every visit and training naming it (the
        ones this chunk wrote too), in the same transaction, and writes the merge to the audit log."""
        if before is None or before.record_type is not RecordType.HOUSEHOLD or survivor_of(before.fields):
            return plan
        merge = next((w for w in plan.writes if w.record_id == before.record_id and survivor_of(w.fields)), None)
        survivor = self.household_kept(survivor_of(merge.fields)) if merge else None
        if merge is None or survivor is None:
            return plan
        moved = {before.record_id: survivor.record_id}
        self.survivors.update({k: survivor.record_id for k, v in self.survivors.items() if v == before.record_id})
        self.survivors.update(moved)
        named = set(records.naming_household(self.session, before.record_id))
        named |= {key for key, record in self._locked.items() if record is not None and
                  record.record_type in HOUSEHOLD_LINKS and before.record_id in
                  (record.fields.get(HOUSEHOLD_LINKS[record.record_type]) or ())}
        repoints = []
        for key in sorted(named):
            record = self.stored(*key)
            fields = repointed_fields(record.record_type, record.fields, moved) if record else None
            if record is not None and fields is not None:
                repoints.append(RowWrite(key[0], key[1], record.revision + 1,
                                         {**fields, "updated_at": self.now.isoformat()}, record.scope, is_new=False))
        actor = audit.Actor(caller.viewer.user_id, f"app, device {caller.device_id}")
        audit.record(self.session, actor, "households_merged", before.record_id, survivor.scope.county_code,
                     survivor=survivor.record_id, station=survivor.scope.station_id,
                     repointed=[key[1] for key in sorted(named)])
        return replace(plan, writes=plan.writes + tuple(repoints))

    def village_check(self) -> Callable[[str], bool] | None:
        """How the chunk's entries learn whether a village code is on the official list (see PushContext)."""
        villages = self._villages
        return None if villages is None else villages.__contains__

    def place_check(self) -> Callable[[str], bool] | None:
        """Whether a county or township code is on the official list (None: the server has none)."""
        return None if self._villages is None else self._places.__contains__

    def stored(self, record_type: str, record_id: str) -> StoredRecord | None:
        """The record as this chunk has left it so far, its row locked until commit."""
        key = (record_type, record_id)
        if key not in self._locked:
            self._locked[key] = records.load(self.session, record_type, record_id, lock=True)
        return self._locked[key]

    def owner(self, record_type: str, record_id: str) -> StoredRecord | None:
        key = (record_type, record_id)
        if key in self._locked:
            return self._locked[key]
        if key not in self._owners:
            self._owners[key] = records.load(self.session, record_type, record_id)
        return self._owners[key]

    def own_revisions_since(self, record_type: str, record_id: str, revision: int) -> int:
        self._flush_ledger()  # this chunk's own earlier entries count too
        return ledger.own_revisions_since(self.session, self.device_id, record_type, record_id, revision)

    def writer_of(self, record_type: str, record_id: str, revision: int) -> str | None:
        self._flush_ledger()
        return ledger.writer_of(self.session, record_type, record_id, revision)

    def add(self, raw: dict[str, Any], plan: EntryPlan) -> None:
        key = (str(raw.get("record_type"))[:32], str(raw.get("record_id"))[:64])
        wrote = next((w.revision for w in plan.writes if (w.record_type, w.record_id) == key), None)
        self._ledger.append(ledger_batch.LedgerRow(plan.result, key if wrote else None, wrote))
        for write in plan.writes:
            self._writes.append(write)
            self._locked[(write.record_type, write.record_id)] = StoredRecord(
                RecordType(write.record_type), write.record_id, write.revision, dict(write.fields), write.scope)

    def finish(self) -> None:
        self._flush_ledger()
        records.number(self.session, records.stage(self.session, self._writes, self.now))

    def _flush_ledger(self) -> None:
        ledger_batch.record_many(self.session, self.device_id, self._ledger, self.now)
        self._ledger = []


def _named_households(raws: list[dict[str, Any]]) -> set[str]:
    """The households the chunk's visits and trainings link to."""
    named: set[str] = set()
    for raw in raws:
        changes, record_type = raw.get("changes"), raw.get("record_type")
        if not isinstance(record_type, str) or record_type not in _LINK_FIELDS or not isinstance(changes, dict):
            continue
        change = changes.get(_LINK_FIELDS[record_type])
        for value in (change.get("old"), change.get("new")) if isinstance(change, dict) else ():
            if isinstance(value, list):
                named.update(i for i in value if isinstance(i, str) and 0 < len(i) <= 64 and storable(i))
    return named


def _village_codes(raws: list[dict[str, Any]], fields: tuple[str, ...] = ("village_code",)) -> list[str]:
    """The village (or other division) codes the chunk's entries set, looked up in one query."""
    codes = []
    for raw in raws:
        changes = raw.get("changes")
        for field in fields:
            change = changes.get(field) if isinstance(changes, dict) else None
            if isinstance(change, dict) and isinstance(change.get("new"), str) and len(change["new"]) <= 12:
                codes.append(change["new"])
    return codes


def _safe_key(raw: dict[str, Any]) -> records.RecordKey | None:
    """The (type, id) an entry names, if it is one that can be queried with (see entry_planner.precheck)."""
    record_type, record_id = raw.get("record_type"), raw.get("record_id")
    if not isinstance(record_type, str) or record_type not in _RECORD_TYPES or not isinstance(record_id, str) \
            or not 0 < len(record_id) <= 64 or not storable(record_id):
        return None
    return record_type, record_id


def _plan(work: _ChunkWork, caller: Caller, raw: dict[str, Any], now: dt.datetime) -> EntryPlan:
    try:
        entry = OutboxEntry.model_validate(raw)
    except ValidationError as exc:
        return EntryPlan(_unreadable(raw, exc))
    refused = precheck(entry, caller.viewer)
    if refused is None and caller.deactivated_at is not None and entry.time > caller.deactivated_at:
        refused = rejection(entry.seq, RejectKind.FORBIDDEN, "recorded after the account was deactivated")
    if refused is not None:
        return EntryPlan(refused)
    stored = work.stored(entry.record_type.value, entry.record_id)
    reference = owner_reference(entry, stored)
    if reference and reference[0] is RecordType.HOUSEHOLD:
        owner = work.household_kept(reference[1])
    else:
        owner = work.owner(reference[0].value, reference[1]) if reference else None
    context = PushContext(caller.viewer, now, village_exists=work.village_check(), division_exists=work.place_check(),
                          writer_of=work.writer_of,
                          survivors=work.survivors)
    plan = plan_entry(entry, context, stored, owner, _edited_by_others(work, entry, stored), prechecked=True)
    return work.merge_consequences(plan, stored, caller)


def _edited_by_others(work: _ChunkWork, entry: OutboxEntry, stored: StoredRecord | None) -> bool:
    """Whether revisions after the entry's base came from anyone but this device (deletes only)."""
    if entry.kind is not ChangeKind.DELETE or stored is None or stored.revision <= entry.base_revision:
        return False
    own = work.own_revisions_since(stored.record_type.value, stored.record_id, entry.base_revision)
    return own < stored.revision - entry.base_revision


def _unreadable(raw: dict[str, Any], exc: ValidationError) -> EntryResult:
    errors = exc.errors()
    if any(error["loc"][:1] == ("record_type",) for error in errors):
        return rejection(raw["seq"], RejectKind.UNKNOWN_RECORD_TYPE, f"{str(raw.get('record_type'))[:64]!r}")
    return rejection(raw["seq"], RejectKind.INVALID_ENTRY, describe_validation_errors(errors))


def _retryable(exc: Exception) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return sqlstate in ("40001", "40P01") or "database is locked" in str(exc)
