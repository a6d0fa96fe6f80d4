"""Push entries travel compact (protocol 2): the server reads back exactly the change the device
captured, less what the server sets itself, and one visit stays within its wire budget."""

from __future__ import annotations

import gzip
import json

import pytest

from desktop.store.local_store import DesktopLocalStore
from sync.client.transport import Transport, TransportConfig
from sync.domain.fields import RECORD_FIELDS
from sync.domain.vocabulary import RecordType
from sync.protocol import (
    CREATE_UNSENT_FIELDS,
    EntryResult,
    EntryStatus,
    OutboxEntry,
    PushRequest,
    compact_entry,
    expand_entry,
)
from tests.factories import household, visit
from tests.sync.scripted_server import Answer, ScriptedServer

#: DESIGN.md: one visit on the wire (gzip) ≤ 400 bytes.
ONE_VISIT_BUDGET = 400


@pytest.fixture
def local(profile) -> DesktopLocalStore:
    return DesktopLocalStore(profile.store)


def on_the_wire(entry: OutboxEntry) -> dict:
    return json.loads(json.dumps(compact_entry(entry)))


def test_a_captured_create_travels_as_values_without_what_the_server_sets(local, records):
    h, _ = records.save(household())
    records.save(visit(household_ids=(h.id,)))
    create = local.pending_entries(10)[-1]
    wire = on_the_wire(create)
    assert set(wire) == {"seq", "record_type", "record_id", "kind", "time", "values"}
    assert CREATE_UNSENT_FIELDS.isdisjoint(wire["values"]) and None not in wire["values"].values()
    assert wire["values"]["problem"] == "犊牛腹泻"
    read = OutboxEntry.model_validate(expand_entry(wire, local.device_id()))
    assert read.model_dump(exclude={"changes"}) == create.model_dump(exclude={"changes"})
    for name in RECORD_FIELDS[RecordType.VISIT]:
        if name not in CREATE_UNSENT_FIELDS:
            assert read.changes[name] == create.changes[name], name


def test_an_update_keeps_its_old_values_and_base_revision_for_the_merge(local, records):
    h, _ = records.save(household())
    local.record_push_results([EntryResult(seq=1, status=EntryStatus.APPLIED, revision=1)])
    records.save(h.with_changes(notes="新建了青贮窖", livestock_head=None, land_mu=8.5))
    [update] = local.pending_entries(10)
    wire = on_the_wire(update)
    assert wire["base_revision"] == 1 and "device_id" not in wire
    assert wire["changes"]["notes"]["new"] == "新建了青贮窖"
    assert wire["changes"]["livestock_head"] == {"old": 40} and wire["changes"]["land_mu"] == {"new": 8.5}
    assert OutboxEntry.model_validate(expand_entry(wire, local.device_id())) == update


def test_one_visit_on_the_wire_fits_its_budget(local, records):
    h, _ = records.save(household())
    local.record_push_results([EntryResult(seq=1, status=EntryStatus.APPLIED, revision=1)])
    records.save(visit(household_ids=(h.id,)))
    [entry] = local.pending_entries(10)
    server = ScriptedServer()
    try:
        server.script.append(Answer(body={"results": [], "server_epoch": "e1", "acked_seq": 1}))
        transport = Transport(TransportConfig(server.url, local.device_id()), "token")
        transport.push(PushRequest(entries=[entry]))
        body = server.seen[0].body
    finally:
        server.close()
    assert len(body) == transport.stats.bytes_sent <= ONE_VISIT_BUDGET
    assert json.loads(gzip.decompress(body)) == {"entries": [on_the_wire(entry)]}
