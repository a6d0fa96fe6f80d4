"""A server that lost acknowledged entries without a new epoch answers later ones ``held``: the laptop
sends again from the server's acked seq, and nothing is lost or marked done before it is stored."""

from __future__ import annotations

from sqlalchemy import delete

from desktop.domain.records import Household, Visit
from sync.server.store.models import LedgerEntry, Record
from tests.factories import household, visit
from tests.sync.harness import assert_converged, server_records


def test_entries_held_above_a_gap_are_sent_again_from_the_acked_seq(make_device, station, server_db):
    wang = make_device("wang", station)
    h, _ = wang.records.save(household())
    wang.sync_ok()
    v, _ = wang.records.save(visit(household_ids=(h.id,)))
    wang.records.save(wang.records.get(Household, h.id).with_changes(notes="之后的修改"))
    wang.sync_ok()
    device_id = wang.service.local.device_id()
    # The server is restored from a backup taken after entry 1 and nobody renewed the epoch.
    with server_db.write() as s:
        s.execute(delete(LedgerEntry).where(LedgerEntry.device_id == device_id, LedgerEntry.seq > 1))
        s.execute(delete(Record).where(Record.record_type == "visit", Record.record_id == v.id))
    later, _ = wang.records.save(visit(household_ids=(h.id,), problem="恢复之后的新记录"))

    report = wang.sync_ok()

    assert report.epoch_changed  # pulled afresh, as after a new epoch
    on_server = server_records(server_db)
    assert ("visit", v.id) in on_server and ("visit", later.id) in on_server
    assert wang.records.get(Visit, later.id) is not None
    assert_converged(server_db, wang)
