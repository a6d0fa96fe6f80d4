"""What backup and restore show and ask: the file dialogs, what a backup holds, why a file was refused."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.services.backup import SUFFIX, BackupError, Manifest, message

translate = QCoreApplication.translate


def _filter() -> str:
    return translate("Backup", "Fieldbook backup (*%1)").replace("%1", SUFFIX)


def choose_backup_target(parent: QWidget, suggested_name: str) -> Path | None:
    """Ask where to save the backup (a USB stick, say); None if the user cancelled."""
    start = str(Path(QDir.homePath()) / suggested_name)
    chosen, _ = QFileDialog.getSaveFileName(parent, translate("Backup", "Back up data"), start, _filter())
    return Path(chosen) if chosen else None


def choose_backup_source(parent: QWidget) -> Path | None:
    """Ask for the backup file to restore; None if the user cancelled."""
    title = translate("Backup", "Restore from backup")
    chosen, _ = QFileDialog.getOpenFileName(parent, title, QDir.homePath(), _filter())
    return Path(chosen) if chosen else None


def contents_text(manifest: Manifest) -> str:
    """One sentence on what a backup holds, for the result and the confirmation."""
    c = manifest.counts
    text = translate("Backup", "It holds %1 visits, %2 training sessions, %3 households and %4 photos of %5, "
                               "made %6; %7 changes had not been synced yet.")
    made = manifest.created_at.replace("T", " ").removesuffix("+00:00") + " UTC"
    return (text.replace("%1", str(c.get("visits", 0))).replace("%2", str(c.get("trainings", 0)))
            .replace("%3", str(c.get("households", 0))).replace("%4", str(manifest.file_count))
            .replace("%5", manifest.display_name or manifest.username or "–").replace("%6", made)
            .replace("%7", str(manifest.pending_changes)))


def refused_text(error: BackupError) -> str:
    """Why the file was refused, in the user's language (desktop.services.backup.MESSAGES)."""
    return translate("Backup", message(error))


def after_restore_text(old_device_id: str) -> str:
    return (translate("Backup", "This laptop now counts as a new device: sign in to the server and sync, and "
                                "what was sent after the backup comes back.") + " "
            + translate("Backup", "If the laptop the backup came from was lost, ask your administrator to "
                                  "revoke its device %1.").replace("%1", old_device_id))
