"""The device counts the hand-counted year as an evaluator would: the rule, whole-year days, sub-industries."""

from __future__ import annotations

import pytest

from desktop.services.indicators import IndicatorService
from sync.indicators import Area
from tests.reports import hand_counted as hc


@pytest.fixture
def service(records, profile) -> IndicatorService:
    hc.record_hand_counted_year(records)
    return IndicatorService(profile.store)


def test_approved_records_count_and_returned_or_draft_never(service):
    f = service.year(2026, Area(hc.COUNTY))
    assert (f.visits, f.onsite_visits, f.households_served, f.trainings) == (
        hc.VISITS, hc.ONSITE_VISITS, hc.HOUSEHOLDS, hc.TRAININGS)
    assert (f.local_talent_trained, f.grassroots_technicians_trained) == (hc.LOCAL_TALENT, hc.GRASSROOTS)
    assert f.counting_rule == "approved"


def test_submitted_records_count_only_when_asked_and_the_figures_say_so(service):
    f = service.year(2026, Area(hc.COUNTY), approved_only=False)
    assert f.visits == hc.WITH_SUBMITTED_VISITS and f.counting_rule == "approved_and_submitted"
    [specialist] = f.specialists
    assert specialist.onsite_days == hc.WITH_SUBMITTED_ONSITE_DAYS
    assert f.coverage[0].industries_guided == hc.WITH_SUBMITTED_GUIDED
    assert f.trainings == hc.TRAININGS  # the returned training still does not count


def test_on_site_days_are_the_specialist_s_whole_year_each_day_once(service):
    [specialist] = service.year(2026, Area(hc.COUNTY)).specialists
    assert specialist.onsite_days == hc.ONSITE_DAYS and specialist.visits == hc.VISITS
    [region] = service.year(2026, Area("15")).specialists
    assert region.onsite_days == hc.ONSITE_DAYS and region.visits == hc.VISITS + 1  # with 新城区's visit


def test_coverage_counts_sub_industries_and_the_villages_trainings_served(service):
    [coverage] = service.year(2026, Area(hc.COUNTY)).coverage
    assert coverage.industries_guided == hc.GUIDED
    assert (coverage.townships_served, coverage.townships_total) == hc.TOWNSHIPS
    assert (coverage.villages_served, coverage.villages_total) == hc.VILLAGES
    assert hc.V4 not in coverage.villages_unserved and hc.UNSERVED_VILLAGE[0] in coverage.villages_unserved
