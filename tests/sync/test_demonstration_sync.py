"""A demonstration base over a real server: recorded offline, synced to the manager, approved, counted;
closed to another station; a broken one pushed raw is refused and the station syncs on."""

from __future__ import annotations

import uuid

from desktop.domain.records import DemonstrationBase, Visit
from desktop.services.review import ReviewService
from sync.domain.vocabulary import RecordType, ReviewAction, ReviewState, Role
from sync.server.services.evaluation import evaluation_document
from tests.factories import demo_base, visit
from tests.server.support import demo_base_fields


def test_a_base_recorded_offline_reaches_the_manager_is_approved_and_counts(make_device, station, world, server_db):
    wang = make_device("wang", station)
    manager = make_device("zhao", station, Role.STATION_MANAGER)
    identity = wang.profile.identity.current()
    base, _ = wang.records.save(demo_base(specialist_id=identity.user_id))  # offline: nothing synced yet
    served, _ = wang.records.save(visit(demonstration_id=base.id))
    ReviewService(wang.store, identity).submit("demo_base", base.id)
    assert wang.sync_ok().pushed >= 3

    manager.sync_ok()
    on_manager = manager.records.get(DemonstrationBase, base.id)
    assert (on_manager.name, on_manager.review_state, on_manager.year_established) == (base.name, "submitted", 2023)
    assert manager.records.get(Visit, served.id).demonstration_id == base.id
    before = evaluation_document(server_db, 2026, "15")["plan"]["counts"]["demonstration_bases"]
    manager.review(on_manager, ReviewAction.APPROVE, ReviewState.APPROVED)
    manager.sync_ok()
    wang.sync_ok()
    assert wang.records.get(DemonstrationBase, base.id).review_state == "approved"
    after = evaluation_document(server_db, 2026, "15")["plan"]["counts"]["demonstration_bases"]
    assert (after["achieved"], after["source"]) == (before["achieved"] + 1, "records")


def test_another_stations_specialist_can_neither_see_nor_edit_the_base(make_device, station, world):
    wang = make_device("wang", station)
    base, _ = wang.records.save(demo_base())
    wang.sync_ok()
    other = world.login(world.user(Role.SPECIALIST, world.station(county="150423")))
    assert base.id not in other.pull_all(RecordType.DEMO_BASE)
    result = other.push_one(other.update(RecordType.DEMO_BASE, base.id, 1, {"name": (base.name, "改名")}))
    assert result["status"] == "rejected" and result["reason"].startswith("forbidden")
    colleague = world.login(world.user(Role.SPECIALIST, station))  # a station's base is the whole station's
    assert base.id in colleague.pull_all(RecordType.DEMO_BASE)
    wang.sync_ok()
    assert wang.records.get(DemonstrationBase, base.id).name == base.name


def test_a_broken_base_pushed_raw_is_refused_naming_its_fields_and_the_station_syncs_on(make_device, station, world):
    raw = world.login(world.user(Role.SPECIALIST, station))
    bad = raw.create(RecordType.DEMO_BASE, demo_base_fields(name="", year_established=2999, county_code="15042"),
                     str(uuid.uuid4()))
    result = raw.push_one(bad)
    assert result["status"] == "rejected"
    assert "county_code: must be a 6-digit county code" in result["reason"]
    bad = raw.create(RecordType.DEMO_BASE, demo_base_fields(name=" ", year_established=2999), str(uuid.uuid4()))
    reason = raw.push_one(bad)["reason"]
    assert "name: This field is required." in reason and "year_established: Enter a year from 1949 to" in reason
    zhao = make_device("zhao", station)
    assert zhao.sync_ok().set_aside == 0
    assert zhao.records.list_demonstrations() == []
