"""Tests of tools/build_reference.py: what it reads from the seed annexes and what it refuses."""
from __future__ import annotations

import csv
import importlib.util
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "tools" / "build_reference.py"
# CI clones the repository elsewhere and puts a copy of shared/ beside the clone.
SHARED = REPO_ROOT.parent / "shared"
COMMITTED = REPO_ROOT / "resources" / "reference"

needs_shared = pytest.mark.skipif(
    not (SHARED / "seed").is_dir() or not (SHARED / "reference" / "divisions").is_dir(),
    reason=f"the read-only shared folder (seed and divisions) is not beside the repository at {SHARED}",
)


def load_script():
    spec = importlib.util.spec_from_file_location("build_reference", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the module executes.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


br = load_script()


@pytest.fixture(scope="module")
def built() -> dict:
    files = br.build(SHARED)
    data = {name: json.loads(text) for name, text in files.items() if name.endswith(".json")}
    data["divisions"] = list(csv.DictReader(io.StringIO(files["divisions.csv"])))
    return data


@pytest.fixture(scope="module")
def by_code(built) -> dict:
    return {record["code"]: record
            for name in ("stations.json", "national_teams.json", "squads.json")
            for record in built[name]}


@pytest.fixture(scope="module")
def counties(built) -> dict:
    return {row["code"]: row for row in built["divisions"] if row["level"] == "county"}


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args],
                          capture_output=True, text=True, encoding="utf-8")


# --- the real seed ------------------------------------------------------------------------------

@needs_shared
@pytest.mark.parametrize("name, count", [
    ("stations.json", 74), ("national_teams.json", 10), ("squads.json", 18)])
def test_every_annex_row_lands_on_an_official_county_of_its_league(built, counties, name, count):
    records = built[name]
    assert len(records) == count
    for record in records:
        county = counties[record["county_code"]]
        assert county["parent_code"] == record["league_code"], record["source"]


@needs_shared
@pytest.mark.parametrize("code, written, county_code, official", [
    ("WS-035", "科右前旗", "152221", "科尔沁右翼前旗"),
    ("NT-152221", "科右前旗", "152221", "科尔沁右翼前旗"),
    ("WS-036", "科右中旗", "152222", "科尔沁右翼中旗"),
    ("WS-038", "科左中旗", "150521", "科尔沁左翼中旗"),
    ("WS-040", "科左后旗", "150522", "科尔沁左翼后旗"),
    ("SQ-016", "阿左旗", "152921", "阿拉善左旗"),
    ("WS-047", "元宝山", "150403", "元宝山区"),
    ("NT-150723", "鄂伦春旗", "150723", "鄂伦春自治旗"),
    ("WS-057", "察右前旗", "150926", "察哈尔右翼前旗"),
    ("WS-058", "察右中旗", "150927", "察哈尔右翼中旗"),
])
def test_short_county_names_resolve_to_the_official_code(by_code, counties, code, written,
                                                        county_code, official):
    assert by_code[code]["county_code"] == county_code
    assert counties[county_code]["name"] == official


@needs_shared
def test_hohhot_written_one_character_a_line_is_league_1501(by_code):
    hohhot_rows = [f"WS-{n:03d}" for n in range(1, 18)] + [f"SQ-{n:03d}" for n in range(1, 5)]
    assert {by_code[code]["league_code"] for code in hohhot_rows} == {"1501"}
    assert by_code["WS-018"]["league_code"] == "1502"  # 包头市 starts after the 17 of 呼和浩特市


@needs_shared
def test_row_with_a_word_bookmark_is_the_ewenki_banner(by_code):
    station = by_code["WS-028"]
    assert station["county_code"] == "150724"
    assert station["source"] == "附件2 row 28"
    assert "bookmark" not in json.dumps(by_code, ensure_ascii=False)


@needs_shared
def test_station_name_broken_across_lines_is_joined_without_a_space(by_code):
    assert by_code["WS-004"]["name"] == "和林县盛乐镇农业新品种、新技术应用推广科技特派员工作站"
    assert by_code["WS-070"]["name"] == "内蒙古鲜农农牧业科技有限公司科技特派员工作站"


