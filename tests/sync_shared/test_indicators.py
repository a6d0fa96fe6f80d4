"""Year indicators against hand-counted figures, with coverage counted on the official division list."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from resources import resource_path
from sync.domain.coverage import CountyGeography, is_administrative_village, is_rural_township
from sync.indicators import Area, TrainingFact, VisitFact, compute

BLZQ = "150422"  # 巴林左旗
LINDONG = "150422100"  # 林东镇
V1, V2 = "150422100200", "150422100201"  # 索布力嘎村委会, 福山地村委会 (林东镇)
V3 = "150422101200"  # a village of 隆昌镇
URBAN = "150422100001"  # a residents' committee: not an administrative village
SAIHAN_VILLAGE = "150105100200"  # 赛罕区, 呼和浩特市 — outside the county


def blzq() -> CountyGeography:
    with resource_path("reference", "divisions.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["code"].startswith(BLZQ)]
    return CountyGeography(
        county_code=BLZQ, name="巴林左旗",
        township_codes=frozenset(r["code"] for r in rows if r["level"] == "township" and is_rural_township(r["code"])),
        village_codes=frozenset(r["code"] for r in rows if r["level"] == "village" and is_administrative_village(r["code"])),
        leading_industries=frozenset({"牧草", "肉牛牦牛", "高粱", "笤帚", "大豆"}),
    )


def v(author, day, village, households, mode="onsite", types=("guidance",), industry="牧草", station="WS-045"):
    return VisitFact(author, station, day, mode, village, tuple(households), tuple(types), industry)


D = dt.date
VISITS = [
    v("a", D(2026, 3, 1), V1, ["h1", "h2"]),
    v("a", D(2026, 3, 1), V2, ["h2"], industry="高粱"),  # same day: still one on-site day
    v("a", D(2026, 3, 2), V2, ["h3"], mode="phone", industry="大豆"),  # remote: guidance, but no on-site day
    v("b", D(2026, 4, 9), V3, ["h4"], types=("policy",), industry="笤帚"),
    v("b", D(2025, 12, 31), V1, ["h9"]),  # last year
    v("c", D(2026, 5, 5), SAIHAN_VILLAGE, ["h5"], station="WS-002", industry="大宗蔬菜"),
    v("a", D(2026, 6, 1), URBAN, ["h1"], types=("training", "guidance"), industry="肉牛牦牛"),
]
TRAININGS = [
    TrainingFact("a", "WS-045", D(2026, 3, 5), V1, "牧草", {"backbone": 5, "farmer": 30, "extension_staff": 2}),
    TrainingFact("b", "WS-045", D(2026, 7, 5), V3, "高粱", {"local_expert": 3, "tech_savvy": 4}),
    TrainingFact("b", "WS-045", D(2025, 7, 5), V3, "高粱", {"local_expert": 100}),
]


def test_the_official_list_gives_the_county_its_rural_townships_and_administrative_villages():
    county = blzq()
    assert len(county.township_codes) == 11  # 7 镇, 1 苏木, 2 乡 … without 街道 and the 产业园
    assert LINDONG in county.township_codes and "150422403" not in county.township_codes
    assert len(county.village_codes) == 166 and URBAN not in county.village_codes


def test_region_wide_counts():
    r = compute(2026, Area("15"), VISITS, TRAININGS)
    assert (r.visits, r.onsite_visits, r.trainings) == (6, 5, 2)
    assert r.households_served == 5  # h1 h2 h3 h4 h5; h9 was served last year
    assert r.local_talent_trained == 5 + 3 + 4
    assert r.grassroots_technicians_trained == 2
    assert r.trained_by_category["farmer"] == 30
    assert r.visits_by_service_type == {"guidance": 5, "policy": 1, "training": 1, "transfer": 0,
                                        "research": 0, "marketing": 0}
    assert r.visits_by_industry["牧草"] == 1 and r.visits_by_industry["高粱"] == 1


def test_on_site_days_count_distinct_days_on_site_and_flag_those_under_sixty():
    r = compute(2026, Area("15"), VISITS, TRAININGS)
    days = {s.author_id: (s.onsite_days, s.visits) for s in r.specialists}
    assert days == {"a": (2, 4), "b": (1, 1), "c": (1, 1)}
    assert {s.author_id for s in r.specialists_below_target} == {"a", "b", "c"}


def test_the_on_site_days_flag_follows_the_target_in_force():
    r = compute(2026, Area("15"), VISITS, TRAININGS, onsite_days_target=2)
    assert r.onsite_days_target == 2
    assert {s.author_id for s in r.specialists_below_target} == {"b", "c"}  # a has 2 days on site


def test_a_county_report_leaves_out_other_counties_and_a_station_report_other_stations():
    county = compute(2026, Area(BLZQ), VISITS, TRAININGS)
    assert county.visits == 5 and county.households_served == 4
    station = compute(2026, Area("15", station_id="WS-002"), VISITS, TRAININGS)
    assert (station.visits, station.households_served, station.trainings) == (1, 1, 0)


def test_three_coverages_of_a_county_against_the_official_list():
    [cov] = compute(2026, Area(BLZQ), VISITS, TRAININGS, [blzq()]).coverage
    # guidance was given for 牧草, 高粱, 大豆 (by phone — guidance all the same) and 肉牛牦牛; 笤帚 got policy only
    assert cov.industries_guided == ("大豆", "牧草", "肉牛牦牛", "高粱")
    assert cov.industries_unguided == ("笤帚",)
    # on-site service reached 林东镇 (V1, V2, URBAN) and 隆昌镇 (V3)
    assert (cov.townships_served, cov.townships_total) == (2, 11)
    assert LINDONG not in cov.townships_unserved and "150422102" in cov.townships_unserved
    # V1, V2, V3 are administrative villages; the urban committee does not count
    assert (cov.villages_served, cov.villages_total) == (3, 166)
    assert len(cov.villages_unserved) == 163 and V1 not in cov.villages_unserved


@pytest.mark.parametrize("code, rural", [("150422100", True), ("150422200", True), ("150422001", False),
                                         ("150422405", False)])
def test_rural_townships_follow_the_official_code_ranges(code, rural):
    assert is_rural_township(code) is rural
