"""What every fault test asserts at the end: per-record checksums equal on each side, nothing
duplicated, nothing lost, nothing pending."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select

from desktop.store.models import OutboxRow
from sync.server.store.database import Database
from tests.sync.harness import (
    Device,
    device_records,
    ledger_size,
    outbox_size,
    server_records,
)


def checksum(fields: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of a record's synced fields (and revision)."""
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def checksums(records: dict[tuple[str, str], dict[str, Any]]) -> dict[tuple[str, str], str]:
    return {key: checksum(fields) for key, fields in records.items()}


def device_checksums(device: Device) -> dict[tuple[str, str], str]:
    return checksums(device_records(device.profile))


def created_ids(device: Device) -> set[tuple[str, str]]:
    """Every record this device ever created (from its outbox, which is never discarded)."""
    with device.store.reader() as s:
        return {(t, i) for t, i in s.execute(select(OutboxRow.record_type, OutboxRow.record_id)
                                             .where(OutboxRow.kind == "create"))}


def assert_identical(db: Database, author: Device, fresh: Device | None = None) -> None:
    """The author and the server hold the same records, checksum for checksum; every record the
    author created is on the server; each outbox entry is in the ledger exactly once; and a fresh
    device of the station, pulling everything, ends with the author's records unchanged."""
    assert author.service.local.pending_count() == 0, f"{author.name}: outbox not fully acknowledged"
    mine = device_checksums(author)
    theirs = checksums(server_records(db, set(mine)))
    assert set(mine) == set(theirs), f"only on the device: {set(mine) - set(theirs)}"
    differ = [k for k in mine if mine[k] != theirs[k]]
    assert not differ, f"checksums differ for {differ}"
    lost = created_ids(author) - set(checksums(server_records(db)))
    assert not lost, f"created on the device, missing on the server: {lost}"
    assert ledger_size(db, author.service.local.device_id()) == outbox_size(author), "duplicate or lost entry"
    assert not [k for k in mine if k[0] == "conflict"], "an entry was applied twice (a conflict with itself)"
    if fresh is not None:
        pulled = device_checksums(fresh)
        assert set(mine) <= set(pulled), f"not pulled by a fresh device: {set(mine) - set(pulled)}"
        assert {k: pulled[k] for k in mine} == mine, "a fresh device's full pull differs from the author"
