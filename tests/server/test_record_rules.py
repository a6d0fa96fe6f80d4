"""The server keeps only records a device could have saved: the shared rules, asked of every push."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from sync.domain.vocabulary import RecordType, Role
from sync.server.scope import Audience
from sync.server.store import divisions
from tests.server.support import DeviceClient, World, household_fields, store_as_an_older_server, visit_fields

VILLAGE = "150125100200"  # the village of support's records
OTHER_VILLAGE = "150125100201"


@pytest.fixture(scope="module", autouse=True)
def division_list(server_db) -> None:
    """This module's server holds an official division list (a real one imports it at its first start)."""
    with server_db.write() as session:
        divisions.replace_divisions(session, [
            {"code": "1501", "name": "呼和浩特市", "level": "league", "parent_code": None},
            {"code": "150125", "name": "武川县", "level": "county", "parent_code": "1501"},
            {"code": "150125100", "name": "可可以力更镇", "level": "township", "parent_code": "150125"},
            {"code": VILLAGE, "name": "一村", "level": "village", "parent_code": "150125100"},
            {"code": OTHER_VILLAGE, "name": "二村", "level": "village", "parent_code": "150125100"},
        ])


def now_iso(days_ago: int = 0) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)).isoformat()


def compact_create(device: DeviceClient, record_type: str, values: dict[str, Any], time: str | None = None
                   ) -> dict[str, Any]:
    """A create as a protocol-2 device pushes it (sync.protocol.compact_entry)."""
    return {"seq": next(device.seq), "record_type": record_type, "record_id": str(uuid.uuid4()), "kind": "create",
            "values": values, "time": time or now_iso()}


def test_the_nameless_household_of_the_issue_is_rejected_and_the_queue_goes_on(world: World):
    station = world.station()
    a, b = world.device(Role.SPECIALIST, station), world.device(Role.SPECIALIST, station)
    nameless = compact_create(a, "household", {"kind": "farmer"})
    good = compact_create(a, "household", household_fields())
    response = a.push_response([nameless, good])
    assert response.status_code == 200, response.text
    body = response.json()
    rejected, applied = body["results"]
    assert rejected["status"] == "rejected"
    assert rejected["reason"].startswith("invalid field value: name: This field is required.")
    assert "village_code: This field is required." in rejected["reason"]
    assert applied["status"] == "applied" and body["acked_seq"] == good["seq"]
    assert a.push(nameless) == [rejected]  # resent: the ledger's answer, nothing written
    seen = b.pull_all(RecordType.HOUSEHOLD)
    assert good["record_id"] in seen and nameless["record_id"] not in seen


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"household_ids": []}, "household_ids", "Add at least one household served."),
    ({"duration_hours": 20}, "duration_hours", "Enter a duration between 0.5 and 16 hours."),
    ({"mode": "telepathy"}, "mode", "must be one of"),
    ({"village_code": "150125999999"}, "village_code", "Choose a village from the official list."),
    ({"follow_up_date": "2000-01-01"}, "follow_up_date", "The follow-up date must come after the visit."),
    ({"latitude": 10.0, "longitude": 20.0}, "latitude", "The position is outside Inner Mongolia."),
    ({"visit_date": now_iso(-3)[:10]}, "visit_date", "The date cannot be in the future."),
    ({"visit_date": now_iso(800)[:10]}, "visit_date", "The date is more than two years ago."),
    ({"problem": "   "}, "problem", "This field is required."),
])
def test_a_visit_that_breaks_a_rule_is_rejected_naming_the_field(world: World, fields, field, message):
    device = world.device(Role.SPECIALIST, world.station())
    [result] = device.push(compact_create(device, "visit", visit_fields(**fields)))
    assert result["status"] == "rejected"
    assert f"{field}: " in result["reason"] and message in result["reason"]


def test_dates_are_checked_against_the_day_the_device_recorded_the_entry(world: World):
    """A visit recorded offline 700 days after it happened and pushed months later was fine when saved."""
    device = world.device(Role.SPECIALIST, world.station())
    late = compact_create(device, "visit", visit_fields(visit_date=now_iso(800)[:10]), time=now_iso(100))
    assert device.push_one(late)["status"] == "applied"


def test_an_edit_that_would_break_a_rule_is_rejected_and_the_record_stays_as_it_was(world: World):
    station = world.station()
    device, other = world.device(Role.SPECIALIST, station), world.device(Role.SPECIALIST, station)
    household = device.create(RecordType.HOUSEHOLD, household_fields())
    assert device.push_one(household)["status"] == "applied"
    blank = device.update(RecordType.HOUSEHOLD, household["record_id"], 1, {"name": ("王建国", "")})
    result = device.push_one(blank)
    assert result["status"] == "rejected" and "name: This field is required." in result["reason"]
    assert other.pull_all(RecordType.HOUSEHOLD)[household["record_id"]]["fields"]["name"] == "王建国"


def test_merged_edits_that_break_a_rule_together_are_rejected(world: World):
    """Two people's edits may each be fine and together not: the record as the entry leaves it counts."""
    station = world.station()
    author, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    day, later = now_iso(30)[:10], now_iso(20)[:10]
    visit = author.create(RecordType.VISIT, visit_fields(visit_date=day, follow_up_date=later))
    assert author.push_one(visit)["status"] == "applied"
    moved = manager.update(RecordType.VISIT, visit["record_id"], 1, {"visit_date": (day, now_iso(25)[:10])})
    assert manager.push_one(moved)["status"] == "applied"
    follow_up = author.update(RecordType.VISIT, visit["record_id"], 1, {"follow_up_date": (later, now_iso(27)[:10])})
    result = author.push_one(follow_up)
    assert result["status"] == "rejected" and "follow_up_date: " in result["reason"]


def test_approving_a_visit_older_than_two_years_is_not_refused_for_its_date(world: World, server_db):
    """The date window and the division list are the world's rules at the time of the change: a
    review step that leaves the date alone is never refused for it."""
    station = world.station()
    manager = world.device(Role.STATION_MANAGER, station)
    author = world.user(Role.SPECIALIST, station)
    old = store_as_an_older_server(server_db, RecordType.VISIT, visit_fields(
        visit_date=now_iso(1000)[:10], review_state="submitted", author_id=author.user_id, station_id=station),
        station, Audience.AUTHOR, author.user_id)
    approve = manager.update(RecordType.VISIT, old, 1, {"review_state": ("submitted", "approved")})
    assert manager.push_one(approve)["status"] == "applied"
    fix = manager.update(RecordType.VISIT, old, 2, {"visit_date": (now_iso(1000)[:10], now_iso(1001)[:10])})
    assert "The date is more than two years ago." in manager.push_one(fix)["reason"]


def test_a_delete_of_a_record_an_older_server_stored_unchecked_is_applied(world: World, server_db):
    station = world.station()
    device = world.device(Role.SPECIALIST, station)
    nameless = store_as_an_older_server(server_db, RecordType.HOUSEHOLD, {"kind": "farmer"}, station)
    assert device.push_one(device.delete(RecordType.HOUSEHOLD, nameless, 1))["status"] == "applied"
