"""Demonstration bases and projects in the year-end evaluation: a hand-counted set of records gives the
same figures on the manager's laptop and on the server, and the typed counts stand in only while no
record exists."""

from __future__ import annotations

import requests

from desktop.services.evaluation import EvaluationService
from desktop.services.review import ReviewService
from sync.domain.vocabulary import ReviewAction, ReviewState, Role
from sync.server.services.evaluation import evaluation_document
from tests.factories import demo_base, demo_project

BLZQ, BLYQ = "150422", "150423"  # 巴林左旗, and 巴林右旗 next door
PLAN = "/api/v1/evaluation/2026/plan"

# (record, what the manager does with it): counted in 2026 under "approved only" when marked ✓.
HAND_COUNTED = [
    (demo_base(name="A 肉牛基地", year_established=2023), ReviewState.APPROVED),  # ✓ BLZQ
    (demo_base(name="B 马铃薯基地", kind="planting", industry="马铃薯", year_established=2026), ReviewState.APPROVED),  # ✓
    (demo_base(name="C 设施蔬菜基地", kind="facility", year_established=2025), ReviewState.RETURNED),  # returned
    (demo_base(name="D 巴林右旗基地", county_code=BLYQ, township_code="", village_code="", year_established=2024),
     ReviewState.APPROVED),  # ✓ BLYQ: the region's, not BLZQ's
    (demo_base(name="E 草原羊基地", year_established=2020), ReviewState.DRAFT),  # never submitted
    (demo_project(name="P1 玉米密植", start_year=2025), ReviewState.APPROVED),  # ✓
    (demo_project(name="P2 青贮", start_year=2026), ReviewState.SUBMITTED),  # counted only with submitted ones
    (demo_project(name="P3 节水", start_year=2027, end_year=2029), ReviewState.APPROVED),  # starts after 2026
]


def record_and_review(specialist, manager) -> None:
    identity = specialist.profile.identity.current()
    author = ReviewService(specialist.store, identity)
    for record, state in HAND_COUNTED:
        saved, _ = specialist.records.save(record.with_changes(specialist_id=identity.user_id))
        if state is not ReviewState.DRAFT:
            author.submit(saved.RECORD_TYPE.value, saved.id)
    specialist.sync_ok()
    manager.sync_ok()
    by_name = {d.name: d for d in manager.records.list_demonstrations()}
    assert len(by_name) == len(HAND_COUNTED)  # every one reached the manager's laptop
    for record, state in HAND_COUNTED:
        if state in (ReviewState.APPROVED, ReviewState.RETURNED):
            stored = manager.records.get(type(record), by_name[record.name].id)
            action = ReviewAction.APPROVE if state is ReviewState.APPROVED else ReviewAction.RETURN
            manager.review(stored, action, state, "请补充规模" if state is ReviewState.RETURNED else "")
    manager.sync_ok()


def figures(doc) -> tuple:
    counts, bases = doc["plan"]["counts"], doc["plan"]["demonstration_bases"]
    short = {c["county_code"]: c["bases"] for c in bases["counties_short"]}
    return (counts["demonstration_bases"], counts["demonstration_projects"],
            {c["county_code"]: c["bases"] for c in bases["county_bases"] if c["bases"]},
            bases["counties_reaching"], BLZQ in short, short.get(BLYQ))


def test_bases_and_projects_count_alike_on_the_laptop_and_the_server(make_device, world, server):
    admin = world.device(Role.REGION_ADMIN)
    response = requests.put(server.url(PLAN), json={"counts": {"demonstration_bases": 150,
                                                               "demonstration_projects": 40}},
                            headers=admin.headers, timeout=30)
    assert response.status_code == 200, response.text
    typed = evaluation_document(world.db, 2026, "15")["plan"]["counts"]
    assert typed["demonstration_bases"] == {"achieved": 150, "target": 182, "unit": "个", "source": "typed"}
    assert typed["demonstration_projects"] == {"achieved": 40, "target": 100, "unit": "项", "source": "typed"}

    station = world.station(county=BLZQ)
    wang, manager = make_device("wang", station), make_device("zhao", station, Role.STATION_MANAGER)
    record_and_review(wang, manager)

    expected = {
        ("15", True): ({"achieved": 3, "target": 182, "unit": "个", "source": "records"},
                       {"achieved": 1, "target": 100, "unit": "项", "source": "records"},
                       {BLZQ: 2, BLYQ: 1}, 1, False, 1),
        ("15", False): ({"achieved": 3, "target": 182, "unit": "个", "source": "records"},
                        {"achieved": 2, "target": 100, "unit": "项", "source": "records"},
                        {BLZQ: 2, BLYQ: 1}, 1, False, 1),
        (BLZQ, True): ({"achieved": 2, "target": 2, "unit": "个", "source": "records"},
                       {"achieved": 1, "target": None, "unit": "项", "source": "records"}, {BLZQ: 2}, 1, False, None),
    }
    laptop = EvaluationService(manager.store)
    for (area, approved_only), wanted in expected.items():
        served = figures(evaluation_document(world.db, 2026, area, approved_only))
        assert served == wanted, (area, approved_only)
        assert figures(laptop.document(2026, area, approved_only)) == served, (area, approved_only)
    # 巴林右旗 has records of its own now, so its typed fallback does not apply either; a county
    # with no base at all is short of its two.
    blyq = evaluation_document(world.db, 2026, BLYQ)["plan"]
    assert blyq["counts"]["demonstration_bases"]["achieved"] == 1 and blyq["demonstration_bases"]["counties_short"]
