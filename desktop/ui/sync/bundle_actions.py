"""同步 → 导出同步包… / 导入同步包…: sync by USB stick from the app, on the store's worker."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.ui.shell.context import AppContext
from sync.bundle_problems import BundleError, BundleProblem

if TYPE_CHECKING:  # the bundle service (libsodium, the wire schema) is loaded on first use
    from desktop.services.bundles import BundleService
    from sync.client.bundles import ExportReport, ImportReport

CONTEXT = "BundleActions"
_PROBLEMS = {
    BundleProblem.NOT_A_BUNDLE: QT_TRANSLATE_NOOP("BundleActions", "This file is not a Fieldbook sync bundle."),
    BundleProblem.CUT_SHORT: QT_TRANSLATE_NOOP(
        "BundleActions", "The bundle is incomplete (cut short). Copy it onto the stick again."),
    BundleProblem.DAMAGED: QT_TRANSLATE_NOOP("BundleActions", "The bundle is damaged. Copy it onto the stick again."),
    BundleProblem.ANOTHER_RECIPIENT: QT_TRANSLATE_NOOP(
        "BundleActions", "This bundle was made for another laptop or server."),
    BundleProblem.FORGED: QT_TRANSLATE_NOOP(
        "BundleActions", "The bundle's signature is not the server's: it was changed or forged."),
    BundleProblem.WRONG_KIND: QT_TRANSLATE_NOOP(
        "BundleActions", "This is a bundle for the server, not one from it. Take it to the office."),
    BundleProblem.NEWER_FORMAT: QT_TRANSLATE_NOOP(
        "BundleActions", "The bundle was made by a newer Fieldbook. Update Fieldbook first."),
    BundleProblem.NOT_SIGNED_IN: QT_TRANSLATE_NOOP(
        "BundleActions", "Sign in to the server once, online, before syncing by USB stick."),
    BundleProblem.OUT_OF_ORDER: QT_TRANSLATE_NOOP(
        "BundleActions", "This bundle continues from a later point than this laptop has reached. "
                         "Import the earlier bundle first, or sync online."),
    BundleProblem.HISTORY_CHANGED: QT_TRANSLATE_NOOP(
        "BundleActions", "The server's history changed since this laptop last synced. Ask the office for a full bundle."),
    BundleProblem.UNREADABLE: QT_TRANSLATE_NOOP("BundleActions", "The file cannot be read."),
}


class BundleActions(QObject):
    """Adds the two menu entries; an import is a write on ``ctx.runner`` (its changes go on the bus)."""

    finished = Signal(str)  # the message shown, for tests

    def __init__(self, ctx: AppContext, parent: QWidget, menu: QMenu):
        super().__init__(parent)
        self.ctx = ctx
        self.parent_widget = parent
        self.export_action = QAction(self.tr("&Export sync bundle…"), self, triggered=self.choose_export)
        self.export_action.setToolTip(self.tr("Write your unsent changes and photos into one file for a USB stick"))
        self.import_action = QAction(self.tr("&Import sync bundle…"), self, triggered=self.choose_import)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addAction(self.import_action)

    @property
    def service(self) -> BundleService:
        return self.ctx.bundles

    def choose_export(self) -> None:
        from desktop.services.bundles import EXTENSION

        folder = self.ctx.settings.bundle_folder
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, self.tr("Export sync bundle"),
                                              str(folder / self.service.suggested_name(dt.date.today())),
                                              self.tr("Sync bundles (*%1)").replace("%1", EXTENSION))
        if path:
            self.export_to(Path(path))

    def choose_import(self) -> None:
        from desktop.services.bundles import EXTENSION

        path, _ = QFileDialog.getOpenFileName(self.parent_widget, self.tr("Import sync bundle"),
                                              str(self.ctx.settings.bundle_folder),
                                              self.tr("Sync bundles (*%1)").replace("%1", EXTENSION))
        if path:
            self.import_from(Path(path))

    def export_to(self, target: Path) -> None:
        self.ctx.settings.bundle_folder = target.parent
        self.ctx.runner.run(lambda: self.service.export(target), on_success=self._exported,
                            on_failure=self._refused, label="export sync bundle", owner=self)

    def import_from(self, source: Path) -> None:
        self.ctx.settings.bundle_folder = source.parent
        self.ctx.runner.write(lambda: self.service.import_bundle(source), self, on_success=self._imported,
                              on_failure=self._refused, label="import sync bundle", owner=self)

    def _exported(self, report: ExportReport) -> None:
        self._say(QMessageBox.Icon.Information, self.tr(
            "The bundle holds %1 changes and %2 photos. Take it to the office; they stay waiting here until "
            "the server's answer comes back (by a bundle or an online sync).")
            .replace("%1", str(report.entries)).replace("%2", str(report.photos)))

    def _imported(self, result: tuple[ImportReport, object]) -> None:
        report, _changes = result
        text = self.tr("Received %1 changes and %2 photos; %3 of your changes were confirmed by the server.") \
            .replace("%1", str(report.pulled)).replace("%2", str(report.photos)) \
            .replace("%3", str(report.acknowledged))
        if report.rejected or report.conflicts:
            text += "\n" + self.tr("%1 refused and %2 in conflict: see Sync → Conflicts and refused changes.") \
                .replace("%1", str(report.rejected)).replace("%2", str(report.conflicts))
        self._say(QMessageBox.Icon.Information, text)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, BundleError):
            self.ctx.runner.report(error, "sync bundle")
            return
        reason = _PROBLEMS.get(error.problem)
        text = QCoreApplication.translate(CONTEXT, reason) if reason else str(error)
        self._say(QMessageBox.Icon.Warning, self.tr("Nothing was changed.") + " " + text)

    def _say(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(icon, self.tr("Sync bundle"), text, QMessageBox.StandardButton.Ok, self.parent_widget)
        box.setObjectName("bundle_message")
        box.open()
        self.finished.emit(text)
