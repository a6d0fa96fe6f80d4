"""Sessions a password change, a deactivation or a change of role or station ends, on every route."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from sync.domain.vocabulary import Role
from sync.server.app import create_app
from sync.server.config import ServerSettings
from sync.server.services import admin
from sync.server.store import users

from .conftest import REPO, server_command
from .support import PASSWORD, DeviceClient, World, login

#: Routes a device reaches before it has a token: health, sign-in, and a new account's first sign-in (activation).
PUBLIC_ROUTES = {("GET", "/api/v1/health"), ("POST", "/api/v1/auth/login"), ("POST", "/api/v1/auth/activate")}
NEW_PASSWORD = "a brand new passphrase"


def every_route(tmp_path: Path) -> list[tuple[str, str]]:
    """(method, path) of every route in the server's published OpenAPI schema, path parameters filled in."""
    app = create_app(ServerSettings(f"sqlite:///{tmp_path / 'unused.db'}", tmp_path))
    routes = []
    for template, operations in app.openapi()["paths"].items():
        path = (template.replace("{sha256}", "0" * 64).replace("{year}", "2026").replace("{record_type}", "visit")
                .replace("{record_id}", "no-such-visit"))
        assert "{" not in path, f"fill in the path parameters of {template} here"
        routes.extend((method.upper(), path) for method in sorted(operations))
    return routes


def answers(device: DeviceClient, routes: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """What each route answers the device's token: "<status>:<code>"."""
    seen = {}
    for method, path in routes:
        response = device.http.request(method, device.server.url(path), headers=device.headers, json={},
                                       params={"year": 2026, "area": "15"}, timeout=30)
        code = response.json().get("code", "") if response.content and method != "HEAD" else ""
        seen[(method, path)] = f"{response.status_code}:{code}"
    return seen


def set_password(world: World, username: str) -> None:
    changed = subprocess.run(server_command("user", "set-password", username, "--db", world.server.database_url),
                             cwd=REPO, input=NEW_PASSWORD + "\n", capture_output=True, text=True, timeout=60)
    assert changed.returncode == 0, changed.stderr


def deactivate_and_activate(world: World, username: str) -> None:
    admin.set_active(world.db, username, False)
    admin.set_active(world.db, username, True)


def move_station(world: World, username: str) -> None:
    admin.set_station(world.db, username, world.station())


def make_manager(world: World, username: str) -> None:
    with world.db.read() as session:
        station = users.by_username(session, username).station_id
    admin.set_role(world.db, username, Role.STATION_MANAGER, admin.Area(station=station))


EVENTS: dict[str, Callable[[World, str], None]] = {
    "password changed": set_password, "deactivated, then activated again": deactivate_and_activate,
    "moved to another station": move_station, "made station manager": make_manager,
}


def test_every_route_but_health_and_login_asks_for_a_device_token(world: World, tmp_path: Path):
    routes = every_route(tmp_path)
    assert len(routes) >= 10
    device = world.device(Role.SPECIALIST, world.station())
    device.token = "not-a-token"
    refused = {route for route, answer in answers(device, routes).items() if answer.startswith("401")}
    assert set(routes) - refused == PUBLIC_ROUTES


@pytest.mark.parametrize("event", EVENTS)
def test_an_account_change_ends_every_session_of_the_user_on_every_route(world: World, tmp_path: Path, event: str):
    station = world.station()
    account = world.user(Role.SPECIALIST, station)
    laptop, office_pc = world.login(account), world.login(account)
    colleague = world.device(Role.SPECIALIST, station)
    routes = [route for route in every_route(tmp_path) if route not in PUBLIC_ROUTES]
    assert not any(answer.startswith("401") for answer in answers(laptop, routes).values())

    EVENTS[event](world, account.username)

    for device in (laptop, office_pc):
        ended = answers(device, routes)
        assert ended == {route: "401:" if route[0] == "HEAD" else "401:session_ended" for route in routes}
    pulled = requests.get(world.server.url("/api/v1/sync/pull"), headers=laptop.headers, timeout=10)
    assert "sign in again" in pulled.json()["detail"]
    assert not any(answer.startswith("401") for answer in answers(colleague, routes).values())

    password = NEW_PASSWORD if event == "password changed" else PASSWORD
    if event == "password changed":
        assert login(world.server, account.username, PASSWORD, laptop.device_id).status_code == 401
    response = login(world.server, account.username, password, laptop.device_id)
    assert response.status_code == 200, response.text
    laptop.token = response.json()["token"]
    assert not any(answer.startswith("401") for answer in answers(laptop, routes).values())
    assert answers(office_pc, routes)[("GET", "/api/v1/sync/pull")] == "401:session_ended"


def test_a_deactivated_user_hears_so_until_activated_and_then_signs_in_again(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    admin.set_active(world.db, device.account.username, False)
    pull = world.server.url("/api/v1/sync/pull")
    refused = requests.get(pull, headers=device.headers, timeout=10)
    assert refused.status_code == 401 and refused.json()["code"] == "user_inactive"
    admin.set_active(world.db, device.account.username, True)
    ended = requests.get(pull, headers=device.headers, timeout=10)
    assert ended.status_code == 401 and ended.json()["code"] == "session_ended"
    assert "deactivated" in ended.json()["detail"]


def test_an_unchanged_role_or_station_leaves_sessions_alone(world: World):
    station = world.station()
    device = world.device(Role.SPECIALIST, station)
    admin.set_station(world.db, device.account.username, station)
    admin.set_role(world.db, device.account.username, Role.SPECIALIST, admin.Area(station=station))
    assert requests.get(world.server.url("/api/v1/sync/pull"), headers=device.headers, timeout=10).status_code == 200
