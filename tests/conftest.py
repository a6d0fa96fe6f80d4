"""Fixtures shared by the whole suite: ready-made profiles on temporary SQLite stores."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest

from desktop.profile import Profile, open_profile
from desktop.services.identity import Identity
from desktop.services.records import RecordService
from desktop.store.store import DB_NAME
from sync.domain.vocabulary import Role

from tests.factories import COUNTY, TODAY


@pytest.fixture(scope="session")
def template_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated store with reference data, built once; loading the 16k divisions takes seconds."""
    folder = tmp_path_factory.mktemp("template")
    open_profile(folder).close()
    return folder / DB_NAME


@pytest.fixture
def profile(tmp_path: Path, template_profile: Path) -> Profile:
    folder = tmp_path / "profile"
    folder.mkdir()
    shutil.copy(template_profile, folder / DB_NAME)
    with sqlite3.connect(folder / DB_NAME) as db:  # each copy is a device of its own
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
