"""A household's industries (reference names and 其他 text) sync as a list; the server keeps the shape
the household form gives, by the one rule set, and refuses a list the form cannot make."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.domain.records import Household
from sync.domain.vocabulary import RecordType, Role
from tests.factories import VILLAGE, household
from tests.server.support import household_fields
from tests.sync.harness import assert_converged, server_records


def test_industries_picked_and_typed_reach_the_server_and_the_manager(make_device, station, server_db):
    wang = make_device("wang", station)
    manager = make_device("li", station, Role.STATION_MANAGER)
    h, _ = wang.records.save(household(industries=("肉牛", "沙棘")))
    wang.sync_ok()
    assert server_records(server_db)[("household", h.id)]["industries"] == ["肉牛", "沙棘"]
    manager.sync_ok()
    got = manager.records.get(Household, h.id)
    assert got.industries == ("肉牛", "沙棘")
    edited, _ = manager.records.save(dataclasses.replace(got, industries=("经济林", "肉牛")), base=got)
    manager.sync_ok()
    wang.sync_ok()
    assert wang.records.get(Household, h.id).industries == ("经济林", "肉牛")
    assert_converged(server_db, wang, manager)


@pytest.mark.parametrize("industries", [["肉牛", "肉牛"], ["肉牛", ""], ["  "], [7], "肉牛"])
def test_the_server_refuses_a_list_the_form_cannot_make(world, station, industries):
    client = world.login(world.user(Role.SPECIALIST, station))
    entry = client.create(RecordType.HOUSEHOLD, household_fields(village_code=VILLAGE, industries=industries))
    result = client.push_one(entry)
    assert result["status"] == "rejected"
    assert "industries" in result["reason"]
    good = client.create(RecordType.HOUSEHOLD, household_fields(village_code=VILLAGE, industries=["肉牛", "沙棘"]))
    assert client.push_one(good)["status"] == "applied"
