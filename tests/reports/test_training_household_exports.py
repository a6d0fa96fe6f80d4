"""The training and household CSVs and the workbook's 培训记录 sheet carry every field a user entered, with
Chinese headers; named attendees, phones and notes only for a role whose work needs them."""

from __future__ import annotations

import csv
import datetime as dt

from openpyxl import load_workbook

from desktop.reports.exporter import Exporter
from desktop.services.export import ExportService
from desktop.services.review import ReviewService
from sync.domain.vocabulary import Role
from tests.factories import COUNTY, household, training

EVERY_TRAINING_HEADER = ["日期", "记录人", "乡镇", "村", "村代码", "培训地点", "培训主题", "产业", "授课人", "学时",
                         "技术骨干（人）", "土专家（人）", "技术明白人（人）", "农牧民（人）", "基层农技人员（人）",
                         "参训人数", "实名参训户数", "实名参训户", "照片数", "审核状态", "记录编号"]


def _a_full_training(records):
    h1, _ = records.save(household(name="宝音", phone="", contact_consent=True))
    h2, _ = records.save(household(name="其其格", phone="", contact_consent=True))
    saved, _ = records.save(training(
        place="村委会会议室", topic="肉牛冬季补饲", industry="肉牛", trainers=("王芳", "李强"), hours=3.5,
        attendees={"farmer": 30, "backbone": 5, "extension_staff": 2}, attendee_household_ids=(h1.id, h2.id)))
    ReviewService(records.store, records.identity).submit("training", saved.id)  # drafts are never exported
    return saved


def _csv(path):
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_the_training_csv_has_every_entered_field_under_chinese_headers(records, profile, tmp_path):
    saved = _a_full_training(records)
    out = tmp_path / "trainings.csv"
    Exporter(ExportService(profile.store), "zh_CN").export("trainings", "csv", out, approved_only=False)
    header, row = _csv(out)
    assert header == EVERY_TRAINING_HEADER
    values = dict(zip(header, row, strict=True))
    assert (values["日期"], values["培训地点"], values["培训主题"], values["授课人"], values["学时"]) == \
        ("2026-06-12", "村委会会议室", "肉牛冬季补饲", "王芳、李强", "3.5")
    assert (values["乡镇"], values["村"], values["产业"]) == ("林东镇", "索布力嘎村委会", "肉牛")
    assert [values[h] for h in EVERY_TRAINING_HEADER[10:17]] == ["5", "0", "0", "30", "2", "37", "2"]
    assert values["实名参训户"] == "宝音、其其格"
    assert values["记录编号"] == saved.id and values["审核状态"] == "已提交"


def test_the_workbook_training_sheet_has_the_same_columns(records, profile, tmp_path):
    _a_full_training(records)
    out = tmp_path / "year.xlsx"
    Exporter(ExportService(profile.store), "zh_CN").export("indicators", "xlsx", out, year=2026, area=COUNTY,
                                                           approved_only=False)
    rows = list(load_workbook(out)["培训记录"].iter_rows(values_only=True))
    assert list(rows[0]) == EVERY_TRAINING_HEADER
    values = dict(zip(rows[0], rows[1], strict=True))
    assert (values["授课人"], values["农牧民（人）"], values["实名参训户"], values["学时"]) == ("王芳、李强", 30, "宝音、其其格", 3.5)


def test_an_english_training_export_has_english_headers_and_industry(records, profile, tmp_path):
    _a_full_training(records)
    out = tmp_path / "trainings-en.csv"
    Exporter(ExportService(profile.store), "en").export("trainings", "csv", out, approved_only=False)
    header, row = _csv(out)
    values = dict(zip(header, row, strict=True))
    assert (values["Industry"], values["Trainers"], values["Farmers and herders"], values["Place"]) == \
        ("Beef cattle", "王芳, 李强", "30", "村委会会议室")


def test_a_county_admin_gets_the_counts_but_not_the_names_of_named_attendees(records, profile, tmp_path):
    _a_full_training(records)
    profile.identity.set_up("赵局长", Role.COUNTY_ADMIN, "", "", COUNTY)
    out = tmp_path / "county.csv"
    Exporter(ExportService(profile.store), "zh_CN").export("trainings", "csv", out, approved_only=False)
    header, row = _csv(out)
    values = dict(zip(header, row, strict=True))
    assert (values["实名参训户数"], values["实名参训户"], values["授课人"]) == ("2", "", "王芳、李强")


def test_the_household_csv_has_every_entered_field_and_hides_phone_and_notes_from_an_office(records, profile,
                                                                                              tmp_path):
    records.save(household(name="宝音", phone="13947612345", contact_consent=True, industries=("肉牛", "沙棘"),
                           livestock_head=40, land_mu=None, notes="身份证 150422199001011234",
                           consent_date=dt.date(2026, 6, 1)))
    out = tmp_path / "households.csv"
    Exporter(ExportService(profile.store), "zh_CN").export("households", "csv", out)
    header, row = _csv(out)
    assert header == ["户主或主体名称", "类型", "电话", "乡镇", "村", "村代码", "产业", "牲畜存栏（头）", "耕地面积（亩）",
                      "知情同意", "同意日期", "备注", "记录编号"]
    values = dict(zip(header, row, strict=True))
    assert (values["电话"], values["产业"], values["牲畜存栏（头）"], values["耕地面积（亩）"], values["知情同意"]) == \
        ("13947612345", "肉牛、沙棘", "40", "", "是")
    assert values["同意日期"] == "2026-06-01" and values["备注"] == "身份证 150422199001011234"
    profile.identity.set_up("赵局长", Role.COUNTY_ADMIN, "", "", COUNTY)
    Exporter(ExportService(profile.store), "zh_CN").export("households", "csv", out)
    values = dict(zip(*_csv(out), strict=True))
    assert (values["电话"], values["备注"], values["牲畜存栏（头）"]) == ("", "", "40")
