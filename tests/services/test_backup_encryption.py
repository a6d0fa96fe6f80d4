"""A backup file is encrypted with the passphrase chosen for it: nothing in it is readable without
it, a wrong one is refused with nothing changed, and the restored store is under the new laptop's key."""

from __future__ import annotations

import pytest

from desktop.profile import open_profile
from desktop.services.backup import BackupError, BackupProblem, BackupService, inspect_backup, restore_backup
from desktop.services.photos import PhotoService
from desktop.store import cipher
from desktop.store.store_key import read_key_file
from tests.factories import household, visit
from tests.services.test_backup import photo
from tests.store_files import BACKUP_PASSPHRASE

NAME, PHONE = "敖其尔巴特", "15947651234"


@pytest.fixture
def backup_file(profile, records, tmp_path):
    h, _ = records.save(household(name=NAME, phone=PHONE))
    stored = PhotoService(profile.store).import_photo(photo(tmp_path / "calf.jpg", (120, 60, 20)))
    records.save(visit(household_ids=(h.id,), photo_ids=(stored.sha256,)))
    jpeg = PhotoService(profile.store).read(stored.sha256)
    return BackupService(profile.store).back_up(tmp_path / "usb.fbk", BACKUP_PASSPHRASE).path, jpeg


def test_a_backup_holds_no_readable_name_phone_or_photo(backup_file, specialist):
    path, jpeg = backup_file
    data = path.read_bytes()
    for secret in (NAME.encode(), PHONE.encode(), specialist.display_name.encode(), jpeg[100:140], jpeg[-60:-20]):
        assert secret not in data


def test_a_wrong_or_missing_passphrase_is_refused_and_the_folder_stays_untouched(backup_file, tmp_path):
    path, _ = backup_file
    fresh = tmp_path / "new-laptop"
    fresh.mkdir()
    for wrong in ("not the passphrase", "", None):
        with pytest.raises(BackupError) as refused:
            restore_backup(path, fresh, wrong)
        assert refused.value.problem == BackupProblem.WRONG_PASSPHRASE
        with pytest.raises(BackupError):
            inspect_backup(path, wrong)
    assert list(fresh.iterdir()) == []


def test_a_passphrase_too_short_makes_no_backup(profile, tmp_path):
    with pytest.raises(BackupError) as refused:
        BackupService(profile.store).back_up(tmp_path / "b.fbk", "short")
    assert refused.value.problem == BackupProblem.WEAK_PASSPHRASE
    assert list(tmp_path.glob("b.fbk*")) == []


def test_the_restored_store_and_photos_are_under_the_new_laptops_own_key(backup_file, profile, tmp_path):
    path, jpeg = backup_file
    fresh = tmp_path / "new-laptop"
    restore_backup(path, fresh, BACKUP_PASSPHRASE)
    assert read_key_file(fresh)["id"] != read_key_file(profile.folder)["id"]
    assert not cipher.is_plain(fresh / "fieldbook.db")
    restored = open_profile(fresh)
    try:
        [sha] = [p.name for p in (fresh / "files").rglob("*") if p.is_file()]
        assert PhotoService(restored.store).read(sha) == jpeg
        assert jpeg[100:140] not in (fresh / "files" / sha[:2] / sha).read_bytes()
        assert [h.name for h in _households(restored)] == [NAME]
    finally:
        restored.close()


def _households(profile):
    from sqlalchemy import select

    from desktop.store.models import HouseholdRow

    with profile.store.reader() as s:
        return list(s.scalars(select(HouseholdRow)))
