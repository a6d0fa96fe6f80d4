"""Which records count, the days a visit covers, and which industry lies within which."""

from __future__ import annotations

import datetime as dt

from resources import resource_path
from sync.domain.counting import (MAX_VISIT_DAYS, CountingRule, counted_states, industry_lineage, load_taxonomy,
                                  rule_for, visit_days)
from desktop.domain.validation import validate
from tests.domain.test_validation import ctx, errors_of
from tests.factories import visit

D = dt.date


def test_drafts_and_returned_records_never_count():
    assert counted_states(CountingRule.APPROVED) == ("approved",)
    assert set(counted_states(rule_for(approved_only=False))) == {"approved", "submitted"}


def test_a_visit_covers_each_of_its_days_and_no_more_than_a_month():
    assert list(visit_days(D(2026, 5, 10), None)) == [D(2026, 5, 10)]
    assert list(visit_days(D(2026, 5, 10), D(2026, 5, 12))) == [D(2026, 5, 10), D(2026, 5, 11), D(2026, 5, 12)]
    assert list(visit_days(D(2026, 5, 10), D(2026, 5, 1))) == [D(2026, 5, 10)]  # an end before the start: one day
    assert len(list(visit_days(D(2026, 1, 1), D(2026, 12, 31)))) == MAX_VISIT_DAYS


def test_a_sub_industry_counts_for_every_industry_it_lies_within():
    parents = load_taxonomy(resource_path("reference"))
    assert {"肉牛牦牛", "牛", "肉牛肉羊", "畜牧养殖"} <= industry_lineage("肉牛", parents)
    assert "羊" in industry_lineage("肉羊", parents) and "牛" not in industry_lineage("肉羊", parents)
    assert industry_lineage("玉米", parents) == {"玉米"}
    assert industry_lineage("a", {"a": ("b",), "b": ("a",)}) == {"a", "b"}  # a cycle ends the walk


def test_the_last_day_of_a_visit_falls_after_the_first_in_the_same_year_within_a_month():
    validate(visit(visit_date=D(2026, 5, 10), end_date=D(2026, 5, 12)), ctx(None))  # no error
    for bad in (D(2026, 5, 10), D(2026, 5, 9), D(2026, 6, 10)):
        assert errors_of(visit(visit_date=D(2026, 5, 10), end_date=bad)) == {"end_date"}
    assert errors_of(visit(visit_date=D(2025, 12, 30), end_date=D(2026, 1, 2))) == {"end_date"}
