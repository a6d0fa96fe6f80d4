"""``fieldbook sync`` run headless, as a township office's scheduler would: one log line, a telling exit code."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop.domain.records import Household
from desktop.services.sync_service import SyncService
from sync.client.credentials import CredentialStore
from tests.factories import household
from tests.server.conftest import REPO
from tests.server.support import PASSWORD
from tests.sync.memory_keyring import FileKeyring
from tests.sync.netsim import NetSim


@pytest.fixture
def keyring_file(tmp_path, monkeypatch):
    """A key store both this process and the command's process see, kept outside every profile."""
    path = tmp_path / "os-keyring.json"
    monkeypatch.setenv("FIELDBOOK_TEST_KEYRING", str(path))
    return path


def fieldbook_sync(device, *args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.sync.memory_keyring.FileKeyring", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "desktop.sync_cli", "--profile", str(device.profile.folder), *args],
                          input=f"{password}\n" if password is not None else "", capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=120, check=False)


def log_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if "fieldbook.sync" in line]


def test_a_successful_sync_exits_0_and_logs_one_line(make_device, station, sync_server, keyring_file):
    wang = make_device("wang", station, signed_in=False)
    wang.records.save(household())
    first = fieldbook_sync(wang, "--server", sync_server.base_url, "--user", wang.username, password=PASSWORD)
    assert first.returncode == 0, first.stderr
    [line] = log_lines(first)
    assert "finished; pushed 1" in line
    again = fieldbook_sync(wang)  # the token is in the key store now: no password needed
    assert again.returncode == 0, again.stderr
    assert "pushed 0" in log_lines(again)[0]
    assert PASSWORD not in first.stderr + again.stderr


def test_bad_credentials_exit_3(make_device, station, sync_server, keyring_file):
    wang = make_device("wang", station, signed_in=False)
    result = fieldbook_sync(wang, "--server", sync_server.base_url, "--user", wang.username, password="wrong")
    assert result.returncode == 3
    assert "The user name or password is wrong." in result.stderr


def test_a_profile_never_signed_in_exits_3(make_device, station, keyring_file):
    wang = make_device("wang", station, signed_in=False)
    result = fieldbook_sync(wang)
    assert result.returncode == 3
    assert "--server" in result.stderr


def test_an_unreachable_server_exits_2(make_device, station, sync_server, keyring_file):
    proxy = NetSim(sync_server.port)
    wang = make_device("wang", station, signed_in=False)
    assert fieldbook_sync(wang, "--server", proxy.url, "--user", wang.username, password=PASSWORD).returncode == 0
    proxy.close()  # the township office's line is down
    result = fieldbook_sync(wang)
    assert result.returncode == 2, result.stderr
    assert "offline" in log_lines(result)[0]


def test_open_conflicts_exit_4(make_device, station, sync_server, keyring_file):
    wang = make_device("wang", station)
    zhao = make_device("zhao", station, signed_in=False)
    SyncService(zhao.store, CredentialStore(FileKeyring())).sign_in(sync_server.base_url, zhao.username, PASSWORD)
    h, _ = wang.records.save(household())
    wang.sync_ok()
    assert fieldbook_sync(zhao).returncode == 0
    wang.records.save(wang.records.get(Household, h.id).with_changes(livestock_head=50))
    zhao.records.save(zhao.records.get(Household, h.id).with_changes(livestock_head=60))
    wang.sync_ok()
    result = fieldbook_sync(zhao)
    assert result.returncode == 4, result.stderr
    assert "conflicts 1" in log_lines(result)[0]
    assert fieldbook_sync(zhao).returncode == 4  # until someone resolves it
