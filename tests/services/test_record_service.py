"""What the UI gets from the record service: validated saves, filtered lists, search, duplicates."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from desktop.domain.filters import RecordFilter, SortKey
from desktop.domain.records import Household, Training, Visit
from desktop.domain.validation import ValidationError
from desktop.store.models import OutboxRow, VisitRow
from tests.factories import COUNTY, OTHER_COUNTY_VILLAGE, household, training, visit


def count(store, model) -> int:
    with store.reader() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_saved_visit_is_stamped_with_its_author_and_station(records, specialist):
    saved, changes = records.save(visit())
    assert changes.visits and not changes.households
    assert (saved.author_id, saved.station_id) == (specialist.user_id, "WS-045")
    assert records.get(Visit, saved.id).problem == "犊牛腹泻"


def test_bad_input_saves_nothing_and_captures_nothing(records, profile):
    with pytest.raises(ValidationError) as caught:
        records.save(visit(duration_hours=40))
    assert caught.value.field == "duration_hours"
    assert count(profile.store, VisitRow) == 0
    assert count(profile.store, OutboxRow) == 0


def test_an_edit_keeps_the_original_author(records, profile):
    saved, _ = records.save(visit())
    edited, _ = records.save(saved.with_changes(author_id="someone-else", advice="改为口服补液盐"))
    assert edited.author_id == saved.author_id
    assert records.get(Visit, saved.id).advice == "改为口服补液盐"


def test_a_deleted_record_leaves_the_lists_but_not_the_store(records, profile):
    saved, _ = records.save(visit())
    assert records.delete(Visit, saved.id).visits
    assert records.count_visits(RecordFilter()) == 0
    assert records.count_visits(RecordFilter(include_deleted=True)) == 1


@pytest.fixture
def three_visits(records):
    h1, _ = records.save(household(name="巴特尔", phone="13900001111"))
    h2, _ = records.save(household(name="李桂兰", phone="13900002222", village_code=OTHER_COUNTY_VILLAGE))
    a, _ = records.save(visit(household_ids=(h1.id,), visit_date=dt.date(2026, 3, 1), industry="肉羊",
                              service_types=("guidance", "policy"), problem="羊羔痢疾"))
    b, _ = records.save(visit(household_ids=(h2.id,), visit_date=dt.date(2026, 5, 1), industry="玉米",
                              village_code=OTHER_COUNTY_VILLAGE, service_types=("marketing",), problem="玉米螟"))
    c, _ = records.save(visit(household_ids=(h1.id, h2.id), visit_date=dt.date(2026, 6, 1), industry="玉米",
                              review_state="submitted", problem="倒伏"))
    return a, b, c


@pytest.mark.parametrize("f, expected", [
    (RecordFilter(), "cba"),
    (RecordFilter(date_from=dt.date(2026, 4, 1)), "cb"),
    (RecordFilter(date_to=dt.date(2026, 5, 31)), "ba"),
    (RecordFilter(division_code=COUNTY), "ca"),
    (RecordFilter(division_code="1501"), "b"),
    (RecordFilter(industry="玉米"), "cb"),
    (RecordFilter(service_type="policy"), "a"),
    (RecordFilter(review_state="submitted"), "c"),
    (RecordFilter(text="玉米螟"), "b"),
    (RecordFilter(text="李桂兰"), "cb"),  # by the name of a household served
    (RecordFilter(text="lgl"), "cb"),  # pinyin initials of 李桂兰
    (RecordFilter(text="sblg"), "ca"),  # pinyin initials of the village 索布力嘎村委会
    (RecordFilter(descending=False), "abc"),
])
def test_the_visit_list_filters_searches_and_sorts(records, three_visits, f, expected):
    names = dict(zip("abc", (v.id for v in three_visits)))
    found = [v.id for v in records.list_visits(f)]
    assert found == [names[k] for k in expected]
    assert records.count_visits(f) == len(expected)


def test_sorting_by_industry_groups_the_same_industry_together(records, three_visits):
    rows = records.list_visits(RecordFilter(sort=SortKey.INDUSTRY, descending=False))
    assert [v.industry for v in rows] == sorted(v.industry for v in three_visits)


def test_list_rows_show_the_village_name_and_the_author(records, three_visits, specialist):
    row = records.list_visits(RecordFilter(), limit=1)[0]
    assert (row.village_name, row.author_name, row.household_count) == ("索布力嘎村委会", "王芳", 2)


def test_paging_returns_each_visit_once(records, three_visits):
    pages = [records.list_visits(RecordFilter(), offset=o, limit=2) for o in (0, 2)]
    assert [len(p) for p in pages] == [2, 1]
    assert len({v.id for p in pages for v in p}) == 3


def test_trainings_filter_and_search(records):
    t, _ = records.save(training())
    records.save(training(topic="肉羊疫病防控", industry="肉羊"))
    assert [x.id for x in records.list_trainings(RecordFilter(text="ymmz"))] == [t.id]  # 玉米密植
    assert records.list_trainings(RecordFilter(industry="玉米"))[0].attendee_total == 35


def test_households_search_by_substring_and_pinyin_initials(records):
    records.save(household(name="巴特尔"))
    records.save(household(name="乌兰花养殖合作社", phone="", kind="cooperative"))
    assert [h.name for h in records.list_households("bte")] == ["巴特尔"]
    assert [h.name for h in records.list_households("养殖")] == ["乌兰花养殖合作社"]
    assert records.count_households(division_code="150422100") == 2


def test_households_list_in_pinyin_order_and_sort_by_kind_or_village(records):
    for name, kind, village in (("张丽", "farmer", "150422100200"), ("阿拉坦", "cooperative", "150422100201"),
                                ("王芳", "farmer", "150422100200"), ("巴特尔", "family_farm", "150422100201")):
        records.save(household(name=name, phone="", kind=kind, village_code=village))
    names = lambda **sort: [h.name for h in records.list_households(**sort)]  # noqa: E731
    assert names() == ["阿拉坦", "巴特尔", "王芳", "张丽"]  # alt, bte, wf, zl — not code-point order
    assert names(descending=True) == ["张丽", "王芳", "巴特尔", "阿拉坦"]
    assert names(sort=SortKey.KIND) == ["阿拉坦", "巴特尔", "王芳", "张丽"]  # cooperative, family_farm, farmer ×2
    assert names(sort=SortKey.VILLAGE, descending=True) == ["巴特尔", "阿拉坦", "张丽", "王芳"]
    paged = [h.name for offset in (0, 2) for h in records.list_households(offset=offset, limit=2)]
    assert paged == names()


def test_likely_duplicates_match_normalised_phone_or_name_in_village(records):
    original, _ = records.save(household(phone="138 4711 2345"))
    assert records.likely_duplicates(household(name="另一个人", phone="+86 13847112345")) == [original]
    assert records.likely_duplicates(household(phone="")) == [original]
    assert records.likely_duplicates(household(name="另一个人", phone="")) == []
    assert records.likely_duplicates(original) == []


def test_a_households_history_lists_its_visits_and_trainings(records):
    h, _ = records.save(household())
    other, _ = records.save(household(name="别人", phone=""))
    v, _ = records.save(visit(household_ids=(h.id,)))
    records.save(visit(household_ids=(other.id,)))
    t, _ = records.save(training(attendee_household_ids=(h.id,)))
    history = records.household_history(h.id)
    assert [x.id for x in history.visits] == [v.id]
    assert [x.id for x in history.trainings] == [t.id]


def test_a_visit_edited_to_serve_other_households_moves_in_their_histories(records):
    a, _ = records.save(household(name="甲", phone=""))
    b, _ = records.save(household(name="乙", phone=""))
    v, _ = records.save(visit(household_ids=(a.id,)))
    records.save(v.with_changes(household_ids=(b.id,)))
    assert records.household_history(a.id).visits == []
    assert [x.id for x in records.household_history(b.id).visits] == [v.id]


def test_records_of_every_type_round_trip_through_the_service(records):
    for record in (household(), training()):
        saved, _ = records.save(record)
        assert records.get(type(record), saved.id) == saved
    assert isinstance(records.get(Household, "missing"), type(None))
    assert records.get(Training, "missing") is None


def test_renaming_a_household_makes_its_visits_findable_by_the_new_name(records):
    h, _ = records.save(household(name="张宝山"))
    v, _ = records.save(visit(household_ids=(h.id,)))
    records.save(h.with_changes(name="张宝善"))
    assert [x.id for x in records.list_visits(RecordFilter(text="张宝善"))] == [v.id]
    assert records.list_visits(RecordFilter(text="张宝山")) == []
