"""A station manager merges two household records of one family while a colleague edits the one
that goes away offline: every laptop converges, no edit is lost, and the family counts once."""

from __future__ import annotations

import pytest

from desktop.domain.records import Household, Visit
from desktop.services.household_merges import HouseholdMergeService
from desktop.services.evaluation import EvaluationService
from desktop.services.indicators import IndicatorService
from sync.indicators import Area
from sync.domain.vocabulary import ReviewAction, ReviewState, Role
from sync.server.scope import Viewer
from sync.server.services.auth import Caller
from sync.server.services.evaluation import evaluation_document
from sync.server.services.reports import ReportRequest, indicator_report
from tests.factories import COUNTY, household, visit
from tests.sync.harness import assert_converged


@pytest.fixture
def team(make_device, station):
    """Two specialists and their manager; wang registered one family twice and visited both records."""
    wang, zhao = make_device("wang", station), make_device("zhao", station)
    li = make_device("li", station, Role.STATION_MANAGER)
    kept, _ = wang.records.save(household(name="张宝山", phone="13847112345", livestock_head=30, notes=""))
    gone, _ = wang.records.save(household(name="张宝山", phone="13847112346", livestock_head=40, notes=""))
    for device in (wang, zhao, li):
        device.sync_ok()
    return wang, zhao, li, kept, gone


def _merge(manager, gone: Household, kept: Household) -> None:
    merges = HouseholdMergeService(manager.store, manager.profile.identity.current())
    merges.merge(gone.id, kept.id)


def test_an_offline_edit_of_the_merged_away_household_reaches_the_kept_one_on_every_laptop(team, server_db):
    wang, zhao, li, kept, gone = team
    before, _ = wang.records.save(visit(household_ids=(gone.id,)))
    wang.sync_ok()
    # zhao, offline, edits the record that is about to go away and visits it again.
    zhao.records.save(zhao.records.get(Household, gone.id).with_changes(notes="牛棚漏雨", livestock_head=45))
    offline, _ = zhao.records.save(visit(household_ids=(gone.id,), problem="羔羊腹泻"))
    li.sync_ok()
    _merge(li, gone, kept)
    li.sync_ok()

    report = zhao.sync_ok()
    assert report.conflicts == 1
    for device in (wang, li, zhao, wang, li):
        device.sync_ok()
    for device in (wang, zhao, li):
        survivor = device.records.get(Household, kept.id)
        assert survivor.notes == "牛棚漏雨", device.name  # filled in: the kept record had no notes
        assert survivor.livestock_head == 30, device.name  # both had a value: a person decides
        assert device.records.get(Household, gone.id).merged_into == kept.id, device.name
        assert [h.id for h in device.records.list_households()] == [kept.id], device.name
    for device, record in ((wang, before), (li, before), (li, offline), (zhao, offline)):
        assert device.records.get(Visit, record.id).household_ids == (kept.id,), device.name
    for device in (zhao, li):  # the edit's author and the station manager see what is left to decide
        [conflict] = device.service.overview().open_conflicts
        assert (conflict.record_id, conflict.field, conflict.server_value, conflict.client_value) == \
            (kept.id, "livestock_head", 30, 45)
    assert_converged(server_db, wang, zhao, li)


def test_the_family_counts_once_on_the_laptop_and_on_the_server(team, server_db, station):
    wang, zhao, li, kept, gone = team
    other, _ = zhao.records.save(household(name="李四", phone="13900000001"))
    saved = [wang.records.save(visit(household_ids=(gone.id,), review_state=ReviewState.SUBMITTED))[0],
             wang.records.save(visit(household_ids=(kept.id,), review_state=ReviewState.SUBMITTED))[0],
             zhao.records.save(visit(household_ids=(gone.id, other.id), review_state=ReviewState.SUBMITTED))[0]]
    for device in (wang, zhao, li):
        device.sync_ok()
    for record in saved:
        li.review(li.records.get(Visit, record.id), ReviewAction.APPROVE, ReviewState.APPROVED)
    area = Area(COUNTY, station)
    # Hand-counted: 张宝山 (twice registered) and 李四 — three household records, two families.
    assert IndicatorService(li.store).year(2026, area).households_served == 3

    _merge(li, gone, kept)
    assert IndicatorService(li.store).year(2026, area).households_served == 2  # at once, before any sync
    li.sync_ok()
    zhao.sync_ok()

    manager = li.profile.identity.current()
    caller = Caller("test", Viewer(manager.user_id, Role.STATION_MANAGER, station, COUNTY, COUNTY[:4]), "epoch")
    assert indicator_report(server_db, caller, ReportRequest(2026, COUNTY, station)).households_served == 2
    assert IndicatorService(zhao.store).year(2026, area).households_served == 2
    assert IndicatorService(li.store).year(2026, area).households_served == 2
    # The evaluation too, on the laptop and on the server (set-based SQL on PostgreSQL).
    assert _station_households(EvaluationService(li.store).document(2026, "15"), station) == 2
    assert _station_households(evaluation_document(server_db, 2026, "15"), station) == 2


def _station_households(document: dict, station: str) -> float:
    (unit,) = [u for u in document["units"]["station"] if u["unit_id"] == station]
    return unit["criteria"]["households"]["achieved"]
