"""Merging two household records of one family, as the server applies it (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from sync.domain.vocabulary import RecordType, Role
from sync.server.store.models import AuditEntry

from .support import DeviceClient, World, household_fields, recent_day, visit_fields


def _training_fields(**overrides: Any) -> dict[str, Any]:
    return {"training_date": recent_day(), "village_code": "150125100200", "place": "村委会", "topic": "驱虫",
            "industry": "肉羊", "trainers": ["李"], "hours": 2.0, "attendees": {"farmer": 12},
            "attendee_household_ids": [], "photo_ids": [], "review_state": "draft", "deleted": False, **overrides}


def _household(device: DeviceClient, **fields: Any) -> str:
    create = device.create(RecordType.HOUSEHOLD, household_fields(**fields))
    assert device.push_one(create)["status"] == "applied"
    return create["record_id"]


def _merge(manager: DeviceClient, merged: str, survivor: str, base: int = 1) -> dict[str, Any]:
    return manager.push_one(manager.update(RecordType.HOUSEHOLD, merged, base, {"merged_into": (None, survivor)}))


def test_a_merge_repoints_every_visit_and_training_and_keeps_their_review_state(world: World):
    station = world.station()
    alice, bob = world.device(Role.SPECIALIST, station), world.device(Role.SPECIALIST, station)
    manager = world.device(Role.STATION_MANAGER, station)
    kept, gone = _household(alice), _household(bob, name="王建国 ", phone="138 0000 0000")
    visit = alice.create(RecordType.VISIT, visit_fields(household_ids=[gone, kept], review_state="submitted"))
    other = bob.create(RecordType.VISIT, visit_fields(household_ids=[gone]))
    training = bob.create(RecordType.TRAINING, _training_fields(attendee_household_ids=[gone]))
    assert [r["status"] for r in alice.push(visit)] == ["applied"]
    assert [r["status"] for r in bob.push(other, training)] == ["applied", "applied"]
    manager.push_one(manager.update(RecordType.VISIT, visit["record_id"], 1, {"review_state": ("submitted", "approved")}))

    assert _merge(manager, gone, kept)["status"] == "applied"

    visits = manager.pull_all(RecordType.VISIT)
    assert visits[visit["record_id"]]["fields"]["household_ids"] == [kept]
    assert visits[visit["record_id"]]["fields"]["review_state"] == "approved"
    assert visits[visit["record_id"]]["revision"] == 3
    assert bob.pull_all(RecordType.VISIT)[other["record_id"]]["fields"]["household_ids"] == [kept]
    assert bob.pull_all(RecordType.TRAINING)[training["record_id"]]["fields"]["attendee_household_ids"] == [kept]
    households = alice.pull_all(RecordType.HOUSEHOLD)
    assert households[gone]["fields"]["merged_into"] == kept and households[kept]["fields"].get("merged_into") is None
    with world.db.read() as session:
        (audit,) = session.scalars(select(AuditEntry).where(AuditEntry.target == gone)).all()
    assert audit.action == "households_merged" and audit.detail["survivor"] == kept


def test_only_a_station_manager_of_the_households_station_may_merge(world: World):
    station, elsewhere = world.station(), world.station()
    alice = world.device(Role.SPECIALIST, station)
    kept, gone = _household(alice), _household(alice)
    visit = alice.create(RecordType.VISIT, visit_fields(household_ids=[gone]))
    alice.push_one(visit)
    outsider = world.device(Role.STATION_MANAGER, elsewhere)
    county = world.device(Role.COUNTY_ADMIN, county="150125")

    assert _merge(alice, gone, kept)["reason"] == "forbidden: only a station manager may merge households"
    assert _merge(outsider, gone, kept)["reason"].startswith("forbidden: the record belongs to station")
    assert _merge(county, gone, kept)["reason"] == "forbidden: the county_admin role is read-only"
    assert alice.pull_all(RecordType.HOUSEHOLD)[gone]["fields"].get("merged_into") is None
    assert alice.pull_all(RecordType.VISIT)[visit["record_id"]]["fields"]["household_ids"] == [gone]


def test_a_household_cannot_merge_into_itself_a_missing_one_or_back_into_one_merged_into_it(world: World):
    station = world.station()
    manager = world.device(Role.STATION_MANAGER, station)
    first, second = _household(manager), _household(manager)
    assert _merge(manager, first, first)["reason"].startswith("forbidden: a household cannot be merged into itself")
    assert _merge(manager, first, "no-such-household")["reason"] == \
        "forbidden: the household to keep is not on the server"
    assert _merge(manager, second, first)["status"] == "applied"
    assert _merge(manager, first, second)["reason"].startswith("forbidden: a household cannot be merged into itself")
    assert _merge(manager, second, first, base=2)["status"] == "merged"  # the same merge again: nothing to do
    undo = manager.update(RecordType.HOUSEHOLD, second, 2, {"merged_into": (first, None)})
    assert manager.push_one(undo)["reason"] == f"forbidden: household {second} was already merged into household {first}"


def test_a_visit_pushed_later_naming_the_merged_away_household_names_the_survivor(world: World):
    station = world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    kept, gone = _household(alice), _household(alice)
    earlier = alice.create(RecordType.VISIT, visit_fields(household_ids=[gone]))
    alice.push_one(earlier)
    _merge(manager, gone, kept)

    later = alice.create(RecordType.VISIT, visit_fields(household_ids=[gone, kept]))
    edit = alice.update(RecordType.VISIT, earlier["record_id"], 1, {"household_ids": ([gone], [gone, "h-new"])})
    assert [r["status"] for r in alice.push(later, edit)] == ["applied", "merged"]

    visits = alice.pull_all(RecordType.VISIT)
    assert visits[later["record_id"]]["fields"]["household_ids"] == [kept]
    assert visits[earlier["record_id"]]["fields"]["household_ids"] == [kept, "h-new"]


def test_an_offline_edit_of_the_merged_away_household_lands_on_the_survivor_or_in_a_conflict(world: World):
    station = world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    kept = _household(alice, notes="", livestock_head=30)
    gone = _household(alice, notes="", livestock_head=40, phone="13900000000")
    _merge(manager, gone, kept)

    edit = alice.update(RecordType.HOUSEHOLD, gone, 1, {"notes": ("", "牛棚漏雨"), "livestock_head": (40, 45),
                                                        "phone": ("13900000000", "13800000000")})
    result = alice.push_one(edit)

    assert result["status"] == "conflict" and result["conflict_fields"] == ["livestock_head"]
    households = alice.pull_all(RecordType.HOUSEHOLD)
    assert households[kept]["fields"]["notes"] == "牛棚漏雨"  # the survivor had none: the edit fills it
    assert households[kept]["fields"]["livestock_head"] == 30  # the survivor's own value stays
    assert households[gone]["fields"]["notes"] == ""  # the merged-away record stays as merged
    (conflict,) = alice.pull_all(RecordType.CONFLICT).values()
    assert conflict["fields"]["record_id"] == kept and conflict["fields"]["field"] == "livestock_head"
    assert (conflict["fields"]["server_value"], conflict["fields"]["client_value"]) == (30, 45)
    assert alice.push_one(alice.delete(RecordType.HOUSEHOLD, gone, 2))["status"] == "merged"
    assert alice.pull_all(RecordType.HOUSEHOLD)[kept]["fields"]["deleted"] is False


def test_merges_chain_and_a_visit_naming_the_first_household_names_the_last(world: World):
    station = world.station()
    manager = world.device(Role.STATION_MANAGER, station)
    first, second, third = _household(manager), _household(manager), _household(manager)
    visit = manager.create(RecordType.VISIT, visit_fields(household_ids=[first]))
    manager.push_one(visit)
    _merge(manager, first, second)
    _merge(manager, second, third)
    late = manager.create(RecordType.VISIT, visit_fields(household_ids=[first, second]))
    manager.push_one(late)
    visits = manager.pull_all(RecordType.VISIT)
    assert visits[visit["record_id"]]["fields"]["household_ids"] == [third]
    assert visits[late["record_id"]]["fields"]["household_ids"] == [third]


def test_a_merge_and_the_visits_pushed_with_it_in_one_batch_are_all_repointed(world: World):
    station = world.station()
    manager = world.device(Role.STATION_MANAGER, station)
    kept, gone = _household(manager), _household(manager)
    before = manager.create(RecordType.VISIT, visit_fields(household_ids=[gone]))
    merge = manager.update(RecordType.HOUSEHOLD, gone, 1, {"merged_into": (None, kept)})
    after = manager.create(RecordType.VISIT, visit_fields(household_ids=[gone]))
    assert [r["status"] for r in manager.push(before, merge, after)] == ["applied", "applied", "applied"]
    visits = manager.pull_all(RecordType.VISIT)
    assert visits[before["record_id"]]["fields"]["household_ids"] == [kept]
    assert visits[after["record_id"]]["fields"]["household_ids"] == [kept]
