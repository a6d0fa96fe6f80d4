"""Following merges of household records and repointing the links that name them."""

from __future__ import annotations

from sync.domain.merged_households import chain_ends, repoint


def test_a_chain_of_merges_ends_in_the_last_household_and_a_cycle_stops_where_it_closes():
    assert chain_ends({"a": "b", "b": "c", "x": "y"}) == {"a": "c", "b": "c", "x": "y"}
    ends = chain_ends({"p": "q", "q": "p"})
    assert set(ends) == {"p", "q"} and set(ends.values()) <= {"p", "q"}


def test_repointing_names_each_household_once_in_order_and_leaves_other_lists_as_they_are():
    survivors = {"gone": "kept"}
    assert repoint(["gone", "other", "kept"], survivors) == ["kept", "other"]
    assert repoint(("other", "gone"), survivors) == ("other", "kept")
    untouched = ["other"]
    assert repoint(untouched, survivors) is untouched
    assert repoint(None, survivors) is None