@needs_shared
@pytest.mark.parametrize("code, industries", [
    ("WS-020", ["马铃薯", "大宗蔬菜", "食用菌", "果树苗木"]),
    ("WS-010", ["大宗蔬菜", "果树"]),  # the cell breaks after "、"
    ("WS-046", ["牧草", "家禽", "猪", "牛", "羊"]),
    ("WS-021", ["农畜产品加工", "畜牧养殖", "大宗蔬菜"]),  # the fix-up table
    ("SQ-015", ["经济作物", "玉米"]),
])
def test_industry_cells_become_lists_in_source_order(by_code, code, industries):
    assert by_code[code]["industries"] == industries


@needs_shared
def test_balinzuo_team_has_its_five_industry_rows_and_27_experts(by_code):
    team = by_code["NT-150422"]
    assert team["industries"] == ["牧草", "绒毛用羊", "肉牛牦牛", "高粱", "肉驴"]
    assert (team["industry_count"], team["expert_count"]) == (5, 27)
    assert team["source"] == "附件1 rows 1-5"


@needs_shared
def test_every_team_lists_as_many_industries_as_its_count_cell_says(built):
    teams = built["national_teams.json"]
    assert all(len(team["industries"]) == team["industry_count"] for team in teams)
    assert sum(team["industry_count"] for team in teams) == 54


@needs_shared
def test_industries_are_every_distinct_annex_industry_in_order_of_first_appearance(built):
    industries = built["industries.json"]
    assert industries[0] == {"code": "IND-001", "name": "牧草", "name_en": "Forage grass",
                             "aliases": ["饲草", "苜蓿", "饲草料"]}
    names = [industry["name"] for industry in industries]
    assert len(names) == len(set(names))
    used = {name for file in ("national_teams.json", "stations.json", "squads.json")
            for record in built[file] for name in record["industries"]}
    assert set(names) == used


@needs_shared
def test_targets_carry_the_figures_of_the_plan(built):
    values = {target["key"]: target["value"] for target in built["targets.json"]}
    assert values.items() >= {
        "households_served": 100000, "people_trained": 5000, "onsite_days_per_specialist": 60,
        "specialists_dispatched": 4000, "grassroots_technicians_trained": 3000,
        "workstations": 100, "demonstration_bases": 182, "demonstration_projects": 100,
        "key_support_counties": 24, "collaborative_teams": 16, "results_transferred": 16,
    }.items()
    assert {target["scope"] for target in built["targets.json"]} <= {
        "region", "per_specialist", "per_county"}


@needs_shared
def test_divisions_hold_every_official_unit_under_a_listed_parent(built):
    rows = built["divisions"]
    levels = [row["level"] for row in rows]
    assert [levels.count(level) for level in ("league", "county", "township", "village")] == [
        12, 108, 1225, 14592]
    codes = {row["code"] for row in rows}
    assert all(row["parent_code"] in codes for row in rows if row["level"] != "league")
    assert [row["code"] for row in rows] == sorted(codes)


@needs_shared
def test_every_alias_and_fixup_is_needed_by_the_seed():
    seed_lines = (SHARED / br.SEED_FILE).read_text(encoding="utf-8").splitlines()
    for short in br.COUNTY_ALIASES:
        assert f"\t{short}" in seed_lines, f"alias {short} is not used"
    for cell in br.INDUSTRY_FIXUPS:
        assert f"\t{cell}" in seed_lines, f"fix-up {cell} is not used"


@needs_shared
def test_committed_reference_files_are_what_the_script_makes():
    result = run_script("--shared", str(SHARED), "--out", str(COMMITTED), "--check")
    assert result.returncode == 0, result.stderr


