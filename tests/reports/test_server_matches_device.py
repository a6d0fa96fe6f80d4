"""A station manager's laptop and the server report the same figures for the same synced year."""

from __future__ import annotations

import dataclasses
import random
import uuid

from desktop.domain.filters import RecordFilter
from desktop.domain.records import Visit
from desktop.services.evaluation import EvaluationService
from desktop.services.export import ExportService
from desktop.services.indicators import IndicatorService
from sync.indicators import Area, YearIndicators
from sync.domain.vocabulary import ReviewAction, ReviewState, Role
from sync.reports_protocol import IndicatorReport, indicators_from_report
from sync.server.services.evaluation import evaluation_document
from sync.server.store import users
from tests.reports import hand_counted as hc
from tests.reports.report_http import report
from tests.reports.year_of_records import record_a_year, villages_of
from tests.server.support import Account, DeviceClient, World

BLZQ = "150422"  # 巴林左旗
BLYQ = "150423"  # 巴林右旗, next door: a tenth of the visits are there


def second_device(world: World, username: str) -> DeviceClient:
    """The manager's account signed in on another device, to ask the server for reports over HTTP."""
    with world.db.read() as s:
        user = users.by_username(s, username)
        account = Account(username, user.id, Role(user.role), user.station_id)
    return world.login(account, device_id=f"reader-{uuid.uuid4()}")


def assert_same(device: YearIndicators, server: YearIndicators, case: str) -> None:
    for f in dataclasses.fields(YearIndicators):
        mine, theirs = getattr(device, f.name), getattr(server, f.name)
        assert mine == theirs, f"{case}: {f.name} differs: device {mine!r}, server {theirs!r}"


def test_the_server_and_the_managers_laptop_agree_field_by_field(make_device, world):
    station = world.station(county=BLZQ)
    wang, li = make_device("wang", station), make_device("li", station)
    manager = make_device("zhao", station, Role.STATION_MANAGER)
    rng = random.Random(2026)
    for specialist, visits in ((wang, 120), (li, 80)):
        record_a_year(specialist.records, rng, visits, villages_of(BLZQ), villages_of(BLYQ))
        specialist.sync_ok()
    manager.sync_ok()
    submitted = manager.records.list_visits(RecordFilter(review_state="submitted"), limit=1000)
    assert len(submitted) > 20
    for summary in submitted[::2]:
        manager.review(manager.records.get(Visit, summary.id), ReviewAction.APPROVE, ReviewState.APPROVED)
    for summary in submitted[1::7]:
        manager.review(manager.records.get(Visit, summary.id), ReviewAction.RETURN, ReviewState.RETURNED)
    manager.sync_ok()

    http = second_device(world, manager.username)
    laptop = IndicatorService(manager.store)
    for area, station_id, approved_only in [(BLZQ, None, False), (BLZQ, None, True), ("15", station, False),
                                            ("1504", None, False), (BLYQ, None, False), (BLYQ, None, True)]:
        body = report(http, year=2026, area=area, station=station_id, approved_only=approved_only)
        served = indicators_from_report(IndicatorReport.model_validate(body))
        assert_same(laptop.year(2026, Area(area, station_id), approved_only), served,
                    f"area {area}, station {station_id}, approved only {approved_only}")

    # The evaluation's figures of each specialist: the server's set-based SQL (PostgreSQL) or its
    # streamed facts (SQLite) against the laptop's computation.
    for approved_only in (True, False):
        served_units = evaluation_document(world.db, 2026, BLZQ, approved_only)["units"]["specialist"]
        laptop_units = EvaluationService(manager.store).document(2026, BLZQ, approved_only)["units"]["specialist"]
        mine = {u["unit_id"]: u["criteria"] for u in laptop_units}
        assert len(mine) == 2 and {u["unit_id"]: u["criteria"] for u in served_units if u["unit_id"] in mine} == mine

    # The names a printed report puts on each specialist are the server's display names.
    body = report(http, year=2026, area=BLZQ)
    exported = ExportService(manager.store).indicator_report(2026, BLZQ, with_records=False)
    assert exported.specialist_names == {s["author_id"]: s["display_name"] for s in body["specialists"]}
    assert sorted(exported.specialist_names.values()) == sorted(f"Name of {d.username}" for d in (wang, li))

    # The comparison is not of empty reports: the year is full and the filters bite.
    county = laptop.year(2026, Area(BLZQ), approved_only=False)
    assert county.visits > 80 and county.trainings >= 10 and len(county.specialists) == 2
    assert 0 < laptop.year(2026, Area(BLZQ)).visits < county.visits
    assert laptop.year(2026, Area(BLYQ), approved_only=False).visits > 5
    [coverage] = county.coverage
    assert 0 < coverage.villages_served < coverage.villages_total and coverage.industries_guided


def record_and_review_the_hand_counted_year(specialist, manager) -> None:
    """The specialist records and submits the hand-counted year; the manager approves or returns on their laptop."""
    reviews: list = []
    hc.record_hand_counted_year(specialist.records, reviews)
    specialist.sync_ok()
    manager.sync_ok()
    for record, state in reviews:
        action = ReviewAction.APPROVE if state is ReviewState.APPROVED else ReviewAction.RETURN
        manager.review(manager.records.get(type(record), record.id), action, state)
    manager.sync_ok()
    specialist.sync_ok()


def test_the_hand_counted_year_gives_the_hand_counted_figures_on_the_laptop_and_the_server(make_device, world):
    """Returned and draft records, a three-day stay, sub-industries, a visit in another county."""
    station = world.station(county=BLZQ)
    wang = make_device("wang", station)
    manager = make_device("zhao", station, Role.STATION_MANAGER)
    record_and_review_the_hand_counted_year(wang, manager)

    http = second_device(world, manager.username)
    for approved_only in (True, False):
        body = report(http, year=2026, area=BLZQ, approved_only=approved_only)
        served = indicators_from_report(IndicatorReport.model_validate(body))
        for laptop in (IndicatorService(manager.store), IndicatorService(wang.store)):
            assert_same(laptop.year(2026, Area(BLZQ), approved_only), served, f"approved only {approved_only}")
    county = indicators_from_report(IndicatorReport.model_validate(report(http, year=2026, area=BLZQ)))
    assert (county.visits, county.onsite_visits, county.households_served, county.trainings) == (
        hc.VISITS, hc.ONSITE_VISITS, hc.HOUSEHOLDS, hc.TRAININGS)
    assert [s.onsite_days for s in county.specialists] == [hc.ONSITE_DAYS]
    assert county.coverage[0].industries_guided == hc.GUIDED
    assert (county.coverage[0].villages_served, county.coverage[0].villages_total) == hc.VILLAGES
