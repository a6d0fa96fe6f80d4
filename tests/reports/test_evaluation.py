"""The year-end evaluation: scores, ranks and 后补助 by hand; the same document on laptop and server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.services.evaluation import EvaluationService
from sync.domain.evaluation import Criterion, EvaluationTargets, SpecialistTally, evaluate
from sync.domain.coverage import Coverage
from sync.domain.vocabulary import Role
from tests.reports import hand_counted as hc
from tests.reports.test_server_matches_device import record_and_review_the_hand_counted_year

REPO = Path(__file__).resolve().parents[2]


def tally(author: str, station: str, county: str, days: int, households: int, trained: int) -> SpecialistTally:
    return SpecialistTally(author, station, county, 10, days, households, trained)


def coverage(county: str, guided: int, of: int, townships: tuple[int, int], villages: tuple[int, int]) -> Coverage:
    return Coverage(county, county, tuple(f"g{i}" for i in range(guided)), tuple(f"u{i}" for i in range(of - guided)),
                    townships[0], townships[1], (), villages[0], villages[1], ())


def test_scores_ranks_and_recommendations_counted_by_hand():
    people = [tally("a", "S1", "150422", 60, 25, 2), tally("b", "S1", "150422", 30, 5, 0),
              tally("c", "S2", "150423", 60, 25, 2), tally("d", "S3", "150102", 15, 50, 1)]
    counties = [coverage("150422", 6, 9, (2, 11), (4, 166)), coverage("150423", 9, 9, (11, 11), (100, 100))]
    stations = {"S1": "150422", "S2": "150423", "S3": "150102"}
    ev = evaluate(2026, people, counties, stations, EvaluationTargets(60, 25, 1.25, 1))
    by = {u.unit_id: u for kind in ev.units.values() for u in kind}
    # a: every target met: 100. b: 0.5*30/60 + 0.3*5/25 + 0.2*0 = 0.31. d: 0.5*0.25 + 0.3 + 0.2*0.8 = 0.585.
    assert (by["a"].score, by["b"].score, by["c"].score, by["d"].score) == (100.0, 31.0, 100.0, 58.5)
    assert (by["a"].rank_in_region, by["c"].rank_in_region, by["d"].rank_in_region, by["b"].rank_in_region) == (1, 1, 3, 4)
    assert (by["d"].rank_in_league, by["b"].rank_in_league) == (1, 3)  # 呼和浩特市: d alone; 赤峰市: a, c (tied), b
    # S1: half its specialists reach 60 days (0.4*0.5), 30 of 50 households (0.3*0.6), 2 of 2.5 trained (0.3*0.8).
    assert by["S1"].score == 62.0 and by["S2"].score == 100.0
    # 150423 covers everything and has a station: 100; 150422: .25*6/9 + .25*2/11 + .2*4/166 + .2*.5 + .1*1.
    assert by["150423"].score == 100.0 and by["150422"].score == 41.69
    assert [(u.kind, u.unit_id) for u in ev.recommendations()] == [("county", "150423"), ("station", "S2")]
    assert Criterion("x", 3, 0).attainment == 1.0


def test_this_years_weights_score_this_year_only():
    people = [tally("a", "S1", "150422", 30, 25, 2)]
    default = evaluate(2026, people, [], {"S1": "150422"})
    days_only = evaluate(2026, people, [], {"S1": "150422"}, weights={"specialist.households": 0,
                                                                       "specialist.people_trained": 0})
    assert default.units["specialist"][0].score == 75.0 and days_only.units["specialist"][0].score == 50.0


def server_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sync.server.cli", *map(str, args)], cwd=REPO, capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.mark.parametrize("fmt", ["json", "xlsx", "pdf"])
def test_the_server_writes_the_laptops_evaluation_headless(fmt, make_device, world, server, tmp_path):
    station = world.station(county=hc.COUNTY)
    wang = make_device("wang", station)
    manager = make_device("zhao", station, Role.STATION_MANAGER)
    record_and_review_the_hand_counted_year(wang, manager)
    out = tmp_path / f"evaluation.{fmt}"
    done = server_cli("report", "evaluation", "--year", "2026", "--area", hc.COUNTY, "--format", fmt, "--out", out,
                      "--db", server.database_url)
    assert done.returncode == 0, done.stderr
    laptop = EvaluationService(manager.store).document(2026, hc.COUNTY)
    if fmt == "json":
        served = json.loads(out.read_text(encoding="utf-8"))
        for key in ("units", "recommendations", "weights", "targets", "counting_rule"):
            assert served[key] == laptop[key], key
        [me] = served["units"]["specialist"]
        assert me["criteria"]["onsite_days"]["achieved"] == hc.ONSITE_DAYS
        assert me["criteria"]["households"]["achieved"] == hc.HOUSEHOLDS  # the returned visit's household: no
        [county] = served["units"]["county"]
        assert county["criteria"]["industries"] == {"achieved": len(hc.GUIDED), "target": 9}
    elif fmt == "xlsx":
        book = load_workbook(out)
        assert book.sheetnames == ["年度考核", "科技特派员", "工作站", "旗县区", "规划指标"]
        assert "仅计已审核通过的记录" in book["年度考核"]["A3"].value
        assert book["科技特派员"]["F2"].value == f"{hc.ONSITE_DAYS} / 60"
    else:
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "年度考核 2026" in text and "仅计已审核通过的记录" in text and "巴林左旗" in text


def test_weights_are_kept_with_their_year_and_only_a_recommended_unit_is_confirmed(server, tmp_path):
    db = ("--db", server.database_url)
    assert server_cli("evaluation", "weights", "--year", "2025", "specialist.onsite_days=2", *db).returncode == 0
    last_year = server_cli("evaluation", "weights", "--year", "2025", *db).stdout
    this_year = server_cli("evaluation", "weights", "--year", "2026", *db).stdout
    assert "specialist.onsite_days\t2\n" in last_year and "specialist.onsite_days\t0.5\n" in this_year
    for bad, message in (("nonsense=1", "unknown weight nonsense"), ("county.villages=-1", "from 0 to"),
                         ("county.villages", "KEY=NUMBER")):
        done = server_cli("evaluation", "weights", "--year", "2026", bad, *db)
        assert done.returncode == 1 and message in done.stderr, done.stderr
    refused = server_cli("evaluation", "confirm", "--year", "2026", "county", "150422", *db)
    assert refused.returncode == 1 and "not on the 2026 recommendation list" in refused.stderr
    wrong_area = server_cli("report", "evaluation", "--year", "2026", "--area", "99", "--out", tmp_path / "x", *db)
    assert wrong_area.returncode == 1 and "--area 99" in wrong_area.stderr and not (tmp_path / "x").exists()
