"""Demonstration bases and projects on the device: saved offline, captured for sync, reviewed, named by visits."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.domain.records import DemonstrationBase, DemonstrationProject, Visit
from desktop.domain.validation import ValidationError
from desktop.services.identity import Identity
from desktop.services.review import ReviewService
from desktop.store.models import OutboxRow
from sync.domain.vocabulary import Role
from tests.factories import demo_base, demo_project, visit


@pytest.fixture
def manager(profile) -> Identity:
    return Identity("mgr-1", "李站长", Role.STATION_MANAGER, "", "WS-045", "150422")


def outbox(store) -> list[tuple[str, str, dict]]:
    with store.reader() as s:
        return [(r.record_type, r.kind, r.changes) for r in s.scalars(select(OutboxRow).order_by(OutboxRow.seq))]


def test_a_base_saved_offline_is_captured_with_every_field(profile, records, specialist):
    saved, changes = records.save(demo_base(specialist_id=specialist.user_id))
    assert changes.demonstrations and changes.ids == {("demonstrations", saved.id)}
    assert (saved.author_id, saved.station_id, saved.review_state) == (specialist.user_id, "WS-045", "draft")
    [(record_type, kind, fields)] = outbox(profile.store)
    assert (record_type, kind) == ("demo_base", "create")
    assert fields["name"]["new"] == "林东镇肉牛养殖示范基地" and fields["year_established"]["new"] == 2023
    assert fields["county_code"]["new"] == "150422" and fields["kind"]["new"] == "livestock"


def test_the_device_checks_the_county_and_township_against_its_division_list(records):
    with pytest.raises(ValidationError) as caught:
        records.save(demo_project(county_code="150499"))
    assert caught.value.field == "county_code"
    with pytest.raises(ValidationError) as caught:
        records.save(demo_base(township_code="150422999"))
    assert caught.value.field == "township_code"


def test_a_visit_names_the_base_it_served_and_that_travels(profile, records):
    base, _ = records.save(demo_base())
    project, _ = records.save(demo_project())
    v, _ = records.save(visit(demonstration_id=base.id))
    assert records.get(Visit, v.id).demonstration_id == base.id
    assert outbox(profile.store)[-1][2]["demonstration_id"]["new"] == base.id
    assert records.demonstration_name(base.id) == base.name and records.demonstration_name("nope") is None
    listed = records.list_demonstrations()
    assert [(d.record_type, d.id) for d in listed] == [("demo_base", base.id), ("demo_project", project.id)]
    assert listed[0].county_name == "巴林左旗" and listed[1].years == "2025–2027"
    assert [d.id for d in records.list_demonstrations("玉米")] == [project.id]


def test_a_base_is_submitted_approved_and_returned_like_a_visit(profile, records, specialist, manager):
    base, _ = records.save(demo_base())
    ReviewService(profile.store, specialist).submit("demo_base", base.id)
    assert [q.record_id for q in ReviewService(profile.store, manager).queue()] == [base.id]
    changes = ReviewService(profile.store, manager).approve("demo_base", base.id)
    assert changes.reviews and changes.demonstrations
    assert records.get(DemonstrationBase, base.id).review_state == "approved"
    edited, _ = records.save(records.get(DemonstrationBase, base.id).with_changes(scale="800头"))
    assert edited.review_state == "submitted"  # an approved record edited goes back for review
    project, _ = records.save(demo_project())
    ReviewService(profile.store, specialist).submit("demo_project", project.id)
    ReviewService(profile.store, manager).return_for_fixes("demo_project", project.id, "请补充面积")
    assert records.get(DemonstrationProject, project.id).review_state == "returned"
    assert ReviewService(profile.store, specialist).trail(project.id)[-1].comment == "请补充面积"
