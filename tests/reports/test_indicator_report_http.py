"""The server's indicator report, asked over HTTP, against figures counted by hand."""

from __future__ import annotations

from typing import Any

import pytest

from sync.domain.vocabulary import RecordType, Role
from tests.reports.report_http import get_report, report
from tests.server.support import DeviceClient, World, visit_fields

BLZQ = "150422"  # 巴林左旗, 赤峰市
V1, V2 = "150422100200", "150422100201"  # 索布力嘎村委会, 福山地村委会 (林东镇)
V3 = "150422101200"  # a village of 隆昌镇
URBAN = "150422105004"  # 白音诺尔社区居委会 of 白音勿拉镇: on-site service there reaches the township
SAIHAN = "150105001001"  # 健康社区居委会 of 赛罕区, 呼和浩特市


def visit(device: DeviceClient, day: str, village: str, households: list[str], mode: str = "onsite",
          types: tuple[str, ...] = ("guidance",), industry: str = "牧草", **extra: Any) -> dict[str, Any]:
    return device.create(RecordType.VISIT, visit_fields(**{
        "visit_date": day, "mode": mode, "village_code": village, "household_ids": households,
        "service_types": list(types), "industry": industry, "review_state": "submitted", **extra}))


def training(device: DeviceClient, day: str, village: str, attendees: dict[str, int]) -> dict[str, Any]:
    return device.create(RecordType.TRAINING, {
        "training_date": day, "village_code": village, "place": "村委会", "topic": "饲草种植", "industry": "牧草",
        "trainers": ["专家"], "hours": 3, "attendees": attendees, "attendee_household_ids": [], "photo_ids": [],
        "review_state": "submitted", "deleted": False})


def review(manager: DeviceClient, entries: list[dict[str, Any]], to: str = "approved") -> None:
    """``manager`` approves (or returns) each submitted record of ``entries``."""
    updates = [manager.update(e["record_type"], e["record_id"], 1, {"review_state": ("submitted", to)})
               for e in entries]
    assert {r["status"] for r in manager.push(*updates)} == {"applied"}


@pytest.fixture(scope="module")
def county(server, server_db) -> dict[str, Any]:
    """One station of 巴林左旗 with specialists a and b, a manager, and c of a 赛罕区 station who also
    served a 巴林左旗 village; offices above them. Their managers approved everything but b's visit
    of 08-01 (waiting) and a's of 08-02 (returned). Built once per server."""
    world = World(server, server_db)
    station, elsewhere = world.station(county=BLZQ), world.station(county="150105")
    a, b = world.device(Role.SPECIALIST, station), world.device(Role.SPECIALIST, station)
    c = world.device(Role.SPECIALIST, elsewhere)
    manager = world.device(Role.STATION_MANAGER, station)
    a_entries = [
        visit(a, "2026-03-01", V1, ["h1", "h2"]),
        visit(a, "2026-03-01", V2, ["h2"], industry="高粱"),  # the same day: still one on-site day
        visit(a, "2026-03-02", V2, ["h3"], mode="phone", industry="大豆"),  # guidance by phone: no on-site day
        visit(a, "2026-06-01", URBAN, ["h1"], types=("training", "guidance"), industry="肉牛牦牛"),
        training(a, "2026-03-05", V1, {"backbone": 5, "farmer": 30, "extension_staff": 2}),
    ]
    gone = visit(a, "2026-07-01", V3, ["h7"])
    assert {r["status"] for r in a.push(*a_entries, gone)} == {"applied"}
    assert a.push_one(a.delete(RecordType.VISIT, gone["record_id"], 1))["status"] == "applied"
    b_entries = [visit(b, "2026-04-09", V3, ["h4"], types=("policy",), industry="笤帚"),
                 visit(b, "2025-12-31", V1, ["h9"]),  # last year
                 training(b, "2026-07-05", V3, {"local_expert": 3, "tech_savvy": 4}),
                 training(b, "2025-07-05", V3, {"local_expert": 100})]
    waiting, rejected = visit(b, "2026-08-01", V2, ["h8"]), visit(a, "2026-08-02", V3, ["h10"], industry="羊")
    assert {r["status"] for r in b.push(*b_entries, waiting)} == {"applied"}
    assert a.push_one(rejected)["status"] == "applied"
    c_entries = [visit(c, "2026-05-05", SAIHAN, ["h5"], industry="大宗蔬菜"), visit(c, "2026-05-06", V1, ["h6"])]
    assert {r["status"] for r in c.push(*c_entries)} == {"applied"}
    review(manager, a_entries + b_entries)
    review(manager, [rejected], "returned")
    review(world.device(Role.STATION_MANAGER, elsewhere), c_entries)
    return {"world": world, "station": station, "elsewhere": elsewhere, "a": a, "b": b, "c": c, "manager": manager,
            "county_admin": world.device(Role.COUNTY_ADMIN, county=BLZQ),
            "league_admin": world.device(Role.LEAGUE_ADMIN, league="1504"),
            "other_county_admin": world.device(Role.COUNTY_ADMIN, county="150105"),
            "region_admin": world.device(Role.REGION_ADMIN)}


