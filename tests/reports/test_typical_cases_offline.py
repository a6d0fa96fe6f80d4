"""A station manager marks typical cases (典型案例) on the laptop, offline: the marks sync through the
normal push and pull, the server checks them with the same rules, and the laptop's year-end
evaluation lists the same cases as the server's; a mark taken back through the server's API
reaches the laptops too."""

from __future__ import annotations

import pytest
import requests

from desktop.domain.validation import ValidationError
from desktop.services.evaluation import EvaluationService
from desktop.services.review import ReviewService
from sync.domain.evaluation_table import case_rows
from sync.domain.vocabulary import Role
from sync.server.review_rules import event_denial
from sync.server.services.evaluation import evaluation_document
from tests.reports import hand_counted as hc
from tests.reports.test_server_matches_device import record_and_review_the_hand_counted_year

WRITE_UP = "肉牛冷配改良示范：犊牛成活率提高到95%，周边农户自发效仿"


def shown(doc: dict) -> list[list]:
    """The typical-case rows the workbook and the PDF show, the author's name aside."""
    return [row[:2] + row[3:] for row in case_rows(doc, "zh_CN")]


def test_marks_made_offline_reach_the_server_and_the_colleagues_laptops(make_device, world, server):
    station = world.station(county=hc.COUNTY)
    wang = make_device("wang", station)
    zhao = make_device("zhao", station, Role.STATION_MANAGER)
    record_and_review_the_hand_counted_year(wang, zhao)
    review = ReviewService(zhao.store, zhao.profile.identity.current())
    approved = [q for q in review.queue("approved") if q.village_code.startswith(hc.COUNTY)]
    visit = next(q for q in approved if q.record_type == "visit")
    training = next(q for q in approved if q.record_type == "training")
    year = visit.record_date.year

    review.mark_typical("visit", visit.record_id, f"  {WRITE_UP}  ")  # offline: nothing synced yet
    review.mark_typical("training", training.record_id, "先标后撤")
    review.unmark_typical("training", training.record_id)
    for bad in ("   ", "长" * 501):
        with pytest.raises(ValidationError):
            review.mark_typical("visit", visit.record_id, bad)
    with pytest.raises(ValidationError):  # a specialist marks nothing
        ReviewService(wang.store, wang.profile.identity.current()).mark_typical("visit", visit.record_id, WRITE_UP)
    laptop = EvaluationService(zhao.store).document(year, hc.COUNTY)
    assert [(c["record_id"], c["date"], c["write_up"]) for c in laptop["typical_cases"]] == [
        (visit.record_id, visit.record_date.isoformat(), WRITE_UP)]

    zhao.sync_ok()
    served = evaluation_document(world.db, year, hc.COUNTY)
    assert [(c["record_id"], c["write_up"]) for c in served["typical_cases"]] == [(visit.record_id, WRITE_UP)]
    assert shown(served) == shown(laptop) and served["typical_cases"][0]["author"]
    wang.sync_ok()
    colleague = EvaluationService(wang.store).document(year, hc.COUNTY)
    assert shown(colleague) == shown(served)

    manager = world.login(world.user(Role.STATION_MANAGER, station))
    url = server.url(f"/api/v1/typical-cases/visit/{visit.record_id}")
    assert requests.delete(url, headers=manager.headers, timeout=30).status_code == 204
    assert evaluation_document(world.db, year, hc.COUNTY)["typical_cases"] == []
    wang.sync_ok()
    zhao.sync_ok()
    for device in (wang, zhao):
        assert EvaluationService(device.store).document(year, hc.COUNTY)["typical_cases"] == []


def test_the_server_applies_the_same_rules_to_a_pushed_mark():
    mark = "mark_typical"
    assert event_denial(mark, "approved", "approved", Role.STATION_MANAGER, WRITE_UP) is None
    assert event_denial("unmark_typical", "approved", "approved", Role.COUNTY_ADMIN, "") is None
    assert "station manager" in event_denial(mark, "approved", "approved", Role.SPECIALIST, WRITE_UP)
    assert "write-up" in event_denial(mark, "approved", "approved", Role.STATION_MANAGER, " \n ")
    assert "write-up" in event_denial(mark, "approved", "approved", Role.STATION_MANAGER, "x" * 501)
    assert "review state" in event_denial(mark, "submitted", "approved", Role.STATION_MANAGER, WRITE_UP)
