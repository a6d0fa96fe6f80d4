"""Backup and restore from the File menu of the main window, through real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from desktop.domain.records import Household
from desktop.services.backup import MESSAGES, BackupProblem, BackupService, inspect_backup
from tests.store_files import BACKUP_PASSPHRASE


def file_menu(window):
    return window.menuBar().actions()[0].menu()


def shown_box(qtbot, actions) -> QMessageBox:
    qtbot.waitUntil(lambda: actions.message_box is not None and actions.message_box.isVisible(), timeout=20000)
    return actions.message_box


def button_of(box: QMessageBox, role: QMessageBox.ButtonRole):
    [button] = [b for b in box.buttons() if box.buttonRole(b) == role]
    return button


def test_backing_up_from_the_menu_writes_one_file_and_says_where_and_what(qtbot, window, add_household, add_visit,
                                                                         settle, tmp_path):
    h = add_household()
    add_visit((h.id,))
    usb = tmp_path / "usb"
    usb.mkdir()
    asked: list[str] = []
    window.backup.choose_target = lambda parent, name: (asked.append(name), usb / name)[1]
    window.backup.ask_passphrase = lambda parent, new: BACKUP_PASSPHRASE
    assert window.backup.backup_action in file_menu(window).actions()

    window.backup.backup_action.trigger()
    box = shown_box(qtbot, window.backup)
    [written] = usb.iterdir()
    assert asked == [written.name] and written.name.startswith("fieldbook-backup-") and written.suffix == ".fbk"
    assert str(written) in box.text()
    assert "1 条服务记录" in box.text() and "1 个服务对象" in box.text()  # what it holds (the UI is in Chinese)
    manifest = inspect_backup(written, BACKUP_PASSPHRASE)
    assert manifest.counts["visits"] == 1 and manifest.display_name == "张伟"
    assert window.backup.backup_action.isEnabled() and window.backup.progress_dialog is None


def test_cancelling_the_file_dialog_writes_nothing(qtbot, window, settle, tmp_path):
    window.backup.choose_target = lambda parent, name: None
    window.backup.ask_passphrase = lambda parent, new: BACKUP_PASSPHRASE
    window.backup.backup_action.trigger()
    settle()
    assert window.backup.message_box is None and list(tmp_path.glob("**/*.fbk")) == []


def _backup_then_more_work(ctx, add_household, add_visit, tmp_path: Path):
    kept = add_household(name="备份里的户")
    add_visit((kept.id,))
    backup = BackupService(ctx.profile.store).back_up(tmp_path / "laptop.fbk", BACKUP_PASSPHRASE).path
    later = add_household(name="备份之后的户", phone="13900002222")
    return kept, later, backup


def test_restoring_from_the_menu_replaces_the_data_after_a_confirmation_and_reloads_the_window(
        qtbot, window, ctx, add_household, add_visit, settle, tmp_path):
    kept, later, backup = _backup_then_more_work(ctx, add_household, add_visit, tmp_path)
    device_before = ctx.profile.store.state("device_id")
    window.backup.choose_source = lambda parent: backup
    window.backup.ask_passphrase = lambda parent, new: BACKUP_PASSPHRASE

    window.backup.restore_action.trigger()
    confirm = shown_box(qtbot, window.backup)
    assert backup.name in confirm.text() and "1 个服务对象" in confirm.text()
    assert str(ctx.profile.folder) in confirm.text()  # where the current data is kept
    with qtbot.waitSignal(window.backup.restored, timeout=30000):
        button_of(confirm, QMessageBox.ButtonRole.DestructiveRole).click()
    settle()

    assert ctx.records.get(Household, later.id) is None  # made after the backup: gone from this laptop
    assert ctx.records.get(Household, kept.id) is not None
    assert ctx.profile.store.state("device_id") != device_before  # a new device for sync
    qtbot.waitUntil(lambda: window.households_page.model.total == 1, timeout=10000)
    assert window.visits_page.model.total == 1
    [previous] = ctx.profile.folder.glob("fieldbook.before-restore.*.bak")
    done = window.backup.message_box
    assert done.isVisible() and str(previous) in done.text() and "登录服务器" in done.text()

    add_household(name="恢复后新户", phone="13900003333")  # the restored store takes new work
    assert ctx.records.count_households() == 2


def test_cancelling_the_confirmation_changes_nothing(qtbot, window, ctx, add_household, add_visit, settle,
                                                     tmp_path):
    kept, later, backup = _backup_then_more_work(ctx, add_household, add_visit, tmp_path)
    window.backup.choose_source = lambda parent: backup
    window.backup.ask_passphrase = lambda parent, new: BACKUP_PASSPHRASE
    window.backup.restore_action.trigger()
    confirm = shown_box(qtbot, window.backup)
    confirm.button(QMessageBox.StandardButton.Cancel).click()
    settle()
    assert ctx.records.get(Household, later.id) is not None
    assert list(ctx.profile.folder.glob("*.bak")) == []


def test_a_file_that_is_not_a_backup_is_refused_with_the_reason(qtbot, window, ctx, add_household, settle,
                                                                tmp_path):
    mine = add_household()
    not_a_backup = tmp_path / "photos.fbk"
    not_a_backup.write_bytes(b"\xff\xd8\xff" + b"\0" * 5000)
    window.backup.choose_source = lambda parent: not_a_backup
    window.backup.ask_passphrase = lambda parent, new: BACKUP_PASSPHRASE
    window.backup.restore_action.trigger()
    box = shown_box(qtbot, window.backup)
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == QCoreApplication.translate("Backup", MESSAGES[BackupProblem.NOT_A_BACKUP])
    assert ctx.records.get(Household, mine.id) is not None
    assert list(ctx.profile.folder.glob("*.bak")) == []
