"""The plan's own figures in the year-end evaluation: workstations per 旗县区, the region office's
counts (technicians trained in people, teams, transferred results) and 三覆盖 of the key counties."""

from __future__ import annotations

import json

import requests

from sync.domain.evaluation_plan import is_banner_county
from sync.protocol import Role
from sync.server.store import evaluation as evaluation_store
from sync.server.store import stations
from tests.reports import hand_counted as hc
from tests.reports.test_evaluation import server_cli
from tests.reports.test_server_matches_device import record_and_review_the_hand_counted_year

PLAN = "/api/v1/evaluation/2026/plan"


def test_only_the_103_banner_counties_are_asked_for_a_workstation():
    assert is_banner_county("150422") and is_banner_county("150102") and is_banner_county("150781")  # 满洲里市
    assert not any(map(is_banner_county, ("150172", "150271", "152571", "1504", "15042x")))


def test_key_counties_and_counts_set_by_the_region_office_are_reported(make_device, world, server, tmp_path):
    station = world.station(county=hc.COUNTY)
    record_and_review_the_hand_counted_year(make_device("wang", station),
                                            make_device("zhao", station, Role.STATION_MANAGER))
    db = ("--db", server.database_url)
    done = server_cli("evaluation", "key-counties", "--year", "2026", hc.COUNTY, "150102", *db)
    assert done.returncode == 0 and done.stdout.split() == ["150102", hc.COUNTY], done.stderr
    admin = world.device(Role.REGION_ADMIN)
    response = requests.put(server.url(PLAN), json={"counts": {"grassroots_technicians_trained": 2870,
                                                               "collaborative_teams": 16}},
                            headers=admin.headers, timeout=30)
    assert response.status_code == 200, response.text
    assert response.json() == {"year": 2026, "key_counties": ["150102", hc.COUNTY],
                               "counts": {"grassroots_technicians_trained": 2870, "collaborative_teams": 16}}
    out = tmp_path / "evaluation.json"
    assert server_cli("report", "evaluation", "--year", "2026", "--area", "15", "--out", out, *db).returncode == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    plan = doc["plan"]
    county = next(u for u in doc["units"]["county"] if u["unit_id"] == hc.COUNTY)
    key = {c["county_code"]: c for c in plan["key_counties"]}
    assert set(key) == {"150102", hc.COUNTY}
    for criterion in ("industries", "townships", "villages"):  # the county's own 三覆盖 figures
        assert key[hc.COUNTY][criterion] == county["criteria"][criterion]
    assert key[hc.COUNTY]["townships"] == {"achieved": hc.TOWNSHIPS[0], "target": hc.TOWNSHIPS[1]}
    assert plan["counts"]["grassroots_technicians_trained"] == {"achieved": 2870, "target": 3000, "unit": "人"}
    assert plan["counts"]["results_transferred"] == {"achieved": None, "target": 16, "unit": "项"}
    with world.db.read() as session:
        with_station = {s.county_code for s in stations.list_all(session)}
    ws = plan["workstations"]
    assert ws["counties"] == 103 and hc.COUNTY in with_station
    assert ws["counties_reaching"] == len({c for c in with_station if is_banner_county(c)})
    assert {c["county_code"] for c in ws["counties_without"]}.isdisjoint(with_station)
    shown = server_cli("evaluation", "counts", "--year", "2026", *db).stdout
    assert "grassroots_technicians_trained\t2870\n" in shown and "results_transferred\tnot entered\n" in shown


def test_only_a_region_admin_sets_them_and_a_bad_entry_changes_nothing(world, server):
    admin = world.device(Role.REGION_ADMIN)
    county_admin = world.device(Role.COUNTY_ADMIN, county=hc.COUNTY)
    with world.db.read() as session:
        before = evaluation_store.key_counties(session, 2025), evaluation_store.plan_counts(session, 2025)
    url = server.url("/api/v1/evaluation/2025/plan")
    refused = requests.put(url, json={"key_counties": [hc.COUNTY]}, headers=county_admin.headers, timeout=30)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    for body, message in (({"key_counties": [hc.COUNTY, "150172"], "counts": {"collaborative_teams": 3}},
                           "not a 旗县区 code: 150172"),
                          ({"key_counties": [hc.COUNTY], "counts": {"teams": 3}}, "unknown count teams")):
        response = requests.put(url, json=body, headers=admin.headers, timeout=30)
        assert response.status_code == 422 and message in response.json()["detail"], response.text
    assert requests.put(url, json={"counts": {"collaborative_teams": -1}}, headers=admin.headers,
                        timeout=30).status_code == 422
    with world.db.read() as session:
        assert (evaluation_store.key_counties(session, 2025), evaluation_store.plan_counts(session, 2025)) == before
    assert requests.get(url, headers=county_admin.headers, timeout=30).json()["key_counties"] == before[0]
    bad = server_cli("evaluation", "counts", "--year", "2025", "collaborative_teams=many", "--db", server.database_url)
    assert bad.returncode == 1 and "KEY=NUMBER" in bad.stderr