@needs_shared
def test_check_fails_when_a_committed_file_was_edited_by_hand(tmp_path):
    shutil.copytree(COMMITTED, tmp_path, dirs_exist_ok=True)
    stations = tmp_path / "stations.json"
    stations.write_text(stations.read_text(encoding="utf-8").replace('"WS-001"', '"WS-999"'),
                        encoding="utf-8")
    result = run_script("--shared", str(SHARED), "--out", str(tmp_path), "--check")
    assert result.returncode == 1
    assert "stations.json" in result.stderr


@needs_shared
def test_build_stops_naming_the_row_when_a_county_cannot_be_found(tmp_path):
    shared = tmp_path / "shared"
    shutil.copytree(SHARED / "reference", shared / "reference")
    seed = (SHARED / br.SEED_FILE).read_text(encoding="utf-8")
    assert seed.count("\t元宝山\n") == 1
    (shared / br.SEED_FILE).parent.mkdir(parents=True)
    (shared / br.SEED_FILE).write_text(seed.replace("\t元宝山\n", "\t元宝\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = run_script("--shared", str(shared), "--out", str(out))
    assert result.returncode == 1
    assert "附件2 row 47" in result.stderr and "'元宝'" in result.stderr
    assert not out.exists()


# --- synthetic mini-annexes ---------------------------------------------------------------------

LEAGUE = br.Division("1599", "测试盟", "league", "")
OTHER_LEAGUE = br.Division("1598", "别的盟", "league", "")
FAKE_DIVISIONS = [
    LEAGUE, OTHER_LEAGUE,
    br.Division("159901", "东河区", "county", "1599"),
    br.Division("159902", "东河县", "county", "1599"),
    br.Division("159903", "西山旗", "county", "1599"),
    br.Division("159801", "北湖县", "county", "1598"),
]


def mini_annex(number: int, caption: str, rows: list[list[str]]) -> list[str]:
    lines = ["标题", caption]
    for cells in [list(br.ANNEX_HEADERS[number]), *rows]:
        lines += [f"\t{cell}" for cell in cells] + [""]
    return lines


def build_stations(rows: list[list[str]]) -> list[dict]:
    annex = br.parse_annex(2, mini_annex(2, f"（{len(rows)}家）", rows))
    return br.build_row_records(annex, br.CountyResolver(FAKE_DIVISIONS), "WS")


def test_mini_annex_row_resolves_by_adding_a_suffix_within_its_league():
    stations = build_stations([["1 ", "测试盟", "西山", "玉米", "西山站", "3"]])
    assert stations[0]["county_code"] == "159903"


@pytest.mark.parametrize("county, complaint", [
    ("南海旗", "cannot resolve county '南海旗'"),
    ("东河", "ambiguous"),  # 东河区 and 东河县
    ("北湖县", "is not in 测试盟"),
])
def test_mini_annex_row_that_cannot_be_placed_stops_the_build_naming_it(county, complaint):
    rows = [["1 ", "测试盟", "西山旗", "玉米", "一号站", "3"], ["2 ", "", county, "玉米", "二号站", "4"]]
    with pytest.raises(br.BuildError) as failure:
        build_stations(rows)
    message = str(failure.value)
    assert message.startswith("附件2 row 2 ")
    assert county in message and complaint in message


def test_mini_annex_team_whose_count_cell_disagrees_with_its_rows_stops_the_build():
    rows = [["1 ", "测试盟", "西山旗", "玉米", "3类", "9"], ["2 ", "", "", "大豆", "", ""]]
    annex = br.parse_annex(1, mini_annex(1, "（1个旗县）", rows))
    with pytest.raises(br.BuildError, match=r"附件1 rows 1-2: .*3类 but it has 2 industry rows"):
        br.build_national_teams(annex, br.CountyResolver(FAKE_DIVISIONS))


def test_mini_annex_with_a_skipped_row_number_stops_the_build():
    rows = [["1 ", "测试盟", "西山旗", "玉米", "一号站", "3"], ["3 ", "", "", "玉米", "三号站", "4"]]
    with pytest.raises(br.BuildError, match="expected row number 2, got '3'"):
        build_stations(rows)
