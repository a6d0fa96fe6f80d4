"""Report test fixtures: a real server per module and backend, started on the shipped reference data."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the PDF tests need Qt's fonts, never a screen

import dataclasses
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from desktop.profile import Profile, open_profile
from desktop.services.sync_service import SyncService
from desktop.store.store import DB_NAME
from resources import resource_path
from sync.client.credentials import CredentialStore
from sync.client.transport import RetryPolicy, Transport, TransportConfig
from sync.domain.vocabulary import Role
from sync.server.store.database import Database
from tests.factories import COUNTY
from tests.server.conftest import cheap_password_hashes, fresh_database, running_server  # noqa: F401
from tests.server.support import RunningServer, World
from tests.sync.harness import Device, sign_in
from tests.sync.memory_keyring import MemoryKeyring
from tests.store_files import copy_store

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def server(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """``fieldbook-server serve`` on an empty database: its first start imports resources/reference."""
    directory = tmp_path_factory.mktemp(f"report-server-{backend}")
    with fresh_database(backend, directory) as url, running_server(
            backend, url, directory, "--reference-dir", str(resource_path("reference"))) as running:
        yield running


@pytest.fixture(scope="module")
def server_db(server: RunningServer) -> Iterator[Database]:
    db = Database(server.database_url)
    yield db
    db.dispose()


@pytest.fixture
def world(server: RunningServer, server_db: Database) -> World:
    return World(server, server_db)


# --- devices: real profiles that sign in to the server and sync ----------------------------


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous: KeyringBackend = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def quick_transport(config: TransportConfig, token: str | None) -> Transport:
    """The app's transport with short back-off: a failing test fails fast instead of retrying."""
    return Transport(dataclasses.replace(config, read_timeout=60.0,
                                         retry=RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)), token)


@pytest.fixture
def make_device(tmp_path: Path, template_profile: Path, world: World, server: RunningServer,
                memory_keyring: MemoryKeyring) -> Iterator[Callable[..., Device]]:
    """A laptop set up on first run (a copy of the migrated template store with its own device id),
    then signed in as a new server user of ``station``."""
    opened: list[Profile] = []

    def make(name: str, station: str, role: Role = Role.SPECIALIST) -> Device:
        folder = tmp_path / name
        folder.mkdir()
        copy_store(template_profile, folder)
        profile = open_profile(folder)
        opened.append(profile)
        with profile.store.unit_of_work() as s:
            profile.store.set_state(s, "device_id", str(uuid.uuid4()))
        profile.identity.set_up(f"{name} 专家", role, "commissioner", "WS-045", COUNTY)
        account = world.user(role, station)
        device = Device(name, profile, SyncService(profile.store, CredentialStore(), transport_factory=quick_transport),
                        account.username)
        sign_in(device, server.base_url)
        return device

    yield make
    for profile in opened:
        profile.close()
