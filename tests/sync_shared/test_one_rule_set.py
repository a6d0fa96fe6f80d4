"""Device and server keep records by one rule set: whatever the desktop would save, the server keeps, and no more."""

from __future__ import annotations

import datetime as dt
import math
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain import validation
from desktop.domain.records import DemonstrationBase, DemonstrationProject, Household, Record, Training, Visit
from desktop.store.wire import record_values, to_wire
from sync.domain import rules
from sync.domain.fields import RECORD_FIELDS
from sync.domain.vocabulary import (
    AttendeeCategory,
    BaseKind,
    ChangeKind,
    HouseholdKind,
    ProjectKind,
    Role,
    ServiceType,
    VisitMode,
)
from sync.protocol import EntryStatus, FieldChange, OutboxEntry
from sync.server import entry_planner
from sync.server.entry_planner import REGION_TIME, PushContext, plan_entry
from sync.server.scope import Viewer

TODAY = dt.date(2026, 6, 15)
VILLAGE = "150422100200"
KNOWN_VILLAGES = {VILLAGE, "150422100201"}
VIEWER = Viewer("alice", Role.SPECIALIST, "WS-1", "150422", "1504")
#: Noon of TODAY where the device is: the moment it recorded the entry.
RECORDED = dt.datetime.combine(TODAY, dt.time(12), REGION_TIME)


def test_the_desktop_and_the_server_call_the_same_rules():
    assert validation.ValidationError is rules.ValidationError and validation.Context is rules.Context
    assert validation.check_record is rules.check_record and entry_planner.record_errors is rules.record_errors


def desktop_accepts(record: Record) -> bool:
    try:
        validation.validate(record, validation.Context(today=TODAY, village_exists=KNOWN_VILLAGES.__contains__))
    except validation.ValidationError:
        return False
    return True


def server_accepts(record: Record) -> bool:
    """The record pushed as the desktop captures a create: every synced field, old values null."""
    record_type = record.RECORD_TYPE
    values = record_values(record)
    changes = {name: FieldChange(new=to_wire(values[name])) for name in RECORD_FIELDS[record_type] if name in values}
    entry = OutboxEntry(device_id="d1", seq=1, record_type=record_type, record_id=record.id, kind=ChangeKind.CREATE,
                        base_revision=0, changes=changes, time=RECORDED)
    plan = plan_entry(entry, PushContext(VIEWER, RECORDED, village_exists=KNOWN_VILLAGES.__contains__), None)
    return plan.result.status is not EntryStatus.REJECTED


# Text a keyboard gives (the server also refuses NUL and unpaired surrogates, which no form produces).
texts = st.one_of(st.text(string.ascii_letters + " 牧草饲养", max_size=4),
                  st.sampled_from([0, 3, 128, 129, 4000, 4001]).map(lambda n: " " * 3 if n == 3 else "x" * n))
odd_numbers = st.sampled_from([math.nan, math.inf, -math.inf])
dates = st.none() | st.dates(TODAY - dt.timedelta(days=800), TODAY + dt.timedelta(days=3))
villages = st.sampled_from(["150422100200", "150422100201", "150422999999", "", "1504221002"])
numbers = st.none() | st.integers(-3, 30) | st.floats(-1, 100) | odd_numbers
ids = st.lists(st.sampled_from(["h-1", "h-2", "h-3"]), max_size=3, unique=True).map(tuple)


def choices(enum: type, *bad: str) -> st.SearchStrategy[str]:
    return st.sampled_from([m.value for m in enum] + list(bad))


def mostly(valid: object, other: st.SearchStrategy) -> st.SearchStrategy:
    """``valid`` nine times in ten, else anything of ``other``: records near the rules' edges, often whole."""
    return st.integers(0, 9).flatmap(lambda n: st.just(valid) if n else other)


households = st.builds(
    Household, name=mostly("张宝山", texts), kind=mostly("farmer", choices(HouseholdKind, "alien")),
    phone=st.sampled_from(["", "13800000000", "0471-6612345", "12345", "138 0000 0000" + " " * 30]),
    village_code=mostly(VILLAGE, villages), industries=mostly(("肉牛",), st.lists(texts, max_size=2).map(tuple)),
    livestock_head=st.none() | st.integers(-5, 2_000_000), land_mu=st.none() | st.floats(-1, 2e7) | odd_numbers,
    notes=mostly("", texts), contact_consent=st.booleans())
visits = st.builds(
    Visit, visit_date=mostly(TODAY, dates), mode=mostly("onsite", choices(VisitMode, "telepathy")),
    duration_hours=mostly(2.0, numbers), village_code=mostly(VILLAGE, villages), household_ids=mostly(("h-1",), ids),
    service_types=mostly(("guidance",), st.lists(choices(ServiceType, "bogus"), max_size=3, unique=True).map(tuple)),
    industry=mostly("肉牛", texts), problem=mostly("犊牛腹泻", texts), advice=mostly("补充电解质", texts),
    follow_up_date=st.none() | dates,
    latitude=mostly(None, st.floats(30, 60)), longitude=mostly(None, st.floats(90, 130)))
trainings = st.builds(
    Training, training_date=mostly(TODAY, dates), village_code=mostly(VILLAGE, villages), place=mostly("", texts),
    topic=mostly("玉米密植", texts), industry=mostly("玉米", texts),
    trainers=mostly(("王芳",), st.lists(texts, max_size=2).map(tuple)), hours=mostly(3.0, numbers),
    attendees=mostly({"farmer": 30}, st.dictionaries(choices(AttendeeCategory, "aliens"), st.integers(-1, 6000),
                                                     max_size=3)),
    attendee_household_ids=ids)


counties = st.sampled_from(["150422", "150422", "1504", "15042x", ""])
townships = st.sampled_from(["", "150422100", "150102001", "15042210"])
years = st.none() | st.integers(1940, 2030) | st.sampled_from([2024.0, "2024", True])
places = dict(county_code=mostly("150422", counties), township_code=mostly("150422100", townships),
              village_code=mostly(VILLAGE, villages), industry=mostly("肉牛", texts),
              specialist_id=mostly("alice", st.sampled_from(["", "x" * 65])),
              area_mu=mostly(None, numbers), scale=mostly("", texts), description=mostly("", texts),
              latitude=mostly(None, st.floats(30, 60)), longitude=mostly(None, st.floats(90, 130)))
bases = st.builds(DemonstrationBase, name=mostly("肉牛示范基地", texts), kind=mostly("livestock", choices(BaseKind, "x")),
                  year_established=mostly(2020, years), **places)
projects = st.builds(DemonstrationProject, name=mostly("玉米示范项目", texts),
                     kind=mostly("industry", choices(ProjectKind, "x")), start_year=mostly(2025, years),
                     end_year=mostly(None, years), **places)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=st.one_of(households, visits, trainings, bases, projects))
def test_the_server_keeps_a_pushed_record_exactly_when_the_desktop_would_save_it(record):
    assert server_accepts(record) == desktop_accepts(record)