def days(body: dict[str, Any]) -> dict[str, tuple[int, int, bool]]:
    return {s["display_name"]: (s["onsite_days"], s["visits"], s["below_target"]) for s in body["specialists"]}


def name(device: DeviceClient) -> str:
    return f"Name of {device.account.username}"


def test_the_county_office_counts_every_visit_made_in_its_villages(county):
    body = report(county["county_admin"], year=2026, area=BLZQ)
    a, b, c = (name(county[k]) for k in "abc")
    assert (body["area_name"], body["visits"], body["onsite_visits"], body["households_served"]) == ("巴林左旗", 6, 5, 5)
    assert (body["trainings"], body["local_talent_trained"], body["grassroots_technicians_trained"]) == (2, 12, 2)
    assert body["trained_by_category"] == {"backbone": 5, "local_expert": 3, "tech_savvy": 4, "farmer": 30,
                                           "extension_staff": 2}
    # c's on-site days are c's whole year: 05-05 in 赛罕区 too, though the visit there is not the county's.
    assert days(body) == {a: (2, 4, True), b: (1, 1, True), c: (2, 1, True)}
    assert body["specialists_below_target"] == 3 and body["counting_rule"] == "approved"
    assert body["visits_by_service_type"] == {"guidance": 5, "policy": 1, "transfer": 0, "research": 0,
                                              "training": 1, "marketing": 0}
    assert body["visits_by_industry"]["牧草"] == 2 and "大宗蔬菜" not in body["visits_by_industry"]


def test_county_coverage_names_what_the_service_has_not_reached(county):
    [cov] = report(county["county_admin"], year=2026, area=BLZQ)["coverage"]
    assert (cov["county_code"], cov["name"]) == (BLZQ, "巴林左旗")
    # 肉牛牦牛 lies within 牛 (resources/reference/industry_taxonomy.json): guiding it guides 牛 too.
    assert cov["industries_guided"] == sorted(["大豆", "牧草", "肉牛牦牛", "牛", "高粱"])
    assert set(cov["industries_unguided"]) == {"笤帚", "绒毛用羊", "肉驴", "羊"}  # the returned 羊 visit: no
    assert (cov["townships_served"], cov["townships_total"]) == (3, 11)
    assert {"code": "150422102", "name": "十三敖包镇"} in cov["townships_unserved"]
    assert (cov["villages_served"], cov["villages_total"], len(cov["villages_unserved"])) == (3, 166, 163)
    unserved = {v["code"]: v["name"] for v in cov["villages_unserved"]}
    assert V1 not in unserved and unserved["150422100202"] == "大新庄村委会"


def test_the_station_manager_counts_the_station_and_no_other(county):
    body = report(county["manager"], year=2026, area=BLZQ)
    assert (body["visits"], body["onsite_visits"], body["households_served"]) == (5, 4, 4)
    assert set(days(body)) == {name(county["a"]), name(county["b"])}
    station_wide = report(county["manager"], year=2026, area="15", station=county["station"], coverage=False)
    assert (station_wide["visits"], station_wide["coverage"]) == (5, [])


