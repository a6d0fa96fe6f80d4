"""Backup to one file and restore into a fresh profile: everything comes back; a bad file changes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from tests.store_files import connect
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select, text

from desktop.domain.records import Attachment
from desktop.profile import open_profile
from desktop.services.backup import (
    BackupService,
    default_file_name,
    inspect_backup,
    restore_backup,
)
from desktop.services.photos import PhotoService
from desktop.services.records import RecordService
from desktop.services.review import ReviewService
from desktop.services.store_check import StoreCheckService
from desktop.store import cipher, repository
from desktop.store.backup_archive import DATABASE, ENVELOPE, MANIFEST, BackupError, BackupProblem
from desktop.store.backup_identity import RESTORED_EPOCH
from desktop.store.models import OutboxRow
from desktop.store.store import DB_NAME
from desktop.store.store_key import derive_key
from sync.domain.vocabulary import RecordType
from tests.factories import household, training, visit
from tests.store_files import copy_store
from tests.store_files import BACKUP_PASSPHRASE

#: Tables restored row for row; the outbox and sync_state are compared apart (the device changes).
SAME_ROWS = ("households", "visits", "trainings", "review_events", "attachments", "conflicts", "drafts",
             "users", "memberships", "visit_households")


def photo(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (320, 240), colour).save(path, "JPEG")
    return path


@pytest.fixture
def worked_profile(profile, records, specialist, tmp_path):
    """A profile with households, visits with photos, a training, review events, pending changes."""
    h, _ = records.save(household())
    v, _ = records.save(visit(household_ids=(h.id,)))
    records.save(training())
    photos = PhotoService(profile.store)
    for i, colour in enumerate(((200, 30, 30), (30, 200, 30))):
        stored = photos.import_photo(photo(tmp_path / f"p{i}.jpg", colour))
        with profile.store.unit_of_work() as s:
            repository.put(s, Attachment(sha256=stored.sha256, mime_type="image/jpeg", size=stored.size,
                                         owner_type=RecordType.VISIT, owner_id=v.id, filename=f"p{i}.jpg"))
    ReviewService(profile.store, specialist).submit("visit", v.id)
    with profile.store.unit_of_work() as s:  # the first entries went to the server already
        s.execute(OutboxRow.__table__.update().where(OutboxRow.seq <= 2).values(acked=True, status="applied"))
    return profile


def rows(db_path: Path, table: str) -> list[tuple]:
    with connect(db_path) as db:
        return sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)  # noqa: S608


def outbox(db_path: Path) -> list[tuple]:
    """Outbox entries without their (device id, seq) name, in capture order."""
    with connect(db_path) as db:
        return db.execute("SELECT record_type, record_id, kind, base_revision, changes, created_at, acked, status, "
                          "reason FROM outbox ORDER BY acked DESC, seq").fetchall()


def folder_state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_restored_profile_holds_every_record_photo_review_event_and_outbox_entry(worked_profile, tmp_path):
    source = worked_profile.store
    summary = BackupService(source).back_up(tmp_path / "backup.fbk", BACKUP_PASSPHRASE)
    assert summary.manifest.counts["visits"] == 1 and summary.manifest.counts["review_events"] == 1
    assert summary.manifest.file_count == 2 and summary.missing_files == 0

    fresh = tmp_path / "new-laptop"
    restored = restore_backup(summary.path, fresh, BACKUP_PASSPHRASE)
    profile = open_profile(fresh)
    try:
        for table in SAME_ROWS:
            assert rows(profile.store.db_path, table) == rows(source.db_path, table), table
        assert outbox(profile.store.db_path) == outbox(source.db_path)
        with profile.store.reader() as s:
            files = s.execute(text("SELECT sha256, path FROM local_files")).all()
        assert len(files) == 2
        for sha256, path in files:
            assert hashlib.sha256(profile.store.read_file(fresh / path)).hexdigest() == sha256
            assert profile.store.read_file(fresh / path) == PhotoService(source).read(sha256)
        report = StoreCheckService(profile.store).check()
        assert report.ok and (report.visits, report.trainings, report.households) == (1, 1, 1)
        assert restored.handover.old_device_id == source.state("device_id")
        assert profile.store.state("device_id") == restored.handover.new_device_id != source.state("device_id")
    finally:
        profile.close()


def test_the_restored_store_is_a_new_device_that_pushes_only_what_was_pending(worked_profile, tmp_path):
    before_pending = outbox(worked_profile.store.db_path)
    summary = BackupService(worked_profile.store).back_up(tmp_path / "b.fbk", BACKUP_PASSPHRASE)
    restored = restore_backup(summary.path, tmp_path / "fresh", BACKUP_PASSPHRASE)
    db = tmp_path / "fresh" / DB_NAME
    with connect(db) as conn:
        entries = conn.execute("SELECT seq, device_id, acked FROM outbox ORDER BY seq").fetchall()
        state = dict(conn.execute("SELECT key, value FROM sync_state").fetchall())
    new_id, old_id = restored.handover.new_device_id, restored.handover.old_device_id
    pending = [e for e in entries if not e[2]]
    kept = [e for e in entries if e[2]]
    assert [e[0] for e in pending] == list(range(1, len(pending) + 1)) and {e[1] for e in pending} == {new_id}
    assert kept and all(e[0] < 0 and e[1] == old_id for e in kept)  # out of the new device's seqs
    assert len(pending) == sum(1 for e in before_pending if not e[6]) == restored.handover.pending
    assert state["next_seq"] == str(len(pending) + 1)
    assert state["cursor"] == "0" and state["epoch"] == RESTORED_EPOCH  # a full pull in a new epoch

    profile = open_profile(tmp_path / "fresh")
    try:
        identity = profile.identity.current()
        RecordService(profile.store, identity).save(household(name="恢复后新户", phone="13900001111"))
        with profile.store.reader() as s:
            newest = s.scalars(select(OutboxRow).order_by(OutboxRow.seq.desc()).limit(1)).one()
        assert (newest.device_id, newest.seq) == (new_id, len(pending) + 1)
    finally:
        profile.close()


def test_a_second_restore_keeps_both_old_devices_history_apart(worked_profile, tmp_path):
    first = restore_backup(BackupService(worked_profile.store).back_up(tmp_path / "1.fbk", BACKUP_PASSPHRASE).path, tmp_path / "a", BACKUP_PASSPHRASE)
    again = open_profile(tmp_path / "a")
    try:
        with again.store.unit_of_work() as s:  # the restored laptop synced its pending entries
            s.execute(OutboxRow.__table__.update().values(acked=True))
        second = BackupService(again.store).back_up(tmp_path / "2.fbk", BACKUP_PASSPHRASE)
    finally:
        again.close()
    restore_backup(second.path, tmp_path / "b", BACKUP_PASSPHRASE)
    with connect(tmp_path / "b" / DB_NAME) as conn:
        entries = conn.execute("SELECT seq, device_id FROM outbox ORDER BY seq").fetchall()
    assert all(seq < 0 for seq, _ in entries)
    assert len(entries) == len(outbox(worked_profile.store.db_path))
    assert {d for _, d in entries} == {first.handover.old_device_id, first.handover.new_device_id}


def test_a_backup_is_consistent_while_a_write_is_in_progress(worked_profile, tmp_path):
    writer = connect(worked_profile.store.db_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE households SET notes = 'half-way'")
        summary = BackupService(worked_profile.store).back_up(tmp_path / "during.fbk", BACKUP_PASSPHRASE)
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    restore_backup(summary.path, tmp_path / "fresh", BACKUP_PASSPHRASE)
    assert rows(tmp_path / "fresh" / DB_NAME, "households") == rows(worked_profile.store.db_path, "households")


def test_the_suggested_file_name_names_the_user_and_the_day():
    assert default_file_name("wangfang", dt.date(2026, 6, 15)) == "fieldbook-backup-wangfang-2026-06-15.fbk"
    assert default_file_name("王 芳/站", dt.date(2026, 6, 15)) == "fieldbook-backup-王_芳_站-2026-06-15.fbk"
    assert default_file_name("", dt.date(2026, 6, 15)) == "fieldbook-backup-user-2026-06-15.fbk"


# --- bad files -------------------------------------------------------------------------------


@pytest.fixture
def good_backup(worked_profile, tmp_path) -> Path:
    return BackupService(worked_profile.store).back_up(tmp_path / "good.fbk", BACKUP_PASSPHRASE).path


def rewrite(source: Path, target: Path, change) -> Path:
    """A copy of the backup with its members passed through ``change(name, data) -> data``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        key = derive_key(BACKUP_PASSPHRASE, bytes.fromhex(json.loads(old.read(ENVELOPE))["salt"]))
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info.filename), key))
    return target


