"""A laptop restored from a backup syncs with a real server: nothing lost, nothing applied twice.

The backup is older than what the lost laptop last sent: its device id and seqs are ones the
server's ledger already holds, so the restored store must sync as a new device and pull it all back.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from sqlalchemy import func, select

from desktop.domain.records import Attachment, Household, Visit
from desktop.profile import open_profile
from desktop.services.backup import BackupService, restore_backup
from desktop.services.photos import PhotoService
from desktop.services.sync_service import NOT_SIGNED_IN, SyncService
from desktop.store import repository
from desktop.store.models import OutboxRow
from sync.client.credentials import CredentialStore
from sync.client.errors import SyncErrorKind
from sync.domain.vocabulary import RecordType, ReviewAction, ReviewState
from sync.server.services import admin
from sync.server.store.models import LedgerEntry
from tests.factories import household, visit
from tests.sync.conftest import quick_transport
from tests.sync.harness import Device, device_records, ledger_size, server_records, sign_in
from tests.store_files import BACKUP_PASSPHRASE


def _photo(store, tmp_path: Path, name: str, colour, owner_id: str) -> str:
    path = tmp_path / f"{name}.jpg"
    Image.new("RGB", (400, 300), colour).save(path, "JPEG")
    stored = PhotoService(store).import_photo(path)
    with store.unit_of_work() as s:
        repository.put(s, Attachment(sha256=stored.sha256, mime_type="image/jpeg", size=stored.size,
                                     owner_type=RecordType.VISIT, owner_id=owner_id, filename=f"{name}.jpg"))
    return stored.sha256


def _mine(db, user_id: str) -> dict:
    """The server's records of one author (conflict records included)."""
    return {k: v for k, v in server_records(db).items() if v["author_id"] == user_id}


def test_a_laptop_restored_from_an_old_backup_gets_everything_back_and_loses_nothing(
        make_device, station, server_db, sync_server, tmp_path):
    wang = make_device("wang", station)
    h, _ = wang.records.save(household(name="备份前的户"))
    v, _ = wang.records.save(visit(household_ids=(h.id,)))
    first_photo = _photo(wang.store, tmp_path, "before", (200, 30, 30), v.id)
    wang.sync_ok()
    wang.review(wang.records.get(Visit, v.id), ReviewAction.SUBMIT, ReviewState.SUBMITTED)
    pending_at_backup, _ = wang.records.save(household(name="备份时未同步的户", phone="13900000001"))
    (tmp_path / "usb").mkdir()
    backup = BackupService(wang.store).back_up(tmp_path / "usb" / "wang.fbk", BACKUP_PASSPHRASE)
    assert backup.manifest.pending_changes == 3  # the review event, the visit's new state, the household

    # After the backup the laptop goes on working and syncs, then it is lost.
    later, _ = wang.records.save(household(name="备份之后的户", phone="13900000002"))
    wang.records.save(wang.records.get(Household, h.id).with_changes(notes="备份之后改的"))
    second_photo = _photo(wang.store, tmp_path, "after", (30, 30, 200), v.id)
    wang.sync_ok()
    old_device = wang.service.local.device_id()
    user_id = wang.profile.identity.current().user_id
    on_server = _mine(server_db, user_id)
    wang.profile.close()

    restored = restore_backup(backup.path, tmp_path / "new-laptop", BACKUP_PASSPHRASE, credentials=CredentialStore())
    profile = open_profile(tmp_path / "new-laptop")
    try:
        new = Device("wang-restored", profile, SyncService(profile.store, CredentialStore(),
                                                           transport_factory=quick_transport), wang.username)
        report, _ = new.service.sync_now()  # the old token was issued to the lost laptop's device id
        assert report.error is not None and report.error.kind == SyncErrorKind.AUTH
        assert report.error.message == NOT_SIGNED_IN
        sign_in(new, sync_server.base_url)
        report = new.sync_ok()
        assert report.epoch_changed  # the full pull of a new device
        assert report.downloaded == 1  # the photo added after the backup
        new.sync_ok()

        mine = device_records(profile)
        assert _mine(server_db, user_id) == on_server  # nothing re-applied, no conflict, no new revision
        assert {k: mine[k] for k in on_server} == on_server  # what the lost laptop sent is all back
        assert not [k for k in mine if k[0] == "conflict"]
        assert new.records.get(Household, later.id) is not None
        assert new.records.get(Household, h.id).notes == "备份之后改的"
        assert new.records.get(Household, pending_at_backup.id) is not None
        assert new.records.get(Visit, v.id).review_state == ReviewState.SUBMITTED
        photos = PhotoService(profile.store)
        assert photos.exists(first_photo) and photos.exists(second_photo)
        assert new.service.local.pending_count() == 0 and new.service.local.pending_uploads() == []

        # Work done on the restored laptop reaches the server: its seqs are its own, not the lost laptop's.
        after, _ = new.records.save(household(name="恢复后的户", phone="13900000003"))
        new.records.save(new.records.get(Household, h.id).with_changes(notes="恢复之后改的"))
        new.sync_ok()
        server = server_records(server_db)
        assert ("household", after.id) in server
        assert server[("household", h.id)]["notes"] == "恢复之后改的"
        assert device_records(profile) == {k: server[k] for k in device_records(profile)}
        new_device = new.service.local.device_id()
        assert new_device == restored.handover.new_device_id != old_device
        with profile.store.reader() as s:
            own_entries = s.scalar(select(func.count()).select_from(OutboxRow)
                                   .where(OutboxRow.device_id == new_device))
        assert ledger_size(server_db, new_device) == own_entries  # each entry applied exactly once
        with server_db.read() as s:
            assert s.scalar(select(func.max(LedgerEntry.seq)).where(LedgerEntry.device_id == new_device)) \
                == own_entries

        # A later epoch change resends nothing of the lost laptop's history the backup carried.
        admin.renew_epoch(server_db)
        report = new.sync_ok()
        assert report.epoch_changed and report.pushed == 0
        assert ledger_size(server_db, new_device) == own_entries
        assert _mine(server_db, user_id) == {k: v for k, v in device_records(profile).items()
                                             if v["author_id"] == user_id}
    finally:
        profile.close()


