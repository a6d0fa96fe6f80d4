"""Reference data reaches a new profile and the pickers find places as users type them."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop.store.models import Division, Industry, NationalTeam, Squad, Station, Target
from desktop.store.reference_loader import load_reference


def test_a_new_profile_holds_every_division_station_team_squad_and_target(profile):
    with profile.store.reader() as s:
        levels = dict(s.execute(select(Division.level, func.count()).group_by(Division.level)).all())
        assert levels == {"league": 12, "county": 108, "township": 1225, "village": 14592}
        assert [s.scalar(select(func.count()).select_from(m)) for m in (Station, NationalTeam, Squad)] == [74, 10, 18]
        assert s.scalar(select(func.count()).select_from(Industry)) > 40
        assert s.get(Target, "households_served").value == 100000


def test_pinyin_initials_find_the_county(profile):
    [hit, *_] = profile.reference.search_divisions("blzq", level="county")
    assert (hit.code, hit.name, hit.path) == ("150422", "巴林左旗", "赤峰市 / 巴林左旗")


def test_a_chinese_substring_finds_villages_within_a_county(profile):
    hits = profile.reference.search_divisions("索布力嘎", level="village", within="150422")
    assert [h.code for h in hits] == ["150422100200"]
    assert profile.reference.search_divisions("索布力嘎", level="village", within="1501") == []


def test_the_cascade_goes_league_county_township_village(profile):
    leagues = profile.reference.children(None)
    assert len(leagues) == 12 and leagues[0].name == "呼和浩特市"
    counties = profile.reference.children("1504")
    assert "巴林左旗" in [c.name for c in counties]
    townships = profile.reference.children("150422")
    assert all(t.level == "township" and t.code.startswith("150422") for t in townships)


def test_reloading_unchanged_reference_data_does_nothing_and_keeps_edited_targets(profile):
    assert load_reference(profile.store) is False
    with profile.store.unit_of_work() as s:
        s.get(Target, "households_served").value = 120000
    assert load_reference(profile.store, force=True) is True
    with profile.store.reader() as s:
        assert s.get(Target, "households_served").value == 120000
        assert s.scalar(select(func.count()).select_from(Station)) == 74


def test_station_search_matches_name_or_code(profile):
    assert [s.code for s in profile.reference.stations("巴林左旗")] == ["WS-045"]
    assert profile.reference.stations("ws-074")[0].county_code == "152923"  # 额济纳旗
