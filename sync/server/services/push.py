"""Applies pushed outbox entries in order; each entry's changes commit together with its ledger row.

A resent entry (same device and seq) returns the stored result and changes nothing: the ledger key
is the entry, never the batch. An entry the server cannot read as an OutboxEntry (say, a record type
from a newer client) is rejected on its own and acknowledged, so it never wedges the device's queue.

Commits: consecutive entries of one request share a database transaction of up to
ENTRIES_PER_COMMIT entries. Each entry is still atomic with its ledger row (both are in the same
transaction, and nothing is answered before that transaction commits), but a 10,000-record push
pays a few hundred commits (each an fsync on PostgreSQL) instead of 10,000. If anything fails the
whole chunk rolls back and is applied again from the start; a device only ever sees results that
are durable. Change numbers are taken as the chunk's last step (store.records.number).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from sync.protocol import (
    MAX_PUSH_ENTRIES,
    ChangeKind,
    EntryResult,
    ErrorCode,
    OutboxEntry,
    PushResponse,
    RejectKind,
)
from sync.server.clock import utcnow
from sync.server.entry_planner import (
    EntryPlan,
    PushContext,
    StoredRecord,
    owner_reference,
    plan_entry,
    precheck,
    rejection,
)
from sync.server.errors import ApiError, describe_validation_errors
from sync.server.services.auth import Caller
from sync.server.store import ledger, records
from sync.server.store.database import Database

ENTRIES_PER_COMMIT = 100
_ATTEMPTS = 5


class PushedEntry(BaseModel):
    """What the server must read of an entry to acknowledge it; the rest is checked per entry."""

    model_config = ConfigDict(extra="allow", frozen=True)

    device_id: str = Field(min_length=1, max_length=64)
    seq: int = Field(ge=1, le=2**62)


class PushEnvelope(BaseModel):
    """The push body: ``{"entries": [OutboxEntry, …]}`` (protocol.PushRequest), read leniently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: list[PushedEntry] = Field(max_length=MAX_PUSH_ENTRIES)


def push(db: Database, caller: Caller, envelope: PushEnvelope) -> PushResponse:
    strangers = {e.device_id for e in envelope.entries} - {caller.device_id}
    if strangers:
        raise ApiError(403, ErrorCode.DEVICE_MISMATCH,
                       f"entries of device {sorted(strangers)[0]} cannot be pushed with this device's token")
    entries = [entry.model_dump() for entry in envelope.entries]
    results: list[EntryResult] = []
    for start in range(0, len(entries), ENTRIES_PER_COMMIT):
        results.extend(_apply_chunk(db, caller, entries[start:start + ENTRIES_PER_COMMIT]))
    with db.read() as session:
        acked = ledger.acked_seq(session, caller.device_id)
    return PushResponse(results=results, server_epoch=caller.epoch, acked_seq=acked)


def _apply_chunk(db: Database, caller: Caller, chunk: list[dict[str, Any]]) -> list[EntryResult]:
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            with db.write() as session:
                return _apply_in(session, caller, chunk)
        except (IntegrityError, OperationalError) as exc:
            # A resend racing its original, two creates of one id, a deadlock between two devices'
            # chunks or a busy SQLite file: the next attempt sees what the other side committed.
            if attempt == _ATTEMPTS or not _retryable(exc):
                raise
    raise AssertionError("unreachable")


def _apply_in(session: Session, caller: Caller, chunk: list[dict[str, Any]]) -> list[EntryResult]:
    known = ledger.stored_results(session, caller.device_id, [raw["seq"] for raw in chunk])
    now = utcnow()
    results, touched = [], []
    for raw in chunk:
        result = known.get(raw["seq"])
        if result is None:
            plan = _plan(session, caller, raw, now)
            key = (str(raw.get("record_type"))[:32], str(raw.get("record_id"))[:64])
            wrote = next((w.revision for w in plan.writes if (w.record_type, w.record_id) == key), None)
            ledger.record(session, caller.device_id, plan.result, now, key if wrote else None, wrote)
            touched.extend(records.stage(session, plan.writes, now))
            result = known[raw["seq"]] = plan.result
        results.append(result)
    records.number(session, touched)
    return results


def _plan(session: Session, caller: Caller, raw: dict[str, Any], now: dt.datetime) -> EntryPlan:
    try:
        entry = OutboxEntry.model_validate(raw)
    except ValidationError as exc:
        return EntryPlan(_unreadable(raw, exc))
    refused = precheck(entry, caller.viewer)
    if refused is not None:
        return EntryPlan(refused)
    stored = records.load(session, entry.record_type.value, entry.record_id, lock=True)
    reference = owner_reference(entry, stored)
    owner = records.load(session, reference[0].value, reference[1]) if reference else None
    return plan_entry(entry, PushContext(caller.viewer, now), stored, owner,
                      _edited_by_others(session, caller, entry, stored))


def _edited_by_others(session: Session, caller: Caller, entry: OutboxEntry, stored: StoredRecord | None) -> bool:
    """Whether revisions after the entry's base came from anyone but this device (deletes only)."""
    if entry.kind is not ChangeKind.DELETE or stored is None or stored.revision <= entry.base_revision:
        return False
    own = ledger.own_revisions_since(session, caller.device_id, stored.record_type.value, stored.record_id,
                                     entry.base_revision)
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
