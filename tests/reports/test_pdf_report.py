"""The printed evaluation report: a real PDF, read back with poppler's pdfinfo and pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.reports.pdf_report import write_evaluation_pdf
from desktop.reports.report_text import ReportText
from desktop.services.export import ExportService
from tests.factories import TODAY
from tests.reports import hand_counted as hc

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext, pdfinfo)")


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return subprocess.run(["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.fixture
def data(records, profile):
    hc.record_hand_counted_year(records)
    return ExportService(profile.store, today=lambda: TODAY).indicator_report(2026, hc.COUNTY)


def test_a_county_report_prints_title_targets_members_and_every_village_not_reached(qapp, data, tmp_path):
    path = tmp_path / "巴林左旗.pdf"
    pages = write_evaluation_pdf(data, path, ReportText())
    assert path.stat().st_size > 10_000 and page_count(path) == pages
    assert 3 <= pages <= 6
    title = pdf_text(path, 1, 1)
    assert "科技特派员服务年度考评报告" in title and "赤峰市 巴林左旗" in title and "2026年度" in title
    assert "生成日期：2026-06-15" in title
    body = pdf_text(path, 2)
    for expected in ("指标完成情况", "科技特派员服务农牧户", "按服务类型统计服务次数", "技术指导",
                     "专家现场服务天数", "王芳", "三覆盖情况", "巴林左旗", "十三敖包镇", hc.UNSERVED_VILLAGE[1]):
        assert expected in body, expected
    assert "第 2 页，共" in body
    assert "100,000" in body and "100000" not in body  # the plan's households, with thousands separators


def test_the_english_report_keeps_chinese_place_names(qapp, data, tmp_path):
    path = tmp_path / "en.pdf"
    write_evaluation_pdf(data, path, ReportText("en"))
    text = pdf_text(path)
    assert "Year-end evaluation report" in text and "Technical guidance" in text
    assert "巴林左旗" in text and "Page 2 of" in text


def test_a_long_list_of_villages_runs_onto_further_pages(qapp, records, profile, tmp_path):
    """赤峰市 has 12 counties and some two thousand villages; the one visit leaves nearly all unreached."""
    records.save(__import__("tests.factories", fromlist=["visit"]).visit(visit_date=TODAY, review_state="submitted"))
    data = ExportService(profile.store, today=lambda: TODAY).indicator_report(2026, "1504", approved_only=False)
    path = tmp_path / "league.pdf"
    pages = write_evaluation_pdf(data, path, ReportText())
    assert pages >= 8 and page_count(path) == pages
    last = pdf_text(path, pages, pages)
    assert "敖汉旗" in last  # the league's last county closes the list
    assert sum(c.villages_served for c in data.figures.coverage) == 1
