"""Push batches whose seqs do not fit the device's ledger: one seq twice, or a gap below the entries."""

from __future__ import annotations

from sync.domain.vocabulary import RecordType, Role
from sync.protocol import PROTOCOL_VERSION

from .support import World, household_fields, visit_fields


def test_a_push_naming_one_seq_twice_is_refused_whole_and_writes_nothing(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    first = device.create(RecordType.HOUSEHOLD, household_fields(name="张三"))
    second = {**device.create(RecordType.HOUSEHOLD, household_fields(name="李四")), "seq": first["seq"]}

    response = device.push_response([first, second])

    assert response.status_code == 409, response.text
    body = response.json()
    assert body["code"] == "seq_reused"
    assert f"seq {first['seq']} names two different entries" in body["detail"]
    assert device.pull_all(RecordType.HOUSEHOLD) == {}
    assert device.pull()["acked_seq"] == 0


def test_after_the_refusal_the_entries_pushed_each_under_its_own_seq_are_applied(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    entry = device.create(RecordType.VISIT, visit_fields())
    other = {**device.create(RecordType.VISIT, visit_fields(problem="frost")), "seq": entry["seq"]}
    assert device.push_response([entry, other]).status_code == 409
    renumbered = {**other, "seq": entry["seq"] + 1}
    assert [r["status"] for r in device.push(entry, renumbered)] == ["applied", "applied"]
    assert set(device.pull_all(RecordType.VISIT)) == {entry["record_id"], other["record_id"]}


def test_the_same_entry_twice_in_a_batch_is_a_resend_answered_the_same(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    entry = device.create(RecordType.VISIT, visit_fields())
    first, second = device.push(entry, entry)
    assert first == second and first["status"] == "applied"


def test_entries_above_a_gap_are_answered_held_with_the_seq_the_server_expects(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    one, two, three, four = (device.create(RecordType.HOUSEHOLD, household_fields(name=f"户{i}")) for i in range(4))
    device.push(one)

    response = device.push_response([three, four])

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["acked_seq"] == one["seq"]
    assert [(r["seq"], r["status"]) for r in body["results"]] == [(three["seq"], "held"), (four["seq"], "held")]
    assert all(f"seq {two['seq']}" in r["reason"] for r in body["results"]), body["results"]
    assert set(device.pull_all(RecordType.HOUSEHOLD)) == {one["record_id"]}

    resent = device.push(two, three, four)  # what the device does: everything after acked_seq, in order
    assert [r["status"] for r in resent] == ["applied"] * 3
    assert device.pull()["acked_seq"] == four["seq"]


def test_a_batch_that_fills_part_of_a_gap_gets_its_entries_applied_and_the_rest_held(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    entries = [device.create(RecordType.HOUSEHOLD, household_fields(name=f"户{i}")) for i in range(4)]
    device.push(entries[0])

    results = device.push(entries[1], entries[3])

    assert [r["status"] for r in results] == ["applied", "held"]
    assert f"seq {entries[2]['seq']}" in results[1]["reason"]


def test_a_protocol_2_device_gets_no_held_results_it_could_not_read(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    one, _two, three = (device.create(RecordType.HOUSEHOLD, household_fields(name=f"户{i}")) for i in range(3))
    device.push(one)
    headers = {**device.headers, "X-Fieldbook-Protocol": "2"}
    assert PROTOCOL_VERSION > 2

    response = device.http.post(device.server.url("/api/v1/sync/push"), json={"entries": [three]},
                                headers=headers, timeout=60)

    assert response.status_code == 200, response.text
    assert response.json()["results"] == [] and response.json()["acked_seq"] == one["seq"]