def test_submitted_records_count_only_when_asked_and_returned_ones_never(county):
    approved = report(county["manager"], year=2026, area=BLZQ)
    assert (approved["approved_only"], approved["counting_rule"]) == (True, "approved")
    body = report(county["manager"], year=2026, area=BLZQ, approved_only=False)
    assert (body["visits"], body["households_served"], body["trainings"]) == (6, 5, 2)  # b's waiting visit of 08-01
    assert (body["approved_only"], body["counting_rule"]) == (False, "approved_and_submitted")
    assert days(body) == {name(county["a"]): (2, 4, True), name(county["b"]): (2, 2, True)}


def test_a_specialist_sees_only_their_own_figures(county):
    body = report(county["a"], year=2026, area="15", coverage=False)
    assert (body["visits"], body["onsite_visits"], body["households_served"], body["trainings"]) == (4, 3, 3, 1)
    assert set(days(body)) == {name(county["a"])}


def test_the_league_and_region_see_the_county_as_the_county_office_does(county):
    by_county = report(county["county_admin"], year=2026, area=BLZQ)
    for office in ("league_admin", "region_admin"):
        body = report(county[office], year=2026, area=BLZQ)
        assert {k: v for k, v in body.items() if k != "generated_at"} == \
            {k: v for k, v in by_county.items() if k != "generated_at"}
    league = report(county["league_admin"], year=2026, area="1504", coverage=False)
    assert (league["area_name"], league["visits"]) == ("赤峰市", 6)
    assert report(county["region_admin"], year=2026, area="15", coverage=False)["visits"] == 7


@pytest.mark.parametrize(("who", "params"), [
    ("other_county_admin", {"area": BLZQ}),
    ("county_admin", {"area": "1504"}),
    ("county_admin", {"area": "15"}),
    ("league_admin", {"area": "1501"}),
    ("manager", {"area": BLZQ, "station": "WS-001"}),
    ("a", {"area": BLZQ, "station": "WS-001"}),
])
def test_an_area_or_station_outside_the_callers_scope_is_refused(county, who, params):
    response = get_report(county[who], year=2026, **params)
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "forbidden"


@pytest.mark.parametrize("params", [
    {"area": BLZQ}, {"year": 2026}, {"year": "twenty", "area": BLZQ}, {"year": 1850, "area": BLZQ},
    {"year": 2026, "area": "1504221"}, {"year": 2026, "area": "110101"}, {"year": 2026, "area": "159999"},
    {"year": 2026, "area": BLZQ, "approved_only": "perhaps"},
])
def test_bad_parameters_get_422_with_a_message(county, params):
    response = get_report(county["region_admin"], **params)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "invalid_request" and response.json()["detail"]


def test_a_station_of_another_area_is_refused_and_an_unknown_one_named(county):
    league = county["league_admin"]
    assert get_report(league, year=2026, area="1504", station="WS-002").status_code == 403  # 呼和浩特市
    unknown = get_report(league, year=2026, area="1504", station="NO-SUCH")
    assert unknown.status_code == 422 and "NO-SUCH" in unknown.json()["detail"]
    own = report(league, year=2026, area=BLZQ, station=county["station"], coverage=False)
    assert own["visits"] == 5


def test_without_a_token_or_protocol_header_the_report_is_refused(county):
    device = county["region_admin"]
    url = device.server.url("/api/v1/reports/indicators")
    assert device.http.get(url, params={"year": 2026, "area": "15"}, headers={"X-Fieldbook-Protocol": "1"},
                           timeout=30).status_code == 401
    assert device.http.get(url, params={"year": 2026, "area": "15"},
                           headers={"Authorization": device.headers["Authorization"]}, timeout=30).status_code == 426


def test_the_on_site_days_flags_follow_the_target_an_admin_set(county, server_db):
    """The shipped targets are loaded and 60 lowered to 2: specialist a (2 on-site days) is no longer flagged."""
    from sync.server.services import targets
    from sync.server.services.reference_import import default_reference_dir

    targets.merge_shipped(server_db, default_reference_dir())
    targets.set_from_console(server_db, "onsite_days_per_specialist", "2")
    try:
        body = report(county["county_admin"], year=2026, area=BLZQ)
        a, b, c = (name(county[k]) for k in "abc")
        assert body["onsite_days_target"] == 2
        assert days(body) == {a: (2, 4, False), b: (1, 1, True), c: (2, 1, False)}
        assert body["specialists_below_target"] == 1
    finally:
        targets.set_from_console(server_db, "onsite_days_per_specialist", "60")
