"""Headless ``fieldbook sync`` when the server ends a session, and with a token file instead of a key store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services.store_lock import EXIT_LOCKED
from desktop.store.store_key import PASSPHRASE_ENV
from sync.client.errors import SyncError
from sync.domain.vocabulary import Role
from sync.server.services import admin
from tests.factories import household, visit
from tests.server.conftest import REPO, server_command
from tests.server.support import API_HEADERS, PASSWORD, login
from tests.store_files import OFFICE_PASSPHRASE
from tests.sync.harness import server_records

NEW_PASSWORD = "the password after the change"
FILE_KEYRING = "tests.sync.memory_keyring.FileKeyring"
NO_KEYRING = "keyring.backends.fail.Keyring"  # a headless box: no Secret Service, nothing else


@pytest.fixture
def keyring_file(tmp_path, monkeypatch):
    path = tmp_path / "os-keyring.json"
    monkeypatch.setenv("FIELDBOOK_TEST_KEYRING", str(path))
    return path


def fieldbook_sync(device, *args: str, password: str | None = None, keyring_backend: str = FILE_KEYRING,
                   passphrase: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": keyring_backend, "PYTHONPATH": str(REPO)}
    env.pop(PASSPHRASE_ENV, None)
    if passphrase is not None:
        env[PASSPHRASE_ENV] = passphrase
    return subprocess.run([sys.executable, "-m", "desktop.sync_cli", "--profile", str(device.profile.folder), *args],
                          input=f"{password}\n" if password is not None else "", capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=120, check=False)


def office_sync(device, *args: str, password: str | None = None,
                passphrase: str | None = OFFICE_PASSPHRASE) -> subprocess.CompletedProcess[str]:
    """``fieldbook sync`` as a township office's scheduler runs it on a box without a key store: the
    data folder's passphrase in its environment, the device token in a file."""
    return fieldbook_sync(device, *args, password=password, keyring_backend=NO_KEYRING, passphrase=passphrase)


def on_server(server_db, record_id: str) -> bool:
    return any(key[1] == record_id for key in server_records(server_db))


def test_after_a_password_change_sync_asks_to_sign_in_again_and_then_sends_what_waited(
        make_device, station, sync_server, server_db, keyring_file):
    wang = make_device("wang", station, signed_in=False)
    first = fieldbook_sync(wang, "--server", sync_server.base_url, "--user", wang.username, password=PASSWORD)
    assert first.returncode == 0, first.stderr
    h, _ = wang.records.save(household())
    v, _ = wang.records.save(visit(household_ids=(h.id,)))  # recorded offline, in the field

    changed = subprocess.run(server_command("user", "set-password", wang.username, "--db", sync_server.database_url),
                             cwd=REPO, input=NEW_PASSWORD + "\n", capture_output=True, text=True, timeout=60)
    assert changed.returncode == 0, changed.stderr

    ended = fieldbook_sync(wang)
    assert ended.returncode == 3, ended.stderr
    assert "sign in again" in ended.stderr and "changes not sent yet are kept" in ended.stderr
    assert not on_server(server_db, v.id)
    assert wang.service.local.pending_count() == 2

    again = fieldbook_sync(wang, "--user", wang.username, password=NEW_PASSWORD)
    assert again.returncode == 0, again.stderr
    assert "pushed 2 (applied 2" in again.stderr
    assert on_server(server_db, v.id) and on_server(server_db, h.id)
    assert wang.service.local.pending_count() == 0


@pytest.mark.parametrize("change", ["deactivated and activated again", "made station manager"])
def test_other_account_changes_also_ask_to_sign_in_again_and_lose_nothing(
        make_device, station, world, sync_server, server_db, keyring_file, change):
    wang = make_device("wang", station, signed_in=False)
    assert fieldbook_sync(wang, "--server", sync_server.base_url, "--user", wang.username,
                          password=PASSWORD).returncode == 0
    h, _ = wang.records.save(household())
    if change == "made station manager":
        admin.set_role(world.db, wang.username, Role.STATION_MANAGER, admin.Area(station=station))
    else:
        admin.set_active(world.db, wang.username, False)
        admin.set_active(world.db, wang.username, True)
    ended = fieldbook_sync(wang)
    assert ended.returncode == 3 and "sign in again" in ended.stderr, ended.stderr
    again = fieldbook_sync(wang, "--user", wang.username, password=PASSWORD)
    assert again.returncode == 0, again.stderr
    assert wang.service.local.pending_count() == 0 and on_server(server_db, h.id)


def test_headless_sync_without_a_key_store_runs_on_its_token_file(make_device, station, sync_server, server_db,
                                                                   tmp_path):
    office = make_device("office", station, signed_in=False, key_store=False)
    token_file = tmp_path / "office.token"
    first = office_sync(office, "--server", sync_server.base_url, "--user", office.username, "--token-file",
                        str(token_file), password=PASSWORD)
    assert first.returncode == 0, first.stderr
    assert token_file.stat().st_mode & 0o777 == 0o600
    assert PASSWORD not in token_file.read_text()

    h, _ = office.records.save(household())
    scheduled = office_sync(office, "--token-file", str(token_file))
    assert scheduled.returncode == 0, scheduled.stderr
    assert on_server(server_db, h.id)
    without_file = office_sync(office)
    assert without_file.returncode == 3  # the key store has nothing: the file is what signs it in


