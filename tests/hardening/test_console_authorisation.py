"""The web console's routes in the authorisation matrix: every role (and no session) against every
console action, on a target in the home county (150125, league 1501) and in another league (150422).

A refusal must leave the server as it was: records, targets, files, and the accounts, devices,
activation codes and audit log the console manages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from sync.domain.vocabulary import Role
from sync.server.services import reference_import
from sync.server.services import targets as target_service
from sync.server.store.database import Database
from sync.server.store.models import ActivationCode, AuditEntry, Device, User
from tests.hardening.snapshot import server_state
from tests.server.console_client import ConsoleClient
from tests.server.roster_files import xlsx_bytes
from tests.server.support import PASSWORD, RunningServer, World

HOME_COUNTY, AWAY_COUNTY = "150125", "150422"
ACTORS = ("specialist", "station_manager", "county_admin", "league_admin", "region_admin", "no_session")
NO_SESSION_GET, NO_SESSION_POST = ("303",) * 2, ("401",) * 2
ADMIN_WRITE = {"specialist": ("404",) * 2, "station_manager": ("404",) * 2, "county_admin": ("303", "404"),
               "league_admin": ("303", "404"), "region_admin": ("303", "303"), "no_session": NO_SESSION_POST}
AREA_READ = {"specialist": ("200", "200"), "station_manager": ("200", "200"), "county_admin": ("200", "403"),
             "league_admin": ("200", "403"), "region_admin": ("200", "200"), "no_session": NO_SESSION_GET}
EXPECTED: dict[str, dict[str, tuple[str, str]]] = {
    # a specialist counts their own records, a station manager their station's, in any area
    "indicators": AREA_READ,
    "export_xlsx": AREA_READ,
    "accounts_list": {"specialist": ("visible", "hidden"), "station_manager": ("visible", "hidden"),
                      "county_admin": ("visible", "hidden"), "league_admin": ("visible", "hidden"),
                      "region_admin": ("visible", "visible"), "no_session": NO_SESSION_GET},
    "devices_list": {"specialist": ("visible", "hidden"), "station_manager": ("visible", "hidden"),
                     "county_admin": ("visible", "hidden"), "league_admin": ("visible", "hidden"),
                     "region_admin": ("visible", "visible"), "no_session": NO_SESSION_GET},
    "deactivate": ADMIN_WRITE,
    "move": ADMIN_WRITE,
    "reset_code": {**ADMIN_WRITE, "county_admin": ("200", "404"), "league_admin": ("200", "404"),
                   "region_admin": ("200", "200")},
    "revoke_device": ADMIN_WRITE,
    "roster_preview": {"specialist": ("404",) * 2, "station_manager": ("404",) * 2,
                       "county_admin": ("200", "422"), "league_admin": ("200", "422"),
                       "region_admin": ("200", "200"), "no_session": NO_SESSION_POST},
    "audit_log": {"specialist": ("404",) * 2, "station_manager": ("404",) * 2,
                  **{a: ("200", "200") for a in ("county_admin", "league_admin", "region_admin")},
                  "no_session": NO_SESSION_GET},
    "targets_set": {**{a: ("403",) * 2 for a in ACTORS[:4]}, "region_admin": ("303", "303"),
                    "no_session": NO_SESSION_POST},
}
CASES = [(action, actor, where) for action in EXPECTED for actor in ACTORS for where in ("in", "out")]


@dataclass
class Scene:
    world: World
    home: str
    away: str
    clients: dict[str, ConsoleClient]


@pytest.fixture(scope="module")
def scene(server: RunningServer, server_db: Database) -> Scene:
    world = World(server, server_db)
    home, away = world.station(HOME_COUNTY), world.station(AWAY_COUNTY)
    accounts = {"specialist": world.user(Role.SPECIALIST, home),
                "station_manager": world.user(Role.STATION_MANAGER, home),
                "county_admin": world.user(Role.COUNTY_ADMIN, county=HOME_COUNTY),
                "league_admin": world.user(Role.LEAGUE_ADMIN, league=HOME_COUNTY[:4]),
                "region_admin": world.user(Role.REGION_ADMIN)}
    clients = {}
    for actor, account in accounts.items():
        clients[actor] = ConsoleClient(server)
        assert clients[actor].sign_in(account.username, PASSWORD).status_code == 303
    clients["no_session"] = ConsoleClient(server)
    target_service.merge_shipped(server_db, reference_import.default_reference_dir())
    return Scene(world, home, away, clients)


def managed_state(db: Database, data_dir) -> dict[str, Any]:
    with db.read() as session:
        accounts = sorted((u.username, u.active, u.station_id, u.scope_version, u.password_hash)
                          for u in session.execute(select(User)).scalars())
        devices = sorted((d.id, d.revoked_at is None, d.token_hash) for d in session.execute(select(Device)).scalars())
        codes = session.scalar(select(func.count()).select_from(ActivationCode))
        audit = session.scalar(select(func.count()).select_from(AuditEntry))
    return {**server_state(db, data_dir), "accounts": accounts, "devices": devices, "codes": codes, "audit": audit}


def _status(response) -> str:
    return str(response.status_code)


@dataclass
class Target:
    """A specialist of the target station, with a signed-in device, and another station of its county."""

    station: str
    county: str
    username: str
    device_id: str
    other_station: str


def make_target(scene: Scene, station: str) -> Target:
    county = HOME_COUNTY if station == scene.home else AWAY_COUNTY
    account = scene.world.user(Role.SPECIALIST, station)
    device = scene.world.login(account)
    return Target(station, county, account.username, device.device_id, scene.world.station(county))


def perform(action: str, scene: Scene, actor: str, target: Target) -> str:
    client = scene.clients[actor]
    match action:
        case "indicators":
            return _status(client.get(f"/console/indicators?area={target.county}"))
        case "export_xlsx":
            return _status(client.get(f"/console/export.xlsx?area={target.county}"))
        case "accounts_list" | "devices_list":
            page = client.get("/console/accounts" if action == "accounts_list" else "/console/devices")
            if page.status_code != 200:
                return _status(page)
            return "visible" if target.username in page.text else "hidden"
        case "deactivate":
            return _status(client.post(f"/console/accounts/{target.username}/deactivate"))
        case "move":
            return _status(client.post(f"/console/accounts/{target.username}/move", {"station": target.other_station}))
        case "reset_code":
            return _status(client.post(f"/console/accounts/{target.username}/reset-code"))
        case "revoke_device":
            return _status(client.post(f"/console/devices/{target.device_id}/revoke"))
        case "roster_preview":
            phone = "139" + target.device_id.replace("-", "")[-8:].translate(str.maketrans("abcdef", "123456"))
            roster = xlsx_bytes([("新人", phone, "专家", "", target.station, "", "")])
            return _status(client.http.post(scene.world.server.url("/console/roster"), data={"csrf": client.csrf},
                                            files={"roster": ("r.xlsx", roster)}, timeout=60, allow_redirects=False))
        case "audit_log":
            return _status(client.get("/console/audit"))
        case "targets_set":
            return _status(client.post("/console/targets", {"key": "households_served", "value": "100001"}))
    raise AssertionError(action)


_CHANGES = ("200", "303")


@pytest.mark.parametrize(("action", "actor", "where"), CASES, ids=[f"{a}-{b}-{c}" for a, b, c in CASES])
def test_each_role_gets_what_the_console_table_says_and_a_refusal_changes_nothing(scene: Scene, action: str,
                                                                                 actor: str, where: str):
    target = make_target(scene, scene.home if where == "in" else scene.away)
    before = managed_state(scene.world.db, scene.world.server.data_dir)
    outcome = perform(action, scene, actor, target)
    expected = EXPECTED[action][actor][0 if where == "in" else 1]
    assert outcome == expected, f"{actor} {action} ({where} of scope): got {outcome}, expected {expected}"
    if outcome not in _CHANGES or action in ("indicators", "export_xlsx", "accounts_list", "devices_list",
                                              "audit_log"):
        assert managed_state(scene.world.db, scene.world.server.data_dir) == before, "the server changed"
