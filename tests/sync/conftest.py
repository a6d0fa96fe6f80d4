"""Fixtures of the sync tests: device profiles copied from a template, an in-memory key store, and a
real server process per module over SQLite and PostgreSQL (with the server tests' database helpers)."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from desktop.profile import Profile, open_profile
from desktop.services.sync_service import SyncService
from desktop.store.store import DB_NAME
from sync.client.credentials import CredentialStore
from sync.client.transport import RetryPolicy, Transport, TransportConfig
from sync.domain.vocabulary import Role
from sync.server.store.database import Database
from tests.factories import COUNTY
from tests.server.conftest import cheap_password_hashes, fresh_database  # noqa: F401 - fixture reused
from tests.server.support import World
from tests.sync.harness import Device, ServerProcess, sign_in
from tests.sync.memory_keyring import MemoryKeyring
from tests.store_files import copy_store


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Installs a key store in memory for the test, as a desktop's OS key store would be."""
    previous: KeyringBackend = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def open_device(tmp_path: Path, template_profile: Path,
                request: pytest.FixtureRequest) -> Iterator[Callable[..., Profile]]:
    """Opens a fresh device profile named ``name`` (a copy of the migrated template store), its key
    in the OS key store or, ``key_store=False``, derived from ``OFFICE_PASSPHRASE`` as on a box without one."""
    opened: list[Profile] = []

    def open_named(name: str, key_store: bool = True) -> Profile:
        folder = tmp_path / name
        new = not (folder / DB_NAME).exists()
        if new:
            folder.mkdir(parents=True, exist_ok=True)
            template = template_profile if key_store else request.getfixturevalue("passphrase_template_profile")
            copy_store(template, folder)
        profile = open_profile(folder)
        if new:  # every copy of the template would otherwise share the template's device id
            with profile.store.unit_of_work() as s:
                profile.store.set_state(s, "device_id", str(uuid.uuid4()))
        opened.append(profile)
        return profile

    yield open_named
    for profile in opened:
        profile.close()


# --- end to end: a real server process per module and database backend ----------------------


def quick_transport(config: TransportConfig, token: str | None) -> Transport:
    """The app's transport with short back-off, so tests of cut lines do not sit waiting."""
    config = dataclasses.replace(config, read_timeout=30.0,
                                 retry=RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05))
    return Transport(config, token)


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def sync_server(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    directory = tmp_path_factory.mktemp(f"sync-server-{backend}")
    with fresh_database(backend, directory) as url:
        server = ServerProcess(backend, url, directory)
        server.start()
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture(scope="module")
def server_db(sync_server: ServerProcess) -> Iterator[Database]:
    db = Database(sync_server.database_url)
    yield db
    db.dispose()


@pytest.fixture
def world(sync_server: ServerProcess, server_db: Database) -> World:
    return World(sync_server, server_db)  # type: ignore[arg-type]  # only its url() is used


@pytest.fixture
def station(world: World) -> str:
    return world.station(county="150422")


@pytest.fixture
def make_device(open_device: Callable[..., Profile], world: World, sync_server: ServerProcess,
                memory_keyring: MemoryKeyring) -> Callable[..., Device]:
    """A laptop set up on first run, then signed in as a new server user of ``station``;
    ``key_store=False``: a box without an OS key store, its data folder on a passphrase."""

    def make(name: str, station: str, role: Role = Role.SPECIALIST, server_url: str | None = None,
             signed_in: bool = True, key_store: bool = True) -> Device:
        profile = open_device(name, key_store)
        profile.identity.set_up(f"{name} 专家", role, "commissioner", "WS-045", COUNTY)
        account = world.user(role, station)
        service = SyncService(profile.store, CredentialStore(), transport_factory=quick_transport)
        device = Device(name, profile, service, account.username)
        if signed_in:
            sign_in(device, server_url or sync_server.base_url)
        return device

    return make
