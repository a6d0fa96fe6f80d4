"""The record lists: lazy paging at scale, sorting, filtering, and refresh without a reset."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.domain.filters import RecordFilter, SortKey
from desktop.domain.records import Visit
from desktop.ui.lists.record_columns import VISIT_COLUMNS, visit_source
from desktop.ui.lists.record_table_model import PAGE_SIZE, RecordTableModel
from sync.domain.vocabulary import ServiceType

from .conftest import VILLAGE


def insert_visits(ctx, n: int, household_id: str) -> None:
    start = dt.date.today() - dt.timedelta(days=600)
    for i in range(n):
        ctx.records.save(Visit(
            visit_date=start + dt.timedelta(days=i % 600), duration_hours=1, village_code=VILLAGE,
            household_ids=(household_id,), service_types=(ServiceType.GUIDANCE.value,),
            industry="玉米" if i % 2 else "肉羊", problem=f"问题{i}", advice="建议",
        ))


def test_a_thousand_visits_load_one_page_at_a_time(qtbot, ctx, settle, add_household):
    insert_visits(ctx, 1000, add_household().id)
    model = RecordTableModel(ctx.runner, visit_source(ctx.records), VISIT_COLUMNS)
    with qtbot.waitSignal(model.loaded, timeout=10000):
        model.set_filter(RecordFilter())
    assert model.total == 1000
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    settle()
    assert model.rowCount() == 2 * PAGE_SIZE
    while model.canFetchMore():
        model.fetchMore()
        settle()
    assert model.rowCount() == 1000
    dates = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)


def test_sorting_by_a_header_asks_the_store_for_that_order(qtbot, ctx, settle, add_household):
    insert_visits(ctx, 30, add_household().id)
    model = RecordTableModel(ctx.runner, visit_source(ctx.records), VISIT_COLUMNS)
    model.set_filter(RecordFilter())
    settle()
    model.sort(6, Qt.SortOrder.AscendingOrder)  # industry
    settle()
    assert model.record_filter.sort == SortKey.INDUSTRY and not model.record_filter.descending
    industries = [model.index(r, 6).data() for r in range(model.rowCount())]
    assert industries == sorted(industries)


def test_a_new_visit_is_inserted_without_resetting_the_model(qtbot, ctx, settle, add_household, add_visit):
    owner = add_household()
    insert_visits(ctx, 10, owner.id)
    model = RecordTableModel(ctx.runner, visit_source(ctx.records), VISIT_COLUMNS)
    model.set_filter(RecordFilter())
    settle()
    resets, inserts = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _p, first, last: inserts.append((first, last)))
    add_visit((owner.id,), problem="新发现的病害")
    model.refresh()
    settle()
    assert resets == [] and inserts == [(0, 0)]
    assert model.index(0, 7).data() == "新发现的病害" and model.rowCount() == 11


def test_the_search_box_filters_by_pinyin_initials(qtbot, window, ctx, settle, add_household, add_visit):
    owner = add_household()
    add_visit((owner.id,), problem="玉米叶片发黄")
    add_visit((owner.id,), problem="羊只腹泻")
    page = window.visits_page
    page.model.refresh()
    settle()
    assert page.model.rowCount() == 2
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filters.search.hasFocus()
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        qtbot.keyClicks(page.filters.search, "sbl")  # 索布力嘎: the village, by initials
    assert page.model.rowCount() == 2
    page.filters.search.clear()
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        page.filters.search.setText("腹泻")
    assert page.model.rowCount() == 1 and page.model.index(0, 7).data() == "羊只腹泻"
    assert "1" in page.count_label.text()
