"""Valid records for tests, so each test states only what it is about."""

from __future__ import annotations

import datetime as dt

from desktop.domain.records import DemonstrationBase, DemonstrationProject, Household, Training, Visit
from sync.domain.vocabulary import BaseKind, HouseholdKind, ProjectKind, ServiceType, VisitMode

TODAY = dt.date(2026, 6, 15)
# 巴林左旗 (Bairin Left Banner) and 索布力嘎村委会, a village of its township 林东镇.
COUNTY = "150422"
VILLAGE = "150422100200"
OTHER_COUNTY_VILLAGE = "150102001001"  # 公主府社区居委会, 呼和浩特市新城区
TOWNSHIP = VILLAGE[:9]  # 林东镇


def household(**overrides) -> Household:
    values = dict(name="张宝山", kind=HouseholdKind.FARMER, phone="13847112345", village_code=VILLAGE,
                  industries=("肉牛",), livestock_head=40, contact_consent=True)
    return Household(**{**values, **overrides})


def visit(household_ids: tuple[str, ...] = ("h-1",), **overrides) -> Visit:
    values = dict(visit_date=dt.date(2026, 6, 10), mode=VisitMode.ONSITE, duration_hours=3.0,
                  village_code=VILLAGE, household_ids=household_ids,
                  service_types=(ServiceType.GUIDANCE.value,), industry="肉牛",
                  problem="犊牛腹泻", advice="补充电解质，圈舍消毒")
    return Visit(**{**values, **overrides})


def training(**overrides) -> Training:
    values = dict(training_date=dt.date(2026, 6, 12), village_code=VILLAGE, place="村委会会议室",
                  topic="玉米密植高产技术", industry="玉米", trainers=("王芳",), hours=3.0,
                  attendees={"farmer": 30, "backbone": 5})
    return Training(**{**values, **overrides})


def demo_base(**overrides) -> DemonstrationBase:
    values = dict(name="林东镇肉牛养殖示范基地", kind=BaseKind.LIVESTOCK, county_code=COUNTY, township_code=TOWNSHIP,
                  village_code=VILLAGE, industry="肉牛", specialist_id="alice", year_established=2023,
                  area_mu=120.0, scale="600头", description="标准化圈舍与青贮示范")
    return DemonstrationBase(**{**values, **overrides})


def demo_project(**overrides) -> DemonstrationProject:
    values = dict(name="玉米密植高产示范项目", kind=ProjectKind.INDUSTRY, county_code=COUNTY, industry="玉米",
                  specialist_id="alice", start_year=2025, end_year=2027, area_mu=3000.0)
    return DemonstrationProject(**{**values, **overrides})
