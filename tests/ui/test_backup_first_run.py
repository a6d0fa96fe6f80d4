"""A new laptop's first run restores the old laptop's backup instead of setting up an empty profile."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from desktop.domain.records import Attachment
from desktop.profile import open_profile
from desktop.services.backup import MESSAGES, BackupProblem, BackupService, profile_is_empty
from desktop.services.photos import PhotoService
from desktop.services.records import RecordService
from desktop.store import repository
from desktop.store.models import LocalFile
from desktop.store.store import DB_NAME
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.first_run_dialog import FirstRunDialog
from desktop.ui.shell.main_window import MainWindow
from sync.domain.vocabulary import RecordType, Role
from tests.factories import household, visit
from tests.store_files import copy_store
from tests.store_files import BACKUP_PASSPHRASE
from desktop.store import cipher
from desktop.store.store_key import store_key


@pytest.fixture
def old_laptop_backup(tmp_path: Path, template_profile: Path) -> Path:
    """The backup of a laptop where 李明 recorded two households, a visit and its photo."""
    folder = tmp_path / "old-laptop"
    folder.mkdir()
    copy_store(template_profile, folder)
    old = open_profile(folder)
    try:
        identity, _ = old.identity.set_up("李明", Role.SPECIALIST, "commissioner", "WS-045", "150422")
        records = RecordService(old.store, identity)
        h, _ = records.save(household())
        records.save(household(name="赵家", phone="13900004444"))
        v, _ = records.save(visit(household_ids=(h.id,)))
        Image.new("RGB", (300, 200), (10, 120, 10)).save(tmp_path / "field.jpg", "JPEG")
        photo = PhotoService(old.store).import_photo(tmp_path / "field.jpg")
        with old.store.unit_of_work() as s:
            repository.put(s, Attachment(sha256=photo.sha256, mime_type="image/jpeg", size=photo.size,
                                         owner_type=RecordType.VISIT, owner_id=v.id))
        return BackupService(old.store).back_up(tmp_path / "usb.fbk", BACKUP_PASSPHRASE).path
    finally:
        old.close()


def test_a_new_laptop_restores_its_backup_on_first_run_and_opens_on_it(qtbot, profile, runner, settings, language,
                                                                     settle, old_laptop_backup):
    assert profile.identity.current() is None
    dialog = FirstRunDialog(profile.identity, profile.reference, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.restorer.choose_source = lambda parent: old_laptop_backup
    dialog.restorer.ask_passphrase = lambda parent, new: BACKUP_PASSPHRASE
    with qtbot.waitSignal(dialog.restorer.restored, timeout=30000):
        qtbot.mouseClick(dialog.restorer.button, Qt.MouseButton.LeftButton)
    settle()
    assert dialog.restorer.result.isVisible() and "2 个服务对象" in dialog.restorer.result.text()
    assert dialog.identity is not None and dialog.identity.display_name == "李明"
    assert not dialog.name.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    window = MainWindow(AppContext.create(profile, dialog.identity, runner, settings))
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.households_page.model.total == 2, timeout=10000)
    assert window.visits_page.model.total == 1
    with profile.store.reader() as s:
        [sha256] = s.scalars(select(LocalFile.sha256)).all()
    old = old_laptop_backup.parent / "old-laptop"
    assert PhotoService(profile.store).read(sha256) == cipher.unseal(
        store_key(old), (old / "files" / sha256[:2] / sha256).read_bytes())
    window.close()
    runner.wait_idle()


def test_a_damaged_backup_on_first_run_is_refused_and_the_laptop_stays_new(qtbot, profile, runner, language,
                                                                         settle, old_laptop_backup, tmp_path):
    damaged = tmp_path / "cut.fbk"
    damaged.write_bytes(old_laptop_backup.read_bytes()[:-2000])
    dialog = FirstRunDialog(profile.identity, profile.reference, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.restorer.choose_source = lambda parent: damaged
    dialog.restorer.ask_passphrase = lambda parent, new: BACKUP_PASSPHRASE
    qtbot.mouseClick(dialog.restorer.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.restorer.message_box is not None and dialog.restorer.message_box.isVisible(),
                    timeout=20000)
    box = dialog.restorer.message_box
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == QCoreApplication.translate("Backup", MESSAGES[BackupProblem.DAMAGED])
    assert dialog.identity is None and dialog.name.isEnabled() and dialog.restorer.button.isEnabled()
    assert profile.identity.current() is None
    assert profile_is_empty(profile.folder)