def manifest_with(**values):
    def change(name: str, data: bytes, key: bytes) -> bytes:
        if name != MANIFEST:
            return data
        return cipher.seal(key, json.dumps({**json.loads(cipher.unseal(key, data)), **values}).encode())
    return change


def flip_a_byte_of(member: str):
    def change(name: str, data: bytes, _key: bytes) -> bytes:
        if name != member:
            return data
        return data[:5000] + bytes([data[5000] ^ 0xFF]) + data[5001:]
    return change


BAD_FILES = {
    "a text file": (lambda good, t: (t.write_text("收据\n" * 100), t)[1], BackupProblem.NOT_A_BACKUP),
    "a zip of something else": (lambda good, t: _plain_zip(t), BackupProblem.NOT_A_BACKUP),
    "a truncated copy": (lambda good, t: (t.write_bytes(good.read_bytes()[: good.stat().st_size // 2]), t)[1],
                         BackupProblem.DAMAGED),
    "a byte damaged inside the zip": (lambda good, t: _damage_in_place(good, t), BackupProblem.DAMAGED),
    "a store that does not match its checksum": (lambda good, t: rewrite(good, t, flip_a_byte_of(DATABASE)),
                                                 BackupProblem.DAMAGED),
    "a newer backup format": (lambda good, t: rewrite(good, t, manifest_with(format_version=99)),
                              BackupProblem.NEWER),
    "a newer store schema": (lambda good, t: rewrite(good, t, manifest_with(schema_revision="0999")),
                             BackupProblem.NEWER),
}


def _plain_zip(target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as z:
        z.writestr("report.xlsx", b"not a backup")
    return target


def _damage_in_place(good: Path, target: Path) -> Path:
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as z:
        info = z.getinfo(DATABASE)
    data[info.header_offset + 200] ^= 0xFF  # inside the compressed store: its CRC no longer matches
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_refused_with_its_reason_and_nothing_changes(case, good_backup, template_profile, tmp_path):
    make, problem = BAD_FILES[case]
    bad = make(good_backup, tmp_path / "bad.fbk")
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    with pytest.raises(BackupError) as refused:
        restore_backup(bad, fresh, BACKUP_PASSPHRASE)
    assert refused.value.problem == problem
    assert list(fresh.iterdir()) == []
    with pytest.raises(BackupError):
        restore_backup(bad, tmp_path / "not-yet-made", BACKUP_PASSPHRASE)
    assert not (tmp_path / "not-yet-made").exists()

    folder = tmp_path / "first-run"  # the empty profile a first run opens: untouched as well
    folder.mkdir()
    copy_store(template_profile, folder)
    before = folder_state(folder)
    with pytest.raises(BackupError) as again:
        restore_backup(bad, folder, BACKUP_PASSPHRASE)
    assert again.value.problem == problem
    assert folder_state(folder) == before


def test_a_profile_with_work_in_it_is_not_overwritten_unless_asked(good_backup, worked_profile):
    folder = worked_profile.folder
    worked_profile.close()
    before = folder_state(folder)
    with pytest.raises(BackupError) as refused:
        restore_backup(good_backup, folder, BACKUP_PASSPHRASE)
    assert refused.value.problem == BackupProblem.PROFILE_IN_USE
    assert folder_state(folder) == before

    summary = restore_backup(good_backup, folder, BACKUP_PASSPHRASE, replace=True)
    assert summary.previous_store is not None and summary.previous_store.name.startswith("fieldbook.before-restore")
    assert rows(summary.previous_store, "households") == rows(folder / DB_NAME, "households")


def test_inspecting_a_backup_tells_what_it_holds(good_backup, worked_profile):
    manifest = inspect_backup(good_backup, BACKUP_PASSPHRASE)
    assert manifest.display_name == "王芳"
    assert manifest.device_id == worked_profile.store.state("device_id")
    assert manifest.counts["households"] == 1 and manifest.pending_changes > 0


def test_a_backup_made_by_an_older_fieldbook_is_upgraded_when_restored(tmp_path):
    from desktop.store.backup_archive import known_revisions
    from desktop.store.engine import SCHEMA_HEAD, current_revision
    from desktop.store.store import Store

    older = known_revisions()[-2]
    store = Store.open(tmp_path / "old", revision=older)
    try:
        summary = BackupService(store).back_up(tmp_path / "old.fbk", BACKUP_PASSPHRASE)
    finally:
        store.close()
    assert summary.manifest.schema_revision == older
    restore_backup(summary.path, tmp_path / "new", BACKUP_PASSPHRASE)
    profile = open_profile(tmp_path / "new")
    try:
        assert current_revision(profile.store.engine) == SCHEMA_HEAD
        assert StoreCheckService(profile.store).check().ok
    finally:
        profile.close()


def test_a_photo_missing_from_the_disk_is_left_for_the_sync_to_download_again(worked_profile, tmp_path):
    from desktop.store.local_store import DesktopLocalStore

    with worked_profile.store.reader() as s:
        lost, kept = s.execute(text("SELECT sha256 FROM local_files ORDER BY sha256")).scalars().all()
    PhotoService(worked_profile.store).path_for(lost).unlink()
    summary = BackupService(worked_profile.store).back_up(tmp_path / "b.fbk", BACKUP_PASSPHRASE)
    assert summary.missing_files == 1 and summary.manifest.file_count == 1

    restore_backup(summary.path, tmp_path / "fresh", BACKUP_PASSPHRASE)
    profile = open_profile(tmp_path / "fresh")
    try:
        local = DesktopLocalStore(profile.store)
        assert local.missing_downloads() == [lost]
        assert PhotoService(profile.store).exists(kept)
    finally:
        profile.close()


def test_a_backup_to_a_folder_that_does_not_exist_says_so(worked_profile, tmp_path):
    with pytest.raises(BackupError) as refused:
        BackupService(worked_profile.store).back_up(tmp_path / "unplugged-usb" / "b.fbk", BACKUP_PASSPHRASE)
    assert refused.value.problem == BackupProblem.CANNOT_WRITE
