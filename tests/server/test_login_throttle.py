"""The login throttle over a real server: per user and source, per source, and known devices let through."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator

import pytest
import requests

from sync.domain.vocabulary import Role
from sync.server.login_throttle import Failure, check, source_of
from sync.server.services import admin
from sync.server.store.database import Database

from .conftest import fresh_database, running_server
from .support import API_HEADERS, PASSWORD, RunningServer, World, login

_addresses = itertools.count(1)


def address() -> str:
    """A source address no other test uses; the server trusts X-Forwarded-For from its own proxy (127.0.0.1)."""
    n = next(_addresses)
    return f"198.51.{n // 250}.{n % 250 + 1}"


def login_from(server: RunningServer, source: str, username: str, password: str, device_id: str,
               last_token: str | None = None) -> requests.Response:
    headers = {**API_HEADERS, "X-Forwarded-For": source}
    if last_token:
        headers["Authorization"] = f"Bearer {last_token}"
    return login(server, username, password, device_id, headers=headers)


def assert_throttled(response: requests.Response, words: str) -> None:
    assert response.status_code == 429, response.text
    assert response.json()["code"] == "too_many_attempts" and words in response.json()["detail"]
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60


def test_five_wrong_passwords_from_one_address_do_not_lock_the_user_out_elsewhere(world: World):
    account = world.user(Role.SPECIALIST, world.station())
    attacker, office = address(), address()
    for _ in range(5):
        assert login_from(world.server, attacker, account.username, "guess", "evil-pc").status_code == 401
    refused = login_from(world.server, attacker, account.username, PASSWORD, "evil-pc")
    assert_throttled(refused, f"too many failed logins for {account.username} from this address")
    assert login_from(world.server, office, account.username, PASSWORD, "office-laptop").status_code == 200


def test_a_known_device_with_the_right_password_gets_through_while_strangers_are_held_back(world: World):
    account = world.user(Role.SPECIALIST, world.station())
    laptop = world.login(account)
    for attacker in (address() for _ in range(4)):
        for _ in range(5):
            assert login_from(world.server, attacker, account.username, "guess", "evil-pc").status_code == 401
    new_laptop = login_from(world.server, address(), account.username, PASSWORD, "new-laptop")
    assert_throttled(new_laptop, "from several addresses")
    without_proof = login_from(world.server, address(), account.username, PASSWORD, laptop.device_id)
    assert_throttled(without_proof, "from several addresses")
    with_proof = login_from(world.server, address(), account.username, PASSWORD, laptop.device_id, laptop.token)
    assert with_proof.status_code == 200, with_proof.text


def test_a_known_device_is_throttled_on_its_own_failures(world: World):
    account = world.user(Role.SPECIALIST, world.station())
    laptop = world.login(account)
    place = address()
    for _ in range(5):
        wrong = login_from(world.server, place, account.username, "guess", laptop.device_id, laptop.token)
        assert wrong.status_code == 401
    refused = login_from(world.server, place, account.username, PASSWORD, laptop.device_id, laptop.token)
    assert_throttled(refused, "on this device")
    assert login_from(world.server, address(), account.username, PASSWORD, "another-laptop").status_code == 200


def test_the_last_token_of_a_session_that_ended_still_proves_the_device(world: World):
    account = world.user(Role.SPECIALIST, world.station())
    laptop = world.login(account)
    admin.set_password(world.db, account.username, "the new password")
    for attacker in (address() for _ in range(4)):
        for _ in range(5):
            login_from(world.server, attacker, account.username, "guess", "evil-pc")
    again = login_from(world.server, address(), account.username, "the new password", laptop.device_id, laptop.token)
    assert again.status_code == 200, again.text


def test_password_spraying_from_one_address_is_slowed_down(world: World):
    station = world.station()
    sprayer = address()
    for _ in range(15):
        victim = world.user(Role.SPECIALIST, station)
        assert login_from(world.server, sprayer, victim.username, "Spring2026!", "evil-pc").status_code == 401
    someone = world.user(Role.SPECIALIST, station)
    assert_throttled(login_from(world.server, sprayer, someone.username, PASSWORD, "evil-pc"),
                     "too many failed logins from this address")
    assert login_from(world.server, address(), someone.username, PASSWORD, "laptop").status_code == 200


def test_a_token_of_another_device_or_a_made_up_one_proves_nothing(world: World):
    account = world.user(Role.SPECIALIST, world.station())
    laptop, other = world.login(account), world.login(world.user(Role.SPECIALIST, world.station()))
    for attacker in (address() for _ in range(4)):
        for _ in range(5):
            login_from(world.server, attacker, account.username, "guess", "evil-pc")
    for token in (other.token, "made-up"):
        refused = login_from(world.server, address(), account.username, PASSWORD, laptop.device_id, token)
        assert_throttled(refused, "from several addresses")


@pytest.fixture(scope="module")
def two_workers(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    directory = tmp_path_factory.mktemp(f"two-workers-{backend}")
    with fresh_database(backend, directory) as url, running_server(backend, url, directory, "--workers", "2") as up:
        yield up


def test_the_count_is_shared_by_every_worker(two_workers: RunningServer):
    db = Database(two_workers.database_url)
    try:
        world = World(two_workers, db)
        account = world.user(Role.SPECIALIST, world.station())
        attacker = address()
        # Fresh connections, so the attempts are spread over both workers.
        for _ in range(5):
            response = requests.post(two_workers.url("/api/v1/auth/login"), timeout=30,
                                     headers={**API_HEADERS, "X-Forwarded-For": attacker, "Connection": "close"},
                                     json={"username": account.username, "password": "guess",
                                           "device_id": "evil-pc", "device_name": "x"})
            assert response.status_code == 401
        for _ in range(4):
            assert_throttled(login_from(two_workers, attacker, account.username, PASSWORD, "evil-pc"),
                             "from this address")
    finally:
        db.dispose()


def test_the_source_of_an_ipv6_caller_is_its_network():
    assert source_of("2001:db8:1:2:aaaa::1") == source_of("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert source_of("::ffff:192.0.2.7") == "192.0.2.7" and source_of(None) == "unknown"


def test_refusals_say_the_longest_wait():
    now = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    failures = [Failure("wang", "a", None, now)] * 6 + [Failure(f"u{n}", "a", None, now) for n in range(11)]
    refusal = check(failures, "wang", "a", None, now)
    assert refusal is not None and refusal.wait == 120
    assert refusal.message == "too many failed logins from this address; try again in 120 seconds"
    assert check(failures, "wang", "b", None, now) is None
    assert check(failures, "wang", "a", "laptop", now) is None
