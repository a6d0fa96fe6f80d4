"""The indicators workbook and the record lists, reopened with openpyxl and the csv module as a reader would."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook

from desktop.domain.filters import RecordFilter
from desktop.reports.exporter import Exporter
from desktop.reports.record_tables import write_records_csv
from desktop.reports.report_text import ReportText
from desktop.reports.xlsx_export import write_indicators_xlsx, write_records_xlsx
from desktop.services.export import ExportError, ExportService
from tests.factories import TODAY
from tests.reports import hand_counted as hc

SHEETS_ZH = ["指标汇总", "分类统计", "专家现场服务", "三覆盖", "未覆盖村", "服务记录", "培训记录"]
SHEETS_EN = ["Summary", "Breakdown", "Specialists", "Coverage", "Villages not reached", "Visits", "Trainings"]


@pytest.fixture
def service(records, profile) -> ExportService:
    hc.record_hand_counted_year(records)
    return ExportService(profile.store, today=lambda: TODAY)


def rows(sheet) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def summary_rows(sheet) -> dict[str, tuple]:
    """Summary rows by their first cell (the indicator's name)."""
    return {row[0]: row[1:] for row in rows(sheet) if row and row[0]}


def test_the_workbook_has_every_sheet_with_chinese_headers_and_the_hand_counted_figures(service, tmp_path):
    path = tmp_path / "巴林左旗.xlsx"
    data = service.indicator_report(2026, hc.COUNTY)
    assert write_indicators_xlsx(data, path, ReportText()) == SHEETS_ZH
    book = load_workbook(path)
    assert book.sheetnames == SHEETS_ZH

    summary = summary_rows(book["指标汇总"])
    assert summary["区域"][0] == "赤峰市 巴林左旗" and summary["生成日期"][0] == dt.datetime(2026, 6, 15)
    assert summary["指标"][:5] == ("目标值", "完成值", "单位", "完成比例", "是否达标")
    assert summary["科技特派员服务农牧户"][:5] == (100000, hc.HOUSEHOLDS, "户", 2 / 100000, "—")
    assert summary["培训技术骨干、土专家、技术明白人"][:3] == (5000, hc.LOCAL_TALENT, "人次")
    assert summary["培训基层农技人员"][1] == hc.GRASSROOTS
    assert summary["现场服务满60天的专家"][:5] == (1, 0, "人", 0, "✗")
    assert summary["技术指导覆盖主导产业"][:2] == (9, len(hc.GUIDED))
    assert summary["驻点服务覆盖乡镇"][:2] == tuple(reversed(hc.TOWNSHIPS))
    assert summary["科技服务覆盖行政村"][:2] == tuple(reversed(hc.VILLAGES))
    assert summary["服务记录总数"][0] == hc.VISITS and summary["现场服务次数"][0] == hc.ONSITE_VISITS

    assert rows(book["专家现场服务"]) == [("专家", "服务次数", "现场服务天数", "不足60天"),
                                      ("王芳", hc.VISITS, hc.ONSITE_DAYS, "是")]
    header, county = rows(book["三覆盖"])
    assert header[:4] == ("旗县区代码", "旗县区", "已指导主导产业", "未指导主导产业")
    assert county[:2] == (hc.COUNTY, "巴林左旗") and county[2] == "、".join(hc.GUIDED)
    assert county[4:8] == (*hc.TOWNSHIPS, *hc.VILLAGES) and "十三敖包镇" in county[8]
    uncovered = rows(book["未覆盖村"])
    assert uncovered[0] == ("旗县区", "乡镇", "村代码", "行政村") and len(uncovered) == 1 + hc.VILLAGES[1] - hc.VILLAGES[0]
    assert ("巴林左旗", "林东镇", *hc.UNSERVED_VILLAGE) in uncovered

    breakdown = rows(book["分类统计"])
    assert breakdown[1][:2] == ("服务类型", "次数") and ("技术指导", hc.VISITS - 1) == breakdown[2][:2]  # all but the policy visit
    assert ("技术骨干", 5) == breakdown[2][3:5]


def test_the_raw_records_sheets_hold_exactly_the_records_counted(service, tmp_path):
    path = tmp_path / "r.xlsx"
    write_indicators_xlsx(service.indicator_report(2026, hc.COUNTY), path, ReportText())
    book = load_workbook(path)
    visits = rows(book["服务记录"])
    assert visits[0][:7] == ("日期", "结束日期", "记录人", "服务方式", "服务时长（小时）", "乡镇", "村") and \
        len(visits) == 1 + hc.VISITS
    assert [v[0].date() for v in visits[1:]] == [dt.date(2026, 3, 1), dt.date(2026, 3, 1), dt.date(2026, 3, 2),
                                                  dt.date(2026, 4, 9), dt.date(2026, 5, 10), dt.date(2026, 5, 12)]
    assert [v[3] for v in visits[1:]] == ["现场", "现场", "电话", "现场", "现场", "现场"]
    assert visits[4][6] == "隆昌村委会" and visits[4][10] == "政策宣传"
    assert len(rows(book["培训记录"])) == 1 + hc.TRAININGS


def test_english_is_there_when_asked(service, tmp_path):
    path = tmp_path / "en.xlsx"
    assert write_indicators_xlsx(service.indicator_report(2026, hc.COUNTY), path, ReportText("en")) == SHEETS_EN
    book = load_workbook(path)
    assert rows(book["Specialists"])[0] == ("Specialist", "Visits", "On-site days", "Under 60 days")
    assert rows(book["Visits"])[1][3] == "On site"
    assert summary_rows(book["Summary"])["Farming and herding households served"][1] == hc.HOUSEHOLDS


def test_a_station_report_counts_the_station_wherever_it_served(service, tmp_path):
    data = service.indicator_report(2026, "15", station_code="WS-045")
    assert data.figures.visits == hc.VISITS + 1 and len(data.visits) == hc.VISITS + 1  # with 新城区's visit
    assert data.subject == data.station_name and "工作站" in data.station_name


def test_a_printed_report_names_specialists_without_loading_the_raw_lists(service):
    full = service.indicator_report(2026, hc.COUNTY)
    lean = service.indicator_report(2026, hc.COUNTY, with_records=False)
    assert (lean.visits, lean.trainings) == ((), ()) and lean.figures == full.figures
    assert lean.specialist_names == full.specialist_names == {full.figures.specialists[0].author_id: "王芳"}


def test_unknown_areas_and_stations_are_refused_with_a_reason(service):
    for area in ("1", "150422100", "159999", "110101"):
        with pytest.raises(ExportError):
            service.indicator_report(2026, area)
    with pytest.raises(ExportError, match="NO-SUCH"):
        service.indicator_report(2026, hc.COUNTY, station_code="NO-SUCH")


def test_a_visit_list_goes_to_xlsx_and_csv_and_reads_back(service, tmp_path):
    listed = service.visits(RecordFilter(division_code=hc.COUNTY, date_from=dt.date(2026, 1, 1),
                                         review_states=("approved",)))
    assert len(listed) == hc.VISITS
    write_records_xlsx("visits", listed, tmp_path / "v.xlsx", ReportText())
    assert len(rows(load_workbook(tmp_path / "v.xlsx")["服务记录"])) == 1 + hc.VISITS

    path = tmp_path / "v.csv"
    assert write_records_csv("visits", listed, path, ReportText()) == hc.VISITS
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0][:4] == ["日期", "结束日期", "记录人", "服务方式"] and len(table) == 1 + hc.VISITS
    by_id = {row[-1]: row for row in table[1:]}
    assert {v.id for v in listed} == set(by_id)
    phone = next(v for v in listed if v.mode == "phone")
    assert by_id[phone.id][:4] == ["2026-03-02", "", "王芳", "电话"] and by_id[phone.id][8] == "1"
    assert by_id[phone.id][9] == "宝音"  # the household served, by name


