"""The review state machine as the server enforces it."""

from __future__ import annotations

from sync.domain.vocabulary import RecordType, Role

from .support import DeviceClient, World, visit_fields


def _submitted_visit(alice: DeviceClient) -> str:
    create = alice.create(RecordType.VISIT, visit_fields(review_state="submitted"))
    assert alice.push_one(create)["status"] == "applied"
    return create["record_id"]


def _review(device: DeviceClient, record_id: str, action: str, from_state: str, to_state: str) -> dict:
    return device.create(RecordType.REVIEW_EVENT, {"record_type": "visit", "record_id": record_id, "action": action,
                                                  "comment": "", "from_state": from_state, "to_state": to_state})


def test_a_specialist_cannot_approve_their_own_visit(world: World):
    alice = world.device(Role.SPECIALIST, world.station())
    record_id = _submitted_visit(alice)
    approve = alice.update(RecordType.VISIT, record_id, 1, {"review_state": ("submitted", "approved")})
    event = _review(alice, record_id, "approve", "submitted", "approved")
    results = alice.push(approve, event)
    assert [r["status"] for r in results] == ["rejected", "rejected"]
    assert all(r["reason"].startswith("illegal review transition: a specialist may not") for r in results)
    assert alice.pull_all(RecordType.VISIT)[record_id]["fields"]["review_state"] == "submitted"
    assert alice.pull_all(RecordType.REVIEW_EVENT) == {}


def test_a_specialist_cannot_create_a_visit_that_is_already_approved(world: World):
    alice = world.device(Role.SPECIALIST, world.station())
    result = alice.push_one(alice.create(RecordType.VISIT, visit_fields(review_state="approved")))
    assert result["status"] == "rejected" and result["reason"].startswith("illegal review transition")


def test_the_station_manager_approves_with_a_review_event_the_author_then_sees(world: World):
    station = world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    record_id = _submitted_visit(alice)
    event = _review(manager, record_id, "approve", "submitted", "approved")
    approve = manager.update(RecordType.VISIT, record_id, 1, {"review_state": ("submitted", "approved")})
    assert [r["status"] for r in manager.push(event, approve)] == ["applied", "applied"]
    assert alice.pull_all(RecordType.VISIT)[record_id]["fields"]["review_state"] == "approved"
    (trail,) = alice.pull_all(RecordType.REVIEW_EVENT).values()
    assert trail["fields"]["action"] == "approve" and trail["fields"]["author_id"] == manager.user_id
    assert manager.push_one(manager.update(RecordType.REVIEW_EVENT, event["record_id"], 1,
                                           {"comment": ("", "rewritten")}))["status"] == "rejected"


def test_an_approved_visit_whose_content_is_edited_goes_back_to_submitted(world: World):
    station = world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    record_id = _submitted_visit(alice)
    manager.push_one(manager.update(RecordType.VISIT, record_id, 1, {"review_state": ("submitted", "approved")}))

    edit = alice.update(RecordType.VISIT, record_id, 2, {"advice": ("spray neem oil", "spray twice")})
    result = alice.push_one(edit)

    assert result["status"] == "applied"
    fields = manager.pull_all(RecordType.VISIT)[record_id]["fields"]
    assert (fields["advice"], fields["review_state"]) == ("spray twice", "submitted")


def test_a_returned_visit_can_be_resubmitted_by_its_author(world: World):
    station = world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    record_id = _submitted_visit(alice)
    manager.push_one(manager.update(RecordType.VISIT, record_id, 1, {"review_state": ("submitted", "returned")}))
    resubmit = alice.update(RecordType.VISIT, record_id, 2, {"review_state": ("returned", "submitted"),
                                                              "advice": ("spray neem oil", "more detail")})
    assert alice.push_one(resubmit)["status"] == "applied"
    assert alice.pull_all(RecordType.VISIT)[record_id]["fields"]["review_state"] == "submitted"
