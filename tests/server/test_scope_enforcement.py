"""Scope on a real server: nobody writes outside their scope, and nobody pulls what they may not see."""

from __future__ import annotations

from sync.domain.vocabulary import RecordType, Role

from .support import World, household_fields, visit_fields


def test_a_specialist_cannot_write_into_another_station_and_nothing_changes(world: World):
    a_station, b_station = world.station(), world.station()
    alice, bob = world.device(Role.SPECIALIST, a_station), world.device(Role.SPECIALIST, b_station)
    own = bob.create(RecordType.VISIT, visit_fields())
    bob.push_one(own)
    before = bob.pull_all()

    into_other_station = alice.create(RecordType.VISIT, visit_fields(station_id=b_station))
    edit_of_bobs = alice.update(RecordType.VISIT, own["record_id"], 1, {"problem": ("aphids on leaves", "hacked")})
    delete_of_bobs = alice.delete(RecordType.VISIT, own["record_id"], 1)
    results = alice.push(into_other_station, edit_of_bobs, delete_of_bobs)

    assert [r["status"] for r in results] == ["rejected"] * 3
    assert all(r["reason"].startswith("forbidden: ") for r in results)
    assert bob.pull_all() == before
    assert alice.pull_all(RecordType.VISIT) == {}


def test_specialists_share_their_stations_households_but_not_each_others_visits(world: World):
    station = world.station()
    alice, carol = world.device(Role.SPECIALIST, station), world.device(Role.SPECIALIST, station)
    household = alice.create(RecordType.HOUSEHOLD, household_fields())
    visit = alice.create(RecordType.VISIT, visit_fields())
    alice.push(household, visit)

    assert set(carol.pull_all(RecordType.HOUSEHOLD)) == {household["record_id"]}
    assert carol.pull_all(RecordType.VISIT) == {}
    edit_household = carol.update(RecordType.HOUSEHOLD, household["record_id"], 1, {"notes": ("", "moved")})
    edit_visit = carol.update(RecordType.VISIT, visit["record_id"], 1, {"advice": ("spray neem oil", "x")})
    assert [r["status"] for r in carol.push(edit_household, edit_visit)] == ["applied", "rejected"]


def test_a_station_manager_sees_and_edits_everything_of_the_station_only(world: World):
    station, elsewhere = world.station(), world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    stranger = world.device(Role.SPECIALIST, elsewhere)
    visit = alice.create(RecordType.VISIT, visit_fields())
    alice.push_one(visit)
    stranger.push_one(stranger.create(RecordType.VISIT, visit_fields()))

    assert set(manager.pull_all(RecordType.VISIT)) == {visit["record_id"]}
    edit = manager.update(RecordType.VISIT, visit["record_id"], 1, {"advice": ("spray neem oil", "rotate crops")})
    assert manager.push_one(edit)["status"] == "applied"


def test_a_county_admin_reads_the_county_but_writes_nothing(world: World):
    in_county, other_county = world.station("150125"), world.station("150105")
    inside, outside = world.device(Role.SPECIALIST, in_county), world.device(Role.SPECIALIST, other_county)
    visit = inside.create(RecordType.VISIT, visit_fields())
    inside.push_one(visit)
    outside.push_one(outside.create(RecordType.VISIT, visit_fields()))
    admin = world.device(Role.COUNTY_ADMIN, county="150125")

    seen = admin.pull_all(RecordType.VISIT)
    assert visit["record_id"] in seen
    assert all(change["fields"]["station_id"] != other_county for change in seen.values())
    edit = admin.update(RecordType.VISIT, visit["record_id"], 1, {"problem": ("aphids on leaves", "none")})
    own_visit = admin.create(RecordType.VISIT, visit_fields())
    results = admin.push(edit, own_visit)
    assert [r["reason"] for r in results] == ["forbidden: the county_admin role is read-only"] * 2
    assert inside.pull_all(RecordType.VISIT)[visit["record_id"]]["revision"] == 1


def test_a_league_admin_reads_the_league_and_a_region_admin_everything_but_conflicts(world: World):
    hohhot, chifeng = world.station("150125"), world.station("150402")
    specialist, manager = world.device(Role.SPECIALIST, hohhot), world.device(Role.STATION_MANAGER, hohhot)
    far = world.device(Role.SPECIALIST, chifeng)
    visit = specialist.create(RecordType.VISIT, visit_fields())
    specialist.push_one(visit)
    manager.push_one(manager.update(RecordType.VISIT, visit["record_id"], 1, {"problem": ("aphids on leaves", "x")}))
    specialist.push_one(specialist.update(RecordType.VISIT, visit["record_id"], 1,
                                          {"problem": ("aphids on leaves", "y")}))
    far_visit = far.create(RecordType.VISIT, visit_fields())
    far.push_one(far_visit)
    league, region = world.device(Role.LEAGUE_ADMIN, league="1501"), world.device(Role.REGION_ADMIN)

    league_visits, region_visits = league.pull_all(RecordType.VISIT), region.pull_all(RecordType.VISIT)
    assert visit["record_id"] in league_visits and far_visit["record_id"] not in league_visits
    assert {visit["record_id"], far_visit["record_id"]} <= set(region_visits)
    assert league.pull_all(RecordType.CONFLICT) == {} and region.pull_all(RecordType.CONFLICT) == {}


def test_colleagues_see_each_others_names_and_everyone_sees_the_stations(world: World):
    station, elsewhere = world.station(), world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    stranger = world.device(Role.SPECIALIST, elsewhere)

    users = alice.pull_all(RecordType.USER)
    assert {alice.user_id, manager.user_id} <= set(users) and stranger.user_id not in users
    assert users[manager.user_id]["fields"]["display_name"] == f"Name of {manager.account.username}"
    assert users[manager.user_id]["fields"]["role"] == "station_manager"
    assert "password_hash" not in users[manager.user_id]["fields"]
    assert {station, elsewhere} <= set(stranger.pull_all(RecordType.STATION))