def test_a_change_pending_at_backup_and_edited_again_later_keeps_the_latest_value(
        make_device, station, server_db, sync_server, tmp_path):
    """The lost laptop sent the pending edit and then edited the field again; the restored one sends
    the old edit once more. The server's latest value stays, and the old one is offered as a conflict."""
    wang = make_device("wang", station)
    h, _ = wang.records.save(household(name="反复修改的户"))
    wang.sync_ok()
    wang.records.save(wang.records.get(Household, h.id).with_changes(notes="第一次"))
    backup = BackupService(wang.store).back_up(tmp_path / "wang.fbk", BACKUP_PASSPHRASE)
    wang.sync_ok()
    wang.records.save(wang.records.get(Household, h.id).with_changes(notes="第二次"))
    wang.sync_ok()
    wang.profile.close()

    restore_backup(backup.path, tmp_path / "new-laptop", BACKUP_PASSPHRASE, credentials=CredentialStore())
    profile = open_profile(tmp_path / "new-laptop")
    try:
        new = Device("wang-restored", profile, SyncService(profile.store, CredentialStore(),
                                                           transport_factory=quick_transport), wang.username)
        sign_in(new, sync_server.base_url)
        new.sync_ok()
        assert server_records(server_db)[("household", h.id)]["notes"] == "第二次"
        assert new.records.get(Household, h.id).notes == "第二次"
        mine = device_records(profile)
        assert {k: server_records(server_db)[k] for k in mine} == mine
        assert new.service.local.pending_count() == 0
        [conflict] = new.service.overview().open_conflicts  # shown to the user, who keeps the server's
        assert (conflict.field, conflict.server_value, conflict.client_value) == ("notes", "第二次", "第一次")
        new.service.keep_value(conflict.id, "server")
        new.sync_ok()
        assert server_records(server_db)[("household", h.id)]["notes"] == "第二次"
        assert not new.service.overview().open_conflicts
    finally:
        profile.close()
