"""The visit CSV and the workbook's 服务记录 sheet carry every field a user entered, with headers and
industry names in the file's language."""

from __future__ import annotations

import csv
import datetime as dt

from openpyxl import load_workbook

from desktop.reports.exporter import Exporter
from desktop.services.export import ExportService
from desktop.services.review import ReviewService
from tests.factories import household, visit

EVERY_VISIT_HEADER = ["日期", "结束日期", "记录人", "服务方式", "服务时长（小时）", "乡镇", "村", "村代码", "服务户数",
                      "服务对象", "服务类型", "产业", "发现问题", "建议与措施", "回访日期", "纬度", "经度", "照片数",
                      "审核状态", "记录编号"]


def _a_full_visit(records):
    h1, _ = records.save(household(name="宝音", phone=""))
    h2, _ = records.save(household(name="其其格", phone=""))
    saved, _ = records.save(visit((h1.id, h2.id), visit_date=dt.date(2026, 5, 10), end_date=dt.date(2026, 5, 12),
                                  duration_hours=3.5, follow_up_date=dt.date(2026, 5, 24), latitude=43.9812,
                                  longitude=119.3905, industry="肉牛", advice="补充电解质，圈舍消毒"))
    ReviewService(records.store, records.identity).submit("visit", saved.id)  # drafts are never exported
    return saved


def _csv(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_the_visit_csv_has_every_entered_field_under_chinese_headers(records, profile, tmp_path):
    saved = _a_full_visit(records)
    out = tmp_path / "visits.csv"
    Exporter(ExportService(profile.store), "zh_CN").export("visits", "csv", out, approved_only=False)
    header, row = _csv(out)
    assert header == EVERY_VISIT_HEADER
    values = dict(zip(header, row, strict=True))
    assert (values["日期"], values["结束日期"], values["服务时长（小时）"], values["回访日期"]) == \
        ("2026-05-10", "2026-05-12", "3.5", "2026-05-24")
    assert (values["乡镇"], values["村"], values["服务对象"]) == ("林东镇", "索布力嘎村委会", "宝音、其其格")
    assert (values["建议与措施"], values["产业"], values["纬度"], values["经度"]) == \
        ("补充电解质，圈舍消毒", "肉牛", "43.9812", "119.3905")
    assert values["记录编号"] == saved.id and values["服务方式"] == "现场"


def test_an_english_export_names_industries_in_english_and_keeps_place_names(records, profile, tmp_path):
    _a_full_visit(records)
    out = tmp_path / "visits-en.csv"
    Exporter(ExportService(profile.store), "en").export("visits", "csv", out, approved_only=False)
    header, row = _csv(out)
    values = dict(zip(header, row, strict=True))
    assert (values["Industry"], values["Advice and measures"], values["Township"]) == \
        ("Beef cattle", "补充电解质，圈舍消毒", "林东镇")


def test_the_workbook_visit_sheet_has_the_same_columns(records, profile, tmp_path):
    _a_full_visit(records)
    out = tmp_path / "year.xlsx"
    Exporter(ExportService(profile.store), "zh_CN").export("indicators", "xlsx", out, year=2026, area="150422",
                                                           approved_only=False)
    sheet = load_workbook(out)["服务记录"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == EVERY_VISIT_HEADER
    values = dict(zip(rows[0], rows[1], strict=True))
    assert (values["服务对象"], values["服务时长（小时）"], values["建议与措施"]) == ("宝音、其其格", 3.5, "补充电解质，圈舍消毒")
