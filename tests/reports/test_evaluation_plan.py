"""The plan's own figures in the year-end evaluation: workstations per 旗县区, the region office's
counts (technicians trained in people, teams, transferred results), 三覆盖 of the key counties, and
the typical cases managers mark."""

from __future__ import annotations

import json

import requests
from openpyxl import load_workbook
from sqlalchemy import select

from sync.domain.evaluation_plan import is_banner_county
from sync.domain.vocabulary import Role
from sync.server.store import evaluation as evaluation_store
from sync.server.store import stations
from sync.server.store.models import Record
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


def test_a_manager_marks_a_typical_case_and_the_evaluation_lists_it(make_device, world, server, tmp_path):
    station = world.station(county=hc.COUNTY)
    record_and_review_the_hand_counted_year(make_device("wang", station),
                                            make_device("zhao", station, Role.STATION_MANAGER))
    with world.db.read() as session:
        visit = next(r for r in session.execute(select(Record).where(
            Record.record_type == "visit", Record.station_id == station, Record.deleted.is_(False))
            .order_by(Record.record_id)).scalars()
                     if r.fields["review_state"] == "approved" and r.fields["village_code"].startswith(hc.COUNTY))
        visit_id, visit_date = visit.record_id, visit.fields["visit_date"]
    manager = world.login(world.user(Role.STATION_MANAGER, station))
    specialist = world.login(world.user(Role.SPECIALIST, station))
    elsewhere = world.login(world.user(Role.STATION_MANAGER, world.station(county="150102")))
    url = server.url(f"/api/v1/typical-cases/visit/{visit_id}")
    write_up = "玉米螟绿色防控<示范>：赤眼蜂放蜂后虫口减退八成，周边农户自发效仿"
    for who in (specialist, elsewhere):
        refused = requests.put(url, json={"write_up": write_up}, headers=who.headers, timeout=30)
        assert refused.status_code == 403, refused.text
    assert requests.put(url, json={"write_up": "  "}, headers=manager.headers, timeout=30).status_code == 422
    assert requests.put(server.url("/api/v1/typical-cases/household/x"), json={"write_up": "x"},
                        headers=manager.headers, timeout=30).status_code == 404
    assert requests.put(url, json={"write_up": write_up}, headers=manager.headers, timeout=30).status_code == 204
    db = ("--db", server.database_url)
    out = tmp_path / "evaluation.json"
    assert server_cli("report", "evaluation", "--year", visit_date[:4], "--area", hc.COUNTY, "--out", out,
                      *db).returncode == 0
    [case] = json.loads(out.read_text(encoding="utf-8"))["typical_cases"]
    assert (case["record_id"], case["date"], case["write_up"]) == (visit_id, visit_date, write_up)
    book_path = tmp_path / "evaluation.xlsx"
    assert server_cli("report", "evaluation", "--year", visit_date[:4], "--area", hc.COUNTY, "--format", "xlsx",
                      "--lang", "en", "--out", book_path, *db).returncode == 0
    sheet = load_workbook(book_path)["Typical cases"]
    assert sheet["A2"].value == visit_date and sheet["F2"].value == write_up
    pdf = tmp_path / "evaluation.pdf"
    assert server_cli("report", "evaluation", "--year", visit_date[:4], "--area", hc.COUNTY, "--format", "pdf",
                      "--out", pdf, *db).returncode == 0
    assert requests.delete(url, headers=manager.headers, timeout=30).status_code == 204
    assert requests.delete(url, headers=manager.headers, timeout=30).status_code == 404
    assert server_cli("report", "evaluation", "--year", visit_date[:4], "--area", hc.COUNTY, "--out", out,
                      *db).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["typical_cases"] == []
