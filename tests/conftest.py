"""Fixtures shared by the whole suite: ready-made profiles on temporary SQLite stores."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from desktop.profile import Profile, open_profile
from desktop.services.identity import Identity
from desktop.services.records import RecordService
from desktop.store import cipher
from desktop.store.store import DB_NAME
from desktop.store.store_key import PASSPHRASE_ENV, read_key_file, store_key
from sync.domain.vocabulary import Role

from tests.factories import COUNTY, TODAY
from tests.store_files import OFFICE_PASSPHRASE, connect, copy_store
from tests.sync.memory_keyring import STORE_KEYS_ENV, StoreKeyring


@pytest.fixture(scope="session", autouse=True)
def store_keyring(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreKeyring]:
    """The OS key store for the whole run, in a file outside every profile that the headless
    commands started by tests read too (they inherit ``$FIELDBOOK_TEST_STORE_KEYS``)."""
    path = tmp_path_factory.mktemp("keyring") / "store-keys.json"
    previous_env = {name: os.environ.get(name) for name in (STORE_KEYS_ENV, "PYTHON_KEYRING_BACKEND", "PYTHONPATH")}
    os.environ[STORE_KEYS_ENV] = str(path)
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.sync.memory_keyring.StoreKeyring"
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[1]),
                                                              previous_env["PYTHONPATH"]]))
    previous = keyring.get_keyring()
    backend = StoreKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
    for name, value in previous_env.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def template_profile(tmp_path_factory: pytest.TempPathFactory, store_keyring: StoreKeyring) -> Path:
    """A migrated store with reference data, built once; loading the 16k divisions takes seconds."""
    folder = tmp_path_factory.mktemp("template")
    open_profile(folder).close()
    return folder / DB_NAME


@pytest.fixture(scope="session")
def passphrase_template_profile(tmp_path_factory: pytest.TempPathFactory, template_profile: Path) -> Path:
    """The template store as a box without an OS key store keeps it: its key derived from
    ``OFFICE_PASSPHRASE`` (the key file made by the app's own first start there)."""
    folder = tmp_path_factory.mktemp("template-passphrase")
    previous = keyring.get_keyring()
    with pytest.MonkeyPatch.context() as env:
        env.setenv(PASSPHRASE_ENV, OFFICE_PASSPHRASE)
        keyring.set_keyring(fail.Keyring())
        try:
            key = store_key(folder)
        finally:
            keyring.set_keyring(previous)
    assert read_key_file(folder)["source"] == "passphrase"
    cipher.export(template_profile, store_key(template_profile.parent), folder / DB_NAME, key)
    return folder / DB_NAME


@pytest.fixture
def profile(tmp_path: Path, template_profile: Path) -> Profile:
    folder = tmp_path / "profile"
    copy_store(template_profile, folder)
    with connect(folder / DB_NAME) as db:  # each copy is a device of its own
        db.execute("UPDATE sync_state SET value = ? WHERE key = 'device_id'", (str(uuid.uuid4()),))
    p = open_profile(folder)
    yield p
    p.close()


@pytest.fixture
def specialist(profile: Profile) -> Identity:
    identity, _ = profile.identity.set_up("王芳", Role.SPECIALIST, "commissioner", "WS-045", COUNTY)
    return identity


@pytest.fixture
def records(profile: Profile, specialist: Identity) -> RecordService:
    return RecordService(profile.store, specialist, today=lambda: TODAY)
