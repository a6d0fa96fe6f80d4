"""``fieldbook --demo``: pick whom to try Fieldbook as, build the demo world with a progress dialog, open
that laptop's main window against the demo's local server, and remove everything when the window closes."""

from __future__ import annotations

import argparse
import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QProgressDialog, QPushButton, QVBoxLayout, QWidget

from desktop.demo.world import MANAGER, SPECIALIST, DemoWorld, build_demo
from desktop.ui.shell.i18n import mnemonic_safe
from desktop.ui.shell.settings import AppSettings
from sync.domain.vocabulary import Role

log = logging.getLogger(__name__)
ROLES = {"specialist": Role.SPECIALIST, "manager": Role.STATION_MANAGER}


class DemoChooser(QDialog):
    """Asks whom to try Fieldbook as; ``role`` holds the answer once accepted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.role: Role | None = None
        self.setWindowTitle(self.tr("Try Fieldbook"))
        intro = QLabel(self.tr(
            "The demo makes a throwaway station team of 巴林左旗 with a year of visits, trainings and households, "
            "and a sync server on this computer. Nothing touches your own data, and it is all removed when "
            "you close the window. Whom do you want to try Fieldbook as?"), self)
        intro.setWordWrap(True)
        self.as_specialist = QPushButton(mnemonic_safe(self.tr(
            "%1, S&T commissioner: record visits and trainings, sync, fix what was returned").replace(
            "%1", SPECIALIST.display_name)), self)
        self.as_specialist.setObjectName("as_specialist")
        self.as_manager = QPushButton(self.tr("%1, station manager: review the team's logs, team log, "
                                              "indicators").replace("%1", MANAGER.display_name), self)
        self.as_manager.setObjectName("as_manager")
        cancel = QPushButton(self.tr("Cancel"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button in (self.as_specialist, self.as_manager):
            button.setMinimumHeight(44)
            layout.addWidget(button)
        layout.addWidget(cancel, 0, Qt.AlignmentFlag.AlignRight)
        self.as_specialist.clicked.connect(lambda: self._choose(Role.SPECIALIST))
        self.as_manager.clicked.connect(lambda: self._choose(Role.STATION_MANAGER))
        cancel.clicked.connect(self.reject)
        self.as_specialist.setDefault(True)
        self.resize(560, self.sizeHint().height())

    def _choose(self, role: Role) -> None:
        self.role = role
        self.accept()


class _Progress(QObject):
    step = Signal(str, int, int)


def build_with_progress(parent: QWidget | None = None, folder: Path | None = None) -> DemoWorld:
    """Build the demo world on a worker thread while a progress dialog shows its steps; raises what
    the build raised."""
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("Demo", "Preparing the demo"))
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.setRange(0, 5)
    dialog.setMinimumWidth(420)
    relay = _Progress()
    relay.step.connect(lambda text, done, total: (dialog.setLabelText(QCoreApplication.translate("Demo", text)),
                                                  dialog.setMaximum(total), dialog.setValue(done)))
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["world"] = build_demo(folder, progress=relay.step.emit)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread below
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="fieldbook-demo-build", daemon=True)
    dialog.show()
    worker.start()
    while worker.is_alive():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    QCoreApplication.processEvents()
    dialog.close()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["world"]  # type: ignore[return-value]


def demo_settings(world: DemoWorld, language: str) -> AppSettings:
    """Settings of the demo only (in its folder): the user's own are left as they are."""
    settings = AppSettings(QSettings(str(world.folder / "settings.ini"), QSettings.Format.IniFormat))
    settings.language = language
    settings.server_url = world.url
    return settings


def run_demo_app(args: argparse.Namespace) -> int:
    """``fieldbook --demo``: Qt and the language as for the app, then the demo."""
    from desktop.ui.shell.launch import start_gui

    started_gui = start_gui(args)
    if isinstance(started_gui, int):
        return started_gui
    language, started = started_gui
    return run_demo(args, language, started)


def run_demo(args: argparse.Namespace, language: str, started: float) -> int:
    from desktop.ui.shell.app_shell import AppShell
    from desktop.ui.shell.context import AppContext
    from desktop.ui.shell.operations import OperationRunner

    role = ROLES.get(args.demo_as or "")
    if role is None:
        chooser = DemoChooser()
        if chooser.exec() != QDialog.DialogCode.Accepted or chooser.role is None:
            return 0
        role = chooser.role
    try:
        world = build_with_progress()
    except Exception as exc:  # noqa: BLE001 - shown to the user, not a traceback
        log.exception("the demo could not be prepared")
        if args.self_test:
            print(f"fieldbook demo self-test FAILED: {exc}")
            return 1
        QMessageBox.critical(None, QCoreApplication.translate("Demo", "The demo cannot start"), str(exc))
        return 1
    runner = OperationRunner()
    settings = demo_settings(world, language)
    try:
        laptop = world.laptop(role)
        if args.self_test:
            from desktop.ui.shell.launch import self_test

            return self_test(laptop.profile, laptop.identity, runner, settings, started,
                             label=f"demo as {role.value} ({world.url})")
        ctx = AppContext.create(laptop.profile, laptop.identity, runner, settings)
        ctx.sync = laptop.sync
        ctx.demo = True
        shell = AppShell(ctx)
        shell.show()
        return QCoreApplication.instance().exec()
    finally:
        runner.wait_idle()
        settings.sync()  # written now, so nothing is left to write into the folder once it is gone
        world.close()