def test_households_and_trainings_export_through_the_exporter(service, tmp_path):
    exporter = Exporter(service, "zh_CN")
    assert exporter.export("households", "csv", tmp_path / "h.csv", area=hc.COUNTY) == "3 households"
    with (tmp_path / "h.csv").open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    assert {row["户主或主体名称"] for row in table} == {"宝音", "其其格", "巴特尔"} and table[0]["类型"] == "农牧户"
    assert exporter.export("trainings", "xlsx", tmp_path / "t.xlsx", year=2026) == f"{hc.TRAININGS} trainings"
    with pytest.raises(ExportError):
        exporter.export("households", "csv", tmp_path / "x.csv", station="WS-045")


def test_a_household_export_carries_phones_only_for_a_role_that_calls_households(records, profile, tmp_path):
    from sync.domain.vocabulary import Role
    from tests.factories import COUNTY, household

    records.save(household(name="宝音", phone="13847112345", contact_consent=True))
    service = ExportService(profile.store, today=lambda: TODAY)
    exporter = Exporter(service, "zh_CN")

    def phones() -> list[str]:
        exporter.export("households", "csv", tmp_path / "h.csv", area=COUNTY)
        with (tmp_path / "h.csv").open(encoding="utf-8-sig", newline="") as f:
            return [row["电话"] for row in csv.DictReader(f)]

    assert phones() == ["13847112345"]  # the specialist who follows up
    profile.identity.set_up("李主任", Role.COUNTY_ADMIN, "", None, COUNTY)
    assert phones() == [""]
