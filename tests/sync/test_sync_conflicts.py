"""Two specialists of one station edit the same household offline: merges, conflicts, and their resolution."""

from __future__ import annotations

import pytest

from desktop.domain.records import Household
from sync.domain.vocabulary import Role
from tests.factories import household
from tests.sync.harness import assert_converged, server_records


@pytest.fixture
def team(make_device, station):
    """Two specialists and their station manager, all holding the same household."""
    wang = make_device("wang", station)
    zhao = make_device("zhao", station)
    li = make_device("li", station, Role.STATION_MANAGER)
    h, _ = wang.records.save(household(name="张宝山", notes=""))
    for device in (wang, zhao, li):
        device.sync_ok()
    return wang, zhao, li, h


def test_edits_of_different_fields_merge_on_every_laptop(team, server_db):
    wang, zhao, li, h = team
    wang.records.save(wang.records.get(Household, h.id).with_changes(phone="13900000001"))
    zhao.records.save(zhao.records.get(Household, h.id).with_changes(notes="今年扩建了牛棚"))
    wang.sync_ok()
    report = zhao.sync_ok()
    assert (report.merged, report.conflicts) == (1, 0)
    for device in (wang, zhao, li):
        device.sync_ok()
        got = device.records.get(Household, h.id)
        assert (got.phone, got.notes) == ("13900000001", "今年扩建了牛棚"), device.name
    assert not zhao.service.overview().open_conflicts
    assert_converged(server_db, wang, zhao, li)


def test_the_same_field_edited_twice_is_a_conflict_that_keeps_both_values(team, server_db):
    wang, zhao, li, h = team
    wang.records.save(wang.records.get(Household, h.id).with_changes(livestock_head=50))
    zhao.records.save(zhao.records.get(Household, h.id).with_changes(livestock_head=60))
    wang.sync_ok()
    report = zhao.sync_ok()
    assert report.conflicts == 1
    li.sync_ok()
    assert zhao.records.get(Household, h.id).livestock_head == 50  # the server's value stands meanwhile
    for device in (zhao, li):  # the conflict's author and the station manager see it
        [conflict] = device.service.overview().open_conflicts
        assert (conflict.record_id, conflict.field) == (h.id, "livestock_head")
        assert (conflict.server_value, conflict.client_value) == (50, 60)
    # Resolving is an ordinary edit: it syncs to everyone, and the conflict closes everywhere.
    [conflict] = zhao.service.overview().open_conflicts
    zhao.service.keep_value(conflict.id, "client")
    assert zhao.service.local.pending_count() == 2
    zhao.sync_ok()
    for device in (wang, li, zhao):
        device.sync_ok()
        assert device.records.get(Household, h.id).livestock_head == 60, device.name
    assert not li.service.overview().open_conflicts
    assert server_records(server_db)[("conflict", conflict.id)]["resolved"] is True
    assert_converged(server_db, wang, zhao, li)


def test_a_merged_value_resolves_a_conflict(team, server_db):
    wang, zhao, li, h = team
    wang.records.save(wang.records.get(Household, h.id).with_changes(notes="种植青贮玉米"))
    zhao.records.save(zhao.records.get(Household, h.id).with_changes(notes="新建了羊圈"))
    wang.sync_ok()
    zhao.sync_ok()
    li.sync_ok()
    [conflict] = li.service.overview().open_conflicts
    li.service.resolve_conflict(conflict.id, "种植青贮玉米；新建了羊圈")
    li.sync_ok()
    for device in (wang, zhao):
        device.sync_ok()
        assert device.records.get(Household, h.id).notes == "种植青贮玉米；新建了羊圈"
    assert not zhao.service.overview().open_conflicts
    assert_converged(server_db, wang, zhao, li)


def test_an_edit_of_a_household_deleted_meanwhile_is_a_conflict_not_a_silent_loss(team, server_db):
    wang, zhao, li, h = team
    wang.records.delete(Household, h.id)
    zhao.records.save(zhao.records.get(Household, h.id).with_changes(phone="13900000002"))
    wang.sync_ok()
    assert zhao.sync_ok().conflicts == 1
    [conflict] = zhao.service.overview().open_conflicts
    assert conflict.field == "deleted" and conflict.client_value == {"phone": "13900000002"}
    zhao.service.keep_value(conflict.id, "client")  # the household is still served: restore it
    zhao.sync_ok()
    for device in (wang, li):
        device.sync_ok()
        restored = device.records.get(Household, h.id)
        assert (restored.deleted, restored.phone) == (False, "13900000002"), device.name
    assert_converged(server_db, wang, zhao, li)


def test_a_delete_arriving_after_an_edit_is_a_conflict_too(team, server_db):
    wang, zhao, li, h = team
    zhao.records.save(zhao.records.get(Household, h.id).with_changes(phone="13900000003"))
    wang.records.delete(Household, h.id)
    zhao.sync_ok()
    report = wang.sync_ok()
    assert report.conflicts == 1, "the delete silently won over an edit it had not seen"
    assert wang.records.get(Household, h.id).phone == "13900000003"  # the record stays meanwhile
    [conflict] = wang.service.overview().open_conflicts
    assert (conflict.field, conflict.server_value, conflict.client_value) == ("deleted", False, True)
    wang.service.keep_value(conflict.id, "client")  # the household really is gone: delete it after all
    wang.sync_ok()
    for device in (zhao, li):
        device.sync_ok()
        assert device.records.get(Household, h.id).deleted, device.name
    assert_converged(server_db, wang, zhao, li)


def test_a_pulled_value_never_overwrites_a_field_edited_during_the_sync(team, server_db):
    wang, zhao, _li, h = team
    wang.records.save(wang.records.get(Household, h.id).with_changes(phone="13900000004", notes="王的备注"))
    wang.sync_ok()

    calls = []

    def edit_just_before_the_pull() -> bool:  # asked before every request: the push check, then the pull
        calls.append(1)
        if len(calls) == 2:
            zhao.records.save(zhao.records.get(Household, h.id).with_changes(phone="13900000005"))
        return False

    zhao.sync(cancelled=edit_just_before_the_pull)
    got = zhao.records.get(Household, h.id)
    assert got.phone == "13900000005"  # the local edit, not yet on the server, is kept
    assert got.notes == "王的备注"  # the rest of the pulled change came in
    assert zhao.service.local.pending_count() == 1
    report = zhao.sync_ok()  # pushed now: the server had another phone meanwhile
    assert report.conflicts == 1
