"""The plan's figures read in the reader's language: units and lists in English in an English report."""

from __future__ import annotations

from sync.domain.evaluation_table import plan_rows

PLAN = {
    "workstations": {"counties_reaching": 101, "counties": 103, "per_county": 1,
                     "counties_without": [{"name": "新城区", "county_code": "150102"},
                                          {"name": "回民区", "county_code": "150103"}]},
    "counts": {"grassroots_technicians_trained": {"achieved": 2870, "target": 3000, "unit": "人"},
               "results_transferred": {"achieved": None, "target": 16, "unit": "项"},
               "demonstration_projects": {"achieved": 40, "target": 100, "unit": "项", "source": "typed"}},
    "key_counties": [],
}


def test_an_english_report_gives_the_plans_units_in_english():
    rows = plan_rows({"plan": PLAN}, "en")
    targets = {row[0]: row[3] for row in rows if row[0]}
    assert [t for t in targets.values() if any("\u4e00" <= ch <= "\u9fff" for ch in str(t))] == []
    assert "3000 people" in targets.values() and "16 results" in targets.values()
    assert "100 projects" in targets.values()
    without = next(row[2] for row in rows if "新城区" in str(row[2]))
    assert without == "新城区, 回民区"  # names stay as they are; the list reads as English


def test_a_chinese_report_keeps_the_plans_units():
    rows = plan_rows({"plan": PLAN}, "zh_CN")
    targets = [row[3] for row in rows if row[0]]
    assert "3000 人" in targets and "16 项" in targets
    assert any(row[2] == "新城区、回民区" for row in rows)
