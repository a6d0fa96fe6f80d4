"""Indicators read from a real store agree with what was recorded through the service."""

from __future__ import annotations

import datetime as dt

from desktop.services.indicators import IndicatorService
from desktop.store import indicator_queries
from sync.indicators import Area
from sync.domain.counting import CountingRule
from tests import factories
from tests.factories import COUNTY, OTHER_COUNTY_VILLAGE, household

WITH_SUBMITTED = CountingRule.WITH_SUBMITTED


def visit(household_ids, **overrides):
    """A visit submitted for review (drafts never count)."""
    return factories.visit(household_ids, review_state="submitted", **overrides)


def training(**overrides):
    return factories.training(review_state="submitted", **overrides)


def test_the_store_feeds_the_indicators_what_was_recorded(records, profile):
    h1, _ = records.save(household(name="甲", phone=""))
    h2, _ = records.save(household(name="乙", phone=""))
    records.save(visit(household_ids=(h1.id, h2.id), visit_date=dt.date(2026, 3, 1)))
    records.save(visit(household_ids=(h1.id,), visit_date=dt.date(2026, 3, 1), mode="phone"))
    records.save(visit(household_ids=(h2.id,), visit_date=dt.date(2026, 4, 1), village_code=OTHER_COUNTY_VILLAGE))
    gone, _ = records.save(visit(household_ids=("h-x",), visit_date=dt.date(2026, 5, 1)))
    records.delete(type(gone), gone.id)
    records.save(training(attendees={"backbone": 4, "farmer": 10}))

    county = IndicatorService(profile.store).year(2026, Area(COUNTY), approved_only=False)

    assert (county.visits, county.onsite_visits, county.households_served) == (2, 1, 2)
    assert county.local_talent_trained == 4
    [cov] = county.coverage
    assert cov.county_code == COUNTY and (cov.townships_served, cov.villages_served) == (1, 1)
    assert set(cov.industries_guided) | set(cov.industries_unguided) == {
        "牧草", "绒毛用羊", "肉牛牦牛", "高粱", "肉驴", "笤帚", "大豆", "牛", "羊"}


def test_a_league_report_lists_coverage_for_each_of_its_counties(profile):
    report = IndicatorService(profile.store).year(2026, Area("1504"))
    assert len(report.coverage) == 12  # 赤峰市 has 12 county-level units
    assert all(c.county_code.startswith("1504") for c in report.coverage)


def test_only_the_areas_records_are_read_from_the_store(records, profile, specialist):
    h, _ = records.save(household(name="丙", phone=""))
    here, _ = records.save(visit(household_ids=(h.id,), visit_date=dt.date(2026, 3, 1)))
    elsewhere, _ = records.save(visit(household_ids=(h.id,), visit_date=dt.date(2026, 3, 2),
                                      village_code=OTHER_COUNTY_VILLAGE))
    with profile.store.reader() as s:
        in_county = indicator_queries.visit_facts(s, 2026, WITH_SUBMITTED, area=Area(COUNTY))
        in_league = indicator_queries.visit_facts(s, 2026, WITH_SUBMITTED, area=Area(COUNTY[:4]))
        of_station = indicator_queries.visit_facts(s, 2026, WITH_SUBMITTED, area=Area("15", "WS-NONE"))
        everywhere = indicator_queries.visit_facts(s, 2026, WITH_SUBMITTED, area=Area("15"))
        trainings = indicator_queries.training_facts(s, 2026, WITH_SUBMITTED, area=Area(OTHER_COUNTY_VILLAGE[:6]))
    assert [v.village_code for v in in_county] == [here.village_code]
    assert len(everywhere) == 2 and of_station == [] and trainings == []
    assert len(in_league) == (2 if OTHER_COUNTY_VILLAGE.startswith(COUNTY[:4]) else 1)


def test_the_device_flags_on_site_days_against_the_target_in_its_store(records, profile):
    from sqlalchemy import update

    from desktop.store.models import Target

    h, _ = records.save(household(name="丁", phone=""))
    records.save(visit(household_ids=(h.id,), visit_date=dt.date(2026, 3, 1)))
    service = IndicatorService(profile.store)
    assert [s.below_target for s in service.year(2026, Area(COUNTY), approved_only=False).specialists] == [True]
    with profile.store.unit_of_work(remote=True) as s:  # as a pulled target change writes it
        s.execute(update(Target).where(Target.key == "onsite_days_per_specialist").values(value=1))
    figures = service.year(2026, Area(COUNTY), approved_only=False)
    assert figures.onsite_days_target == 1 and [s.below_target for s in figures.specialists] == [False]
