"""Login, tokens, slowed-down password guessing, revoked devices and the protocol header."""

from __future__ import annotations

import datetime as dt
import subprocess

import requests

from sync.domain.vocabulary import Role
from sync.server.login_throttle import retry_after
from sync.server.services import admin

from .conftest import REPO, server_command
from .support import API_HEADERS, PASSWORD, World, login


def test_login_with_the_right_password_returns_a_token_that_opens_the_api(world: World):
    station = world.station()
    account = world.user(Role.SPECIALIST, station)
    response = login(world.server, account.username, PASSWORD, "laptop-1")
    assert response.status_code == 200
    body = response.json()
    assert body["user_id"] == account.user_id and body["station_id"] == station and body["role"] == "specialist"
    assert body["device_id"] == "laptop-1" and len(body["token"]) >= 40
    pulled = requests.get(world.server.url("/api/v1/sync/pull"),
                          headers={**API_HEADERS, "Authorization": f"Bearer {body['token']}"}, timeout=10)
    assert pulled.status_code == 200


def test_login_with_a_wrong_password_is_refused_without_saying_which_part_was_wrong(world: World):
    account = world.user(Role.SPECIALIST, world.station())
    wrong_password = login(world.server, account.username, "not the password", "laptop-2")
    unknown_user = login(world.server, "nobody-" + account.username, PASSWORD, "laptop-2")
    assert wrong_password.status_code == unknown_user.status_code == 401
    assert wrong_password.json() == unknown_user.json() == {"detail": "wrong user name or password",
                                                            "code": "bad_credentials"}


def test_repeated_failed_logins_are_slowed_down_even_for_the_right_password(world: World):
    account = world.user(Role.SPECIALIST, world.station())
    for _ in range(5):
        assert login(world.server, account.username, "guess", "laptop-3").status_code == 401
    refused = login(world.server, account.username, PASSWORD, "laptop-3")
    assert refused.status_code == 429
    assert refused.json()["code"] == "too_many_attempts"
    assert 0 < int(refused.headers["Retry-After"]) <= 30
    other_user = world.user(Role.SPECIALIST, world.station())
    assert login(world.server, other_user.username, PASSWORD, "laptop-4").status_code == 200


def test_the_wait_after_failed_logins_grows_with_each_further_failure():
    now = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)
    failures = [now - dt.timedelta(seconds=s) for s in (50, 40, 30, 20)]
    assert retry_after(failures, now) is None
    fifth = failures + [now]
    sixth = fifth + [now]
    assert retry_after(fifth, now) == 30
    assert retry_after(sixth, now) == 60
    assert retry_after(fifth, now + dt.timedelta(seconds=31)) is None
    old = [now - dt.timedelta(minutes=20)] * 10
    assert retry_after(old, now) is None


def test_a_new_login_replaces_the_device_token(world: World):
    account = world.user(Role.SPECIALIST, world.station())
    first = world.login(account, "laptop-5")
    second = world.login(account, "laptop-5")
    stale = requests.get(world.server.url("/api/v1/sync/pull"), headers=first.headers, timeout=10)
    assert stale.status_code == 401 and stale.json()["code"] == "unauthorized"
    assert requests.get(world.server.url("/api/v1/sync/pull"), headers=second.headers, timeout=10).status_code == 200


def test_a_device_id_cannot_be_taken_over_by_another_user(world: World):
    station = world.station()
    world.login(world.user(Role.SPECIALIST, station), "shared-laptop")
    other = world.user(Role.SPECIALIST, station)
    response = login(world.server, other.username, PASSWORD, "shared-laptop")
    assert response.status_code == 403 and response.json()["code"] == "device_of_another_user"


def test_a_revoked_device_is_refused_on_every_call_and_cannot_log_in_again(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    revoke = subprocess.run(server_command("device", "revoke", device.device_id, "--db", world.server.database_url),
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert revoke.returncode == 0, revoke.stderr
    pushed = device.push_response([])
    pulled = requests.get(world.server.url("/api/v1/sync/pull"), headers=device.headers, timeout=10)
    for response in (pushed, pulled):
        assert response.status_code == 401
        assert response.json()["code"] == "device_revoked" and "revoked" in response.json()["detail"]
    again = login(world.server, device.account.username, PASSWORD, device.device_id)
    assert again.status_code == 403 and again.json()["code"] == "device_revoked"
    assert login(world.server, device.account.username, PASSWORD, "a-new-laptop").status_code == 200


def test_a_call_without_a_token_is_unauthorized(world: World):
    response = requests.get(world.server.url("/api/v1/sync/pull"), headers=API_HEADERS, timeout=10)
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"


def test_an_outdated_or_missing_protocol_header_gets_upgrade_required(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    for headers in ({"Authorization": f"Bearer {device.token}"},
                    {"Authorization": f"Bearer {device.token}", "X-Fieldbook-Protocol": "0"},
                    {"Authorization": f"Bearer {device.token}", "X-Fieldbook-Protocol": "one"}):
        response = requests.get(world.server.url("/api/v1/sync/pull"), headers=headers, timeout=10)
        assert response.status_code == 426
        assert response.json()["code"] == "upgrade_required" and "update" in response.json()["detail"]
    old_login = login(world.server, device.account.username, PASSWORD, "laptop-6", headers={})
    assert old_login.status_code == 426


def test_health_answers_without_token_or_protocol_header(world: World):
    response = requests.get(world.server.url("/api/v1/health"), timeout=10)
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["min_protocol_version"] == 1


def test_a_deactivated_user_is_refused_until_activated_and_signed_in_again(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    admin.set_active(world.db, device.account.username, False)
    refused = requests.get(world.server.url("/api/v1/sync/pull"), headers=device.headers, timeout=10)
    assert refused.status_code == 401 and refused.json()["code"] == "user_inactive"
    assert login(world.server, device.account.username, PASSWORD, device.device_id).json()["code"] == "user_inactive"
    admin.set_active(world.db, device.account.username, True)
    assert login(world.server, device.account.username, PASSWORD, device.device_id).status_code == 200
