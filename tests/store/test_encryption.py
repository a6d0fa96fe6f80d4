"""The profile folder holds no readable personal data: the store is SQLCipher-encrypted, photos and
drafts are too, and a store from before encryption is encrypted on first start losing nothing."""

from __future__ import annotations

import io
import random
import sqlite3
import subprocess
from pathlib import Path

import keyring
import pytest
from alembic import command
from keyring.backends import fail
from PIL import Image
from sqlalchemy import create_engine

from desktop.profile import open_profile
from desktop.services.identity import Identity
from desktop.services.photos import PhotoService
from desktop.services.records import RecordService
from desktop.store import cipher, store_key
from desktop.store.engine import alembic_config
from desktop.store.store import DB_NAME, Store
from desktop.store.store_key import LockProblem, StoreLocked
from sync.domain.vocabulary import Role
from tests.factories import COUNTY, TODAY, household, visit
from tests.faults.test_migrations_every_revision import STORE_REVISIONS, assert_intact, fill

NAME, PHONE = "乌日娜其其格", "13904761234"


def _photo(tmp_path: Path) -> Path:
    rng = random.Random(7)
    path = tmp_path / "calf.png"
    Image.frombytes("RGB", (320, 240), bytes(rng.getrandbits(8) for _ in range(320 * 240 * 3))).save(path)
    return path


def _profile_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_sqlite_cannot_read_the_store(profile):
    profile.close()
    result = subprocess.run(["sqlite3", str(profile.store.db_path), ".tables"], capture_output=True, text=True)
    assert result.returncode != 0 and "not a database" in result.stderr
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(profile.store.db_path).execute("SELECT * FROM sqlite_master").fetchall()


def test_no_name_phone_or_photo_is_readable_anywhere_in_the_profile(profile, specialist, tmp_path):
    records = RecordService(profile.store, specialist, today=lambda: TODAY)
    photo = PhotoService(profile.store).import_photo(_photo(tmp_path))
    h, _ = records.save(household(name=NAME, phone=PHONE))
    records.save(visit(household_ids=(h.id,), photo_ids=(photo.sha256,), problem=f"{NAME}家的犊牛腹泻"))
    profile.drafts.save("visit", {"problem": f"回访{NAME}", "phone": PHONE})
    jpeg = PhotoService(profile.store).read(photo.sha256)
    assert jpeg is not None and jpeg.startswith(b"\xff\xd8")
    folder = profile.folder
    profile.close()

    secrets = [NAME.encode(), PHONE.encode(), "张丽".encode()]
    secrets += [jpeg[i:i + 32] for i in range(0, len(jpeg) - 32, len(jpeg) // 16)]  # slices of the photo
    files = _profile_files(folder)
    assert any(p.parent.parent.name == "files" for p in files)
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret not in data, f"{path.relative_to(folder)} holds readable personal data"


@pytest.fixture
def specialist(profile) -> Identity:
    identity, _ = profile.identity.set_up("张丽", Role.SPECIALIST, "commissioner", "WS-045", COUNTY)
    return identity


@pytest.mark.parametrize("revision", STORE_REVISIONS)
def test_a_plain_store_at_any_revision_is_encrypted_on_first_start_with_every_row(tmp_path, revision):
    folder = tmp_path / "old-laptop"
    folder.mkdir()
    db_path = folder / DB_NAME
    plain = create_engine(f"sqlite:///{db_path}")
    command.upgrade(alembic_config(plain), revision)
    with plain.begin() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    with plain.begin() as connection:
        inserted = fill(connection)
    plain.dispose()
    jpeg = b"\xff\xd8" + random.Random(3).randbytes(5000)
    photo = folder / "files" / "ab" / ("ab" + "0" * 62)
    photo.parent.mkdir(parents=True)
    photo.write_bytes(jpeg)
    assert cipher.is_plain(db_path)

    store = Store.open(folder)
    try:
        assert not cipher.is_plain(db_path)
        with store.engine.connect() as connection:
            assert_intact(connection, inserted)
        assert store.read_file(photo) == jpeg and jpeg[2:40] not in photo.read_bytes()
        backups = list(folder.glob("fieldbook.before-encryption.*.bak"))
        assert len(backups) == 1 and not cipher.is_plain(backups[0])
        in_backup = cipher.table_counts(backups[0], store.key)  # the store as it was, encrypted
        assert {t: in_backup[t] for t in inserted} == {t: len(rows) for t, rows in inserted.items()}
        assert not [p for p in folder.iterdir() if cipher.is_plain(p)]
    finally:
        store.close()


@pytest.fixture
def no_key_store():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)
    store_key.set_passphrase_prompt(store_key._env_or_terminal)


def test_without_a_key_store_a_passphrase_opens_the_store_and_a_wrong_one_is_refused(tmp_path, no_key_store):
    asked: list[tuple[bool, bool]] = []
    answers = iter(["草原上的 passphrase", "wrong one!", "wrong again", "wrong thrice", "草原上的 passphrase"])
    store_key.set_passphrase_prompt(lambda new, retry: (asked.append((new, retry)), next(answers))[1])
    folder = tmp_path / "laptop"
    Store.open(folder).close()
    assert store_key.read_key_file(folder)["source"] == "passphrase" and asked == [(True, False)]

    store_key.forget_key(folder)  # as at the next start
    with pytest.raises(StoreLocked) as locked:
        Store.open(folder)
    assert locked.value.problem == LockProblem.WRONG_PASSPHRASE
    assert asked[1:] == [(False, False), (False, True), (False, True)]
    Store.open(folder).close()  # the right one, once more


def test_a_passphrase_too_short_is_refused_and_no_store_is_made(tmp_path, no_key_store):
    store_key.set_passphrase_prompt(lambda new, retry: "short")
    with pytest.raises(StoreLocked) as locked:
        Store.open(tmp_path / "laptop")
    assert locked.value.problem == LockProblem.TOO_SHORT
    assert not (tmp_path / "laptop" / DB_NAME).exists()