@pytest.mark.parametrize(("passphrase", "told"), [(None, "none was given"), ("not the office's", "does not open")])
def test_an_office_box_without_its_passphrase_is_told_so_and_loses_nothing(make_device, station, sync_server,
                                                                           server_db, tmp_path, passphrase, told):
    office = make_device("office", station, signed_in=False, key_store=False)
    token_file = tmp_path / "office.token"
    assert office_sync(office, "--server", sync_server.base_url, "--user", office.username, "--token-file",
                       str(token_file), password=PASSWORD).returncode == 0
    h, _ = office.records.save(household())
    refused = office_sync(office, "--token-file", str(token_file), passphrase=passphrase)
    assert refused.returncode == EXIT_LOCKED, refused.stderr
    assert told in refused.stderr and "Traceback" not in refused.stderr
    assert not on_server(server_db, h.id) and office.service.local.pending_count() == 1
    assert office_sync(office, "--token-file", str(token_file)).returncode == 0
    assert on_server(server_db, h.id)


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660])
def test_a_token_file_others_may_read_is_refused_with_a_clear_message(make_device, station, sync_server,
                                                                       server_db, tmp_path, mode):
    office = make_device("office", station, signed_in=False, key_store=False)
    token_file = tmp_path / "office.token"
    assert office_sync(office, "--server", sync_server.base_url, "--user", office.username, "--token-file",
                       str(token_file), password=PASSWORD).returncode == 0
    h, _ = office.records.save(household())
    token_file.chmod(mode)
    refused = office_sync(office, "--token-file", str(token_file))
    assert refused.returncode == 3, refused.stderr
    assert f"may be read or changed by others (mode {mode:04o})" in refused.stderr
    assert f"chmod 600 {token_file}" in refused.stderr
    assert not on_server(server_db, h.id)
    token_file.chmod(0o600)
    assert office_sync(office, "--token-file", str(token_file)).returncode == 0


def test_a_token_file_of_another_profile_is_refused(make_device, station, sync_server, tmp_path):
    office = make_device("office", station, signed_in=False, key_store=False)
    other = make_device("other", station, signed_in=False, key_store=False)
    token_file = tmp_path / "office.token"
    assert office_sync(office, "--server", sync_server.base_url, "--user", office.username, "--token-file",
                       str(token_file), password=PASSWORD).returncode == 0
    assert office_sync(other, "--server", sync_server.base_url, "--user", other.username,
                       password=PASSWORD).returncode == 0
    refused = office_sync(other, "--token-file", str(token_file))
    assert refused.returncode == 3 and "belongs to another device" in refused.stderr, refused.stderr


def test_a_revoked_office_device_exits_3_with_its_token_file(make_device, station, sync_server, tmp_path: Path):
    office = make_device("office", station, signed_in=False, key_store=False)
    token_file = tmp_path / "office.token"
    assert office_sync(office, "--server", sync_server.base_url, "--user", office.username, "--token-file",
                       str(token_file), password=PASSWORD).returncode == 0
    revoke = subprocess.run(server_command("device", "revoke", office.service.local.device_id(), "--db",
                                           sync_server.database_url), cwd=REPO, capture_output=True, text=True,
                            timeout=60)
    assert revoke.returncode == 0, revoke.stderr
    office.records.save(household())
    for _ in range(2):
        refused = office_sync(office, "--token-file", str(token_file))
        assert refused.returncode == 3, refused.stderr
        assert "revoked" in refused.stderr
    assert office.service.local.pending_count() == 1


def test_a_laptop_whose_session_ended_signs_in_again_while_strangers_are_throttled(make_device, station, world):
    wang = make_device("wang", station)
    wang.records.save(household())
    admin.set_password(world.db, wang.username, NEW_PASSWORD)
    report = wang.sync()
    assert report.error is not None and "sign in again" in report.error.message
    assert not wang.service.signed_in()
    for n in range(4):  # someone guesses from four other places
        for _ in range(5):
            guessed = login(world.server, wang.username, "guess", "evil-pc",
                            headers={**API_HEADERS, "X-Forwarded-For": f"203.0.113.{n + 1}"})
            assert guessed.status_code == 401
    new_laptop = make_device("new-laptop", station, signed_in=False)
    with pytest.raises(SyncError, match="Too many failed sign-ins"):
        new_laptop.service.sign_in(world.server.base_url, wang.username, NEW_PASSWORD)
    wang.service.sign_in(world.server.base_url, wang.username, NEW_PASSWORD)
    assert wang.sync_ok().applied == 1
