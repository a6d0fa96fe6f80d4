"""A demonstration base or project is kept only when whole, and each refusal names its field."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.validation import Context, ValidationError, validate
from sync.domain.fields import RECORD_FIELDS
from sync.domain.rules import record_errors
from sync.domain.vocabulary import RecordType
from sync.server.validation import FieldValueError, validate_values
from tests.factories import COUNTY, OTHER_COUNTY_VILLAGE, TODAY, TOWNSHIP, VILLAGE, demo_base, demo_project

DIVISIONS = {COUNTY, TOWNSHIP, "150102", "150102001"}


def ctx(**extra) -> Context:
    return Context(today=TODAY, village_exists={VILLAGE, OTHER_COUNTY_VILLAGE}.__contains__,
                   division_exists=DIVISIONS.__contains__, **extra)


def errors_of(record) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        validate(record, ctx())
    return caught.value.fields()


def test_whole_bases_and_projects_pass():
    validate(demo_base(), ctx())
    validate(demo_project(), ctx())
    validate(demo_project(township_code="", village_code="", end_year=None, area_mu=None), ctx())


@pytest.mark.parametrize("changes, field", [
    ({"name": "  "}, "name"), ({"kind": "orchard"}, "kind"), ({"county_code": ""}, "county_code"),
    ({"county_code": "150499"}, "county_code"), ({"township_code": "150102001"}, "township_code"),
    ({"village_code": OTHER_COUNTY_VILLAGE}, "village_code"), ({"village_code": "150422100299"}, "village_code"),
    ({"industry": ""}, "industry"), ({"specialist_id": ""}, "specialist_id"), ({"area_mu": -1.0}, "area_mu"),
    ({"year_established": None}, "year_established"), ({"year_established": TODAY.year + 1}, "year_established"),
    ({"latitude": 10.0, "longitude": 110.0}, "latitude"), ({"latitude": 43.9}, "latitude"),
])
def test_a_base_names_the_field_it_breaks(changes, field):
    assert field in errors_of(demo_base(**changes))


@pytest.mark.parametrize("changes, field", [
    ({"start_year": None}, "start_year"), ({"start_year": TODAY.year + 2}, "start_year"),
    ({"end_year": 2024}, "end_year"), ({"end_year": 2040}, "end_year"), ({"kind": "planting"}, "kind"),
])
def test_a_project_states_its_period(changes, field):
    assert field in errors_of(demo_project(**changes))


def test_the_messages_say_what_to_do_and_fill_in_the_years():
    values = {**demo_project(start_year=1900).__dict__, "kind": "industry", "review_state": "draft"}
    errors = record_errors("demo_project", values, ctx())
    assert [e.text() for e in errors] == [f"start_year: Enter a year from 1949 to {TODAY.year + 1}."]


def test_an_unchanged_year_is_not_asked_again():
    """Years are judged on the day of an edit; an old base edited later keeps its founding year."""
    validate(demo_base(year_established=1948), ctx(unchanged=frozenset({"year_established"})))


json_values = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**13) | st.floats() | st.text(max_size=14),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                       max_size=3), max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(record_type=st.sampled_from(["demo_base", "demo_project"]),
       values=st.dictionaries(st.sampled_from(sorted(set(RECORD_FIELDS[RecordType.DEMO_BASE])
                                                     | set(RECORD_FIELDS[RecordType.DEMO_PROJECT]))), json_values))
def test_any_json_a_device_could_push_is_answered_with_field_errors_never_a_crash(record_type, values):
    """What passes the server's value checks is then judged by the rules, which only ever name fields."""
    try:
        validate_values(RecordType(record_type), values)
    except FieldValueError:
        return
    for error in record_errors(record_type, values, ctx()):
        assert error.field in RECORD_FIELDS[RecordType(record_type)] and error.text()


@pytest.mark.parametrize(("record_type", "field"), [("demo_base", "kind"), ("household", "kind"), ("visit", "mode")])
@pytest.mark.parametrize("value", [["farmer"], {"a": 1}, 3])
def test_a_choice_pushed_as_a_list_or_object_is_a_field_error_not_a_crash(record_type, field, value):
    with pytest.raises(FieldValueError) as refused:
        validate_values(RecordType(record_type), {field: value})
    assert refused.value.field == field
