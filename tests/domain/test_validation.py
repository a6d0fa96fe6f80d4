"""Bad input is stopped before the store, with a message that names the field."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.validation import Context, ValidationError, validate
from sync.domain.phone import is_valid_phone, normalise_phone
from tests.factories import COUNTY, OTHER_COUNTY_VILLAGE, TODAY, VILLAGE, household, training, visit

KNOWN_VILLAGES = {VILLAGE, OTHER_COUNTY_VILLAGE}


def ctx(county: str | None = None) -> Context:
    return Context(today=TODAY, village_exists=KNOWN_VILLAGES.__contains__, county_code=county)


def errors_of(record, county: str | None = None) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        validate(record, ctx(county))
    return caught.value.fields()


def test_valid_records_pass():
    for record in (household(), visit(), training()):
        validate(record, ctx(COUNTY))


@pytest.mark.parametrize("day, field", [(TODAY + dt.timedelta(days=1), "visit_date"), (None, "visit_date")])
def test_a_visit_date_must_be_given_and_not_in_the_future(day, field):
    assert field in errors_of(visit(visit_date=day))


def test_a_visit_more_than_two_years_old_is_refused():
    assert errors_of(visit(visit_date=TODAY - dt.timedelta(days=800))) == {"visit_date"}


@pytest.mark.parametrize("hours", [0, 0.2, 17, -3, None])
def test_implausible_visit_durations_are_refused(hours):
    assert errors_of(visit(duration_hours=hours)) == {"duration_hours"}


def test_the_village_must_be_an_official_one():
    assert errors_of(visit(village_code="150422999999")) == {"village_code"}


def test_the_village_must_belong_to_the_chosen_county():
    assert errors_of(visit(village_code=OTHER_COUNTY_VILLAGE), county=COUNTY) == {"village_code"}


def test_a_visit_needs_households_service_types_and_what_was_found_and_advised():
    bad = visit(household_ids=(), service_types=(), problem="  ", advice="")
    assert errors_of(bad) == {"household_ids", "service_types", "problem", "advice"}


def test_an_unknown_service_type_is_refused():
    assert errors_of(visit(service_types=("magic",))) == {"service_types"}


def test_follow_up_must_come_after_the_visit():
    assert errors_of(visit(follow_up_date=dt.date(2026, 6, 1))) == {"follow_up_date"}


def test_gps_outside_inner_mongolia_or_half_given_is_refused():
    assert errors_of(visit(latitude=31.2, longitude=121.5)) == {"latitude"}
    assert errors_of(visit(latitude=43.9, longitude=None)) == {"latitude"}


@pytest.mark.parametrize("phone", ["13847112345", "138 4711 2345", "+86 138-4711-2345", "0476-6212345", "04718123456"])
def test_mainland_mobile_and_landline_numbers_are_accepted(phone):
    assert is_valid_phone(phone)
    validate(household(phone=phone), ctx())


@pytest.mark.parametrize("phone", ["12345", "23847112345", "1384711234", "476-6212345", "abc"])
def test_malformed_phone_numbers_are_refused(phone):
    assert errors_of(household(phone=phone)) == {"phone"}


def test_phone_numbers_normalise_to_digits_without_the_country_code():
    assert normalise_phone("+86 138-4711-2345") == normalise_phone("13847112345") == "13847112345"


def test_a_household_needs_a_name_and_non_negative_sizes():
    assert errors_of(household(name="", livestock_head=-1, land_mu=-0.5)) == {"name", "livestock_head", "land_mu"}


def test_attendee_counts_cannot_be_negative_or_unknown():
    assert errors_of(training(attendees={"farmer": -2})) == {"attendees.farmer"}
    assert errors_of(training(attendees={"aliens": 3})) == {"attendees"}


def test_a_training_needs_attendees_and_cannot_name_more_people_than_attended():
    assert errors_of(training(attendees={"farmer": 0})) == {"attendees"}
    assert errors_of(training(attendees={"farmer": 1}, attendee_household_ids=("a", "b"))) == {"attendee_household_ids"}


def test_a_training_needs_topic_trainers_and_plausible_hours():
    assert errors_of(training(topic="", trainers=(" ",), hours=100)) == {"topic", "trainers", "hours"}


def test_the_error_names_the_first_bad_field_and_has_a_translatable_message():
    with pytest.raises(ValidationError) as caught:
        validate(visit(duration_hours=99), ctx())
    assert caught.value.field == "duration_hours"
    assert caught.value.errors[0].message == "Enter a duration between 0.5 and %1 hours."
    assert caught.value.errors[0].params == ("16",)
