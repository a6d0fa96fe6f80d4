"""Push: idempotent entries, field-level merge, conflicts, soft deletes and per-entry rejections."""

from __future__ import annotations

from sync.domain.vocabulary import RecordType, Role

from .support import World, household_fields, visit_fields


def test_a_resent_entry_returns_the_stored_result_and_changes_nothing(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    create = device.create(RecordType.VISIT, visit_fields())
    first = device.push_one(create)
    edit = device.update(RecordType.VISIT, create["record_id"], 1, {"problem": ("aphids on leaves", "locusts")})
    edited = device.push_one(edit)
    cursor_after = device.pull()["next_cursor"]

    resent = device.push(create, edit)

    assert resent == [first, edited]
    assert first["status"] == "applied" and first["revision"] == 1 and edited["revision"] == 2
    assert device.pull(cursor_after)["changes"] == []
    visit = device.pull_all(RecordType.VISIT)[create["record_id"]]
    assert visit["revision"] == 2 and visit["fields"]["problem"] == "locusts"


def test_the_ledger_key_is_the_entry_so_a_batch_may_mix_old_and_new_entries(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    first = device.create(RecordType.VISIT, visit_fields())
    device.push(first)
    second = device.create(RecordType.VISIT, visit_fields(problem="frost"))
    results = device.push(first, second)
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert set(device.pull_all(RecordType.VISIT)) == {first["record_id"], second["record_id"]}
    assert device.pull()["acked_seq"] == second["seq"]


def test_a_create_of_an_existing_record_with_the_same_fields_is_a_no_op(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    create = device.create(RecordType.HOUSEHOLD, household_fields())
    device.push_one(create)
    again = {**create, "seq": next(device.seq)}  # the same create again, as a later entry
    assert device.push_one(again) == {"seq": again["seq"], "status": "applied", "revision": 1, "reason": None,
                                      "conflict_fields": []}


def test_edits_of_different_fields_by_two_people_merge(world: World):
    station = world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    create = alice.create(RecordType.VISIT, visit_fields())
    alice.push_one(create)
    record_id = create["record_id"]

    assert manager.push_one(manager.update(RecordType.VISIT, record_id, 1, {"advice": ("spray neem oil", "prune")}))[
        "status"] == "applied"
    result = alice.push_one(alice.update(RecordType.VISIT, record_id, 1, {"problem": ("aphids on leaves", "mites")}))

    assert result["status"] == "merged" and result["revision"] == 3
    for device in (alice, manager):
        fields = device.pull_all(RecordType.VISIT)[record_id]["fields"]
        assert (fields["problem"], fields["advice"]) == ("mites", "prune")
    assert alice.pull_all(RecordType.CONFLICT) == {}


def test_edits_of_the_same_field_keep_the_server_value_and_record_a_conflict_for_author_and_manager(world: World):
    station = world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    bystander = world.device(Role.SPECIALIST, station)
    create = alice.create(RecordType.VISIT, visit_fields())
    alice.push_one(create)
    record_id = create["record_id"]
    manager.push_one(manager.update(RecordType.VISIT, record_id, 1, {"problem": ("aphids on leaves", "thrips")}))

    result = alice.push_one(alice.update(RecordType.VISIT, record_id, 1, {"problem": ("aphids on leaves", "mites")}))

    assert result["status"] == "conflict" and result["conflict_fields"] == ["problem"]
    for device in (alice, manager):
        assert device.pull_all(RecordType.VISIT)[record_id]["fields"]["problem"] == "thrips"
        (conflict,) = device.pull_all(RecordType.CONFLICT).values()
        assert conflict["fields"] | {"created_at": None, "updated_at": None, "server_changed_at": None} == {
            "record_type": "visit", "record_id": record_id, "field": "problem", "server_value": "thrips",
            "client_value": "mites", "client_author_id": alice.user_id, "resolved": False, "resolution": None,
            "author_id": alice.user_id, "station_id": station, "deleted": False, "created_at": None,
            "updated_at": None, "server_author_id": manager.user_id, "server_changed_at": None}
        assert conflict["fields"]["server_changed_at"] == \
            device.pull_all(RecordType.VISIT)[record_id]["fields"]["updated_at"]
    assert bystander.pull_all(RecordType.CONFLICT) == {}


def test_the_author_resolves_a_conflict_with_an_ordinary_edit(world: World):
    station = world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    create = alice.create(RecordType.VISIT, visit_fields())
    alice.push_one(create)
    manager.push_one(manager.update(RecordType.VISIT, create["record_id"], 1, {"problem": ("aphids on leaves", "a")}))
    alice.push_one(alice.update(RecordType.VISIT, create["record_id"], 1, {"problem": ("aphids on leaves", "b")}))
    (conflict_id, conflict), = alice.pull_all(RecordType.CONFLICT).items()

    resolve = alice.update(RecordType.CONFLICT, conflict_id, 1, {"resolved": (False, True), "resolution": (None, "b")})
    sneaky = alice.update(RecordType.CONFLICT, conflict_id, 2, {"server_value": ("a", "b")})

    assert alice.push_one(resolve)["status"] == "applied"
    assert alice.push_one(sneaky)["status"] == "rejected"
    assert manager.pull_all(RecordType.CONFLICT)[conflict_id]["fields"]["resolved"] is True


def test_an_edit_of_a_deleted_record_is_a_conflict_not_a_silent_loss(world: World):
    station = world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    create = alice.create(RecordType.VISIT, visit_fields())
    alice.push_one(create)
    record_id = create["record_id"]
    assert manager.push_one(manager.delete(RecordType.VISIT, record_id, 1))["status"] == "applied"

    result = alice.push_one(alice.update(RecordType.VISIT, record_id, 1, {"advice": ("spray neem oil", "burn it")}))

    assert result["status"] == "conflict" and result["conflict_fields"] == ["deleted"]
    visit = alice.pull_all(RecordType.VISIT)[record_id]
    assert visit["fields"]["deleted"] is True and visit["fields"]["advice"] == "spray neem oil"
    (conflict,) = alice.pull_all(RecordType.CONFLICT).values()
    assert conflict["fields"]["client_value"] == {"advice": "burn it"} and conflict["fields"]["server_value"] is True
    restore = alice.update(RecordType.VISIT, record_id, 2,
                           {"deleted": (True, False), "advice": ("spray neem oil", "x")})
    assert alice.push_one(restore)["status"] == "applied"
    assert alice.pull_all(RecordType.VISIT)[record_id]["fields"]["deleted"] is False


def test_a_delete_of_a_record_someone_else_edited_meanwhile_is_a_conflict_too(world: World):
    station = world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    create = alice.create(RecordType.HOUSEHOLD, household_fields())
    alice.push_one(create)
    record_id = create["record_id"]
    manager.push_one(manager.update(RecordType.HOUSEHOLD, record_id, 1, {"phone": ("13800000000", "13900000003")}))

    result = alice.push_one(alice.delete(RecordType.HOUSEHOLD, record_id, 1))

    assert result["status"] == "conflict" and result["conflict_fields"] == ["deleted"]
    household = manager.pull_all(RecordType.HOUSEHOLD)[record_id]
    assert household["fields"]["deleted"] is False and household["fields"]["phone"] == "13900000003"
    assert alice.push_one(alice.delete(RecordType.HOUSEHOLD, record_id, 2))["status"] == "applied"


def test_a_delete_after_the_devices_own_unsynced_edits_simply_applies(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    create = device.create(RecordType.HOUSEHOLD, household_fields())
    edit = device.update(RecordType.HOUSEHOLD, create["record_id"], 0, {"notes": ("", "sold the herd")})
    delete = device.delete(RecordType.HOUSEHOLD, create["record_id"], 0)
    assert [r["status"] for r in device.push(create, edit, delete)] == ["applied", "merged", "merged"]
    assert device.pull_all(RecordType.HOUSEHOLD)[create["record_id"]]["fields"]["deleted"] is True
    assert device.pull_all(RecordType.CONFLICT) == {}


def test_every_applied_change_gets_a_new_revision_and_a_later_change_number(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    create = device.create(RecordType.HOUSEHOLD, household_fields())
    device.push_one(create)
    cursor = device.pull()["next_cursor"]
    device.push_one(device.update(RecordType.HOUSEHOLD, create["record_id"], 1, {"notes": ("", "dairy cows")}))
    page = device.pull(cursor)
    assert [(c["record_id"], c["revision"]) for c in page["changes"]] == [(create["record_id"], 2)]
    assert page["next_cursor"] > cursor


def test_the_server_sets_the_author_and_refuses_a_forged_one(world: World):
    station = world.station()
    alice, bob = world.device(Role.SPECIALIST, station), world.device(Role.SPECIALIST, station)
    honest = alice.create(RecordType.VISIT, visit_fields(author_id=""))
    forged = alice.create(RecordType.VISIT, visit_fields(author_id=bob.user_id))
    results = alice.push(honest, forged)
    assert results[0]["status"] == "applied"
    assert results[1]["status"] == "rejected" and results[1]["reason"].startswith("forbidden: author_id")
    assert alice.pull_all(RecordType.VISIT)[honest["record_id"]]["fields"]["author_id"] == alice.user_id
    takeover = alice.update(RecordType.VISIT, honest["record_id"], 1, {"author_id": (alice.user_id, bob.user_id)})
    assert alice.push_one(takeover)["reason"] == "forbidden: author_id cannot change"


def test_rejected_entries_are_acknowledged_one_by_one_and_never_block_the_queue(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    good = device.create(RecordType.VISIT, visit_fields())
    bad_mode = device.create(RecordType.VISIT, visit_fields(mode="teleport"))
    future_type = device.create("drone_flight", {"altitude": 120})
    bad_kind = {**device.create(RecordType.VISIT, visit_fields()), "kind": "merge"}
    unknown = device.update(RecordType.VISIT, "never-pushed", 3, {"problem": ("a", "b")})
    reference = device.create(RecordType.STATION, {"name": "my own station"})
    last = device.create(RecordType.HOUSEHOLD, household_fields())

    results = device.push(good, bad_mode, future_type, bad_kind, unknown, reference, last)

    assert [r["status"] for r in results] == ["applied", "rejected", "rejected", "rejected", "rejected", "rejected",
                                              "applied"]
    reasons = [r["reason"] for r in results[1:6]]
    assert reasons[0].startswith("invalid field value: mode: must be one of")
    assert reasons[1] == "unknown record type: 'drone_flight'"
    assert reasons[2].startswith("invalid entry: kind")
    assert reasons[3].startswith("unknown record: visit never-pushed")
    assert reasons[4].startswith("forbidden: station records are read-only")
    assert set(device.pull_all(RecordType.VISIT)) == {good["record_id"]}
    assert device.pull()["acked_seq"] == last["seq"]


def test_fields_unknown_to_this_server_are_kept(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    create = device.create(RecordType.VISIT, visit_fields(weather={"sky": "clear", "wind_kmh": 12}))
    device.push_one(create)
    assert device.pull_all(RecordType.VISIT)[create["record_id"]]["fields"]["weather"] == {"sky": "clear",
                                                                                          "wind_kmh": 12}


def test_an_entry_of_another_device_makes_the_whole_push_forbidden(world: World):
    station = world.station()
    alice, bob = world.device(Role.SPECIALIST, station), world.device(Role.SPECIALIST, station)
    mine = alice.create(RecordType.VISIT, visit_fields())
    theirs = bob.create(RecordType.VISIT, visit_fields())
    response = alice.push_response([mine, theirs])
    assert response.status_code == 403 and response.json()["code"] == "device_mismatch"
    assert alice.pull_all(RecordType.VISIT) == {}
