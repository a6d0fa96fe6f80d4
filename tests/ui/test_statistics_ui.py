"""The 统计 page shows a year's figures a person can check by hand, computed on the worker."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.records import Training
from desktop.ui.statistics.page import StatisticsPage
from sync.domain.vocabulary import ReviewState, VisitMode
from tests.ui.conftest import VILLAGE

DAY = dt.date(2025, 5, 20)


@pytest.fixture
def small_year(ctx, add_household, add_visit):
    """2025: 3 visits (2 on site on the same day, 1 by phone) serving 2 households, and 1 training,
    all submitted and not yet reviewed; and a draft, which never counts."""
    a, b = add_household("王建国", "13912345678"), add_household("李秀英", "13912345679")
    submitted = ReviewState.SUBMITTED
    for v in (add_visit((a.id,), day=DAY), add_visit((a.id, b.id), day=DAY)):
        ctx.records.save(v.with_changes(review_state=submitted))
    v = add_visit((b.id,), day=DAY + dt.timedelta(days=1))
    ctx.records.save(v.with_changes(mode=VisitMode.PHONE, review_state=submitted))
    add_visit((b.id,), day=DAY + dt.timedelta(days=2))  # a draft
    ctx.records.save(Training(training_date=DAY, village_code=VILLAGE, topic="玉米密植", industry="玉米", trainers=("张伟",),
                              hours=2, attendees={"backbone": 4, "local_expert": 1, "extension_staff": 2,
                                                  "farmer": 20}, review_state=submitted))


@pytest.fixture
def page(qtbot, small_year, ctx, settle):
    p = StatisticsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 900)
    p.show()
    p.start()
    settle()
    p.year.setValue(DAY.year)
    settle()
    p.include_submitted.setChecked(True)
    settle()
    return p


def test_the_cards_show_the_small_years_figures(page):
    figures = page.data.figures
    assert (figures.visits, figures.onsite_visits, figures.households_served, figures.trainings) == (3, 2, 2, 1)
    assert page.cards["households"].value.text() == "2"
    assert page.cards["talent"].value.text() == "5"  # 4 backbones + 1 local expert; farmers do not count
    assert page.cards["grassroots"].value.text() == "2"
    assert page.cards["days"].value.text() == "1"  # 张伟: 1 on-site day, far below 60
    assert "张伟 (1)" in page.below.text()
    assert "100,000" in page.cards["households"].detail.text()  # a station has no share of the target


def test_the_charts_and_their_tables_hold_the_same_numbers(page):
    assert ("玉米", 3) in page.industries.chart.bars
    assert page.service_types.model.rowCount() == 6
    page.industries.toggle.click()
    assert page.industries.stack.currentWidget() is page.industries.table
    assert page.industries.model.row_values(0) == ("玉米", 3)


def test_by_default_only_approved_records_count_and_the_page_says_so(page, settle):
    assert "含未审核" in page.rule.text() and "含未审核" in page.cards["households"].toolTip()
    page.include_submitted.setChecked(False)
    settle()
    assert page.data.approved_only and page.data.figures.visits == 0
    assert page.cards["households"].value.text() == "0"
    assert page.rule.text() == "仅计已审核通过的记录"


def test_coverage_lists_the_county_and_drills_down_to_what_is_not_covered(page, settle):
    page.area.setCurrentIndex(1)  # the county (巴林左旗) rather than the station
    settle()
    assert page.coverage_model.rowCount() == 1
    name, _industries, _unguided, townships, villages = page.coverage_model.row_values(0)
    assert name == "巴林左旗" and townships.startswith("1/") and villages.startswith("1/")
    dialog = page.open_coverage(page.coverage_model.key(0))
    settle()
    served = page.data.figures.coverage[0]
    assert dialog.villages.count() == len(served.villages_unserved) == served.villages_total - 1
    dialog.close()


def test_the_page_shows_the_year_end_evaluation_and_exports_it(page, settle, tmp_path):
    rows = [page.evaluation.model.row_values(r) for r in range(page.evaluation.model.rowCount())]
    kinds = {row[0] for row in rows}
    assert {"旗县区", "科技特派员", "工作站"} <= kinds
    specialist = next(row for row in rows if row[0] == "科技特派员")
    assert specialist[1] == "张伟" and specialist[3:5] == (1, 1)
    path = tmp_path / "evaluation.xlsx"
    page.evaluation.run_export(str(path), "xlsx")
    settle()
    from openpyxl import load_workbook

    book = load_workbook(path)
    assert book.sheetnames[1] in ("科技特派员", "Specialists") and book[book.sheetnames[1]]["D2"].value == "张伟"
