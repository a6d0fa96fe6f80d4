"""Starting the desktop app: Qt, translations, the profile, first run, the main window, and --self-test."""

from __future__ import annotations

import argparse
import ctypes.util
import logging
import os
import sys
import time

log = logging.getLogger(__name__)

#: Libraries Qt's xcb platform plugin loads at start, and the Debian packages that ship them.
_XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "GL": "libgl1",
}
_CJK_PACKAGE = "fonts-noto-cjk"


def _has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform != "linux"


def missing_system_packages() -> list[str]:
    """Debian packages whose libraries Qt's xcb plugin needs but cannot find (Linux desktop only)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if sys.platform != "linux" or platform.startswith(("offscreen", "minimal", "wayland", "vnc")):
        return []
    return [package for library, package in _XCB_LIBRARIES.items() if ctypes.util.find_library(library) is None]


def platform_help(packages: list[str]) -> str:
    wanted = " ".join(sorted(set(packages) | {_CJK_PACKAGE}))
    return ("Fieldbook cannot open its window: the system libraries Qt needs are missing.\n"
            f"On Debian or Ubuntu install them with:\n    sudo apt-get install {wanted}\n"
            "Missing: " + ", ".join(packages))


def start_gui(args: argparse.Namespace) -> tuple[str, float] | int:
    """The application object and its language, for the app and the demo alike: (language, the
    time start-up began), or the exit code when Qt cannot run here."""
    if args.self_test and not _has_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    missing = missing_system_packages()
    if missing:
        print(platform_help(missing), file=sys.stderr)
        return 3
    started = time.perf_counter()
    from desktop.ui.shell.i18n import install_language
    from desktop.ui.shell.settings import AppSettings

    _application()
    language = args.lang or AppSettings().language
    install_language(language)
    _warn_without_cjk_font()
    return language, started


def run_gui(args: argparse.Namespace) -> int:
    """The app's window: a frame painted at once, the store opened behind it (``Startup``)."""
    started_gui = start_gui(args)
    if isinstance(started_gui, int):
        return started_gui
    _language, started = started_gui
    from desktop.ui.shell.settings import AppSettings
    from desktop.ui.shell.startup import Startup

    startup = Startup(args, AppSettings())
    return startup.self_test(started) if args.self_test else startup.run(_application())


def _application():
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop.ui.shell.settings import APPLICATION, ORGANISATION
    from resources import resource_path

    QApplication.setOrganizationName(ORGANISATION)
    QApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setWindowIcon(QIcon(str(resource_path("icons", "fieldbook.svg"))))
    return app


def _warn_without_cjk_font() -> None:
    from PySide6.QtGui import QFontDatabase

    if not any("CJK" in family or "Hei" in family or "Song" in family for family in QFontDatabase.families()):
        log.warning("no Chinese font found: Chinese text will show as boxes. On Debian: apt-get install %s",
                    _CJK_PACKAGE)


def self_test(profile, identity, runner, settings, started: float, label: str = "") -> int:
    """Open the main window (offscreen without a display), check the store, print one line."""
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer

    from desktop.services.identity import Identity
    from desktop.services.store_check import StoreCheckService
    from desktop.ui.shell.app_shell import AppShell
    from desktop.ui.shell.context import AppContext
    from sync.domain.vocabulary import Role

    report = StoreCheckService(profile.store).check()
    if not report.ok:
        print("fieldbook self-test FAILED: store integrity: " + "; ".join(report.problems))
        return 1
    # Without a user yet the window is opened read-only for the check; nothing is written.
    who = identity or Identity("", "", Role.SPECIALIST, "", None, None)
    shell = AppShell(AppContext.create(profile, who, runner, settings))
    window = shell.show()
    deadline = QDeadlineTimer(20000)
    while window.visits_page.model.total is None and not deadline.hasExpired():
        QCoreApplication.processEvents()
        time.sleep(0.005)
    loaded = window.visits_page.model.total is not None
    elapsed = time.perf_counter() - started
    window.close()
    if not loaded:
        print("fieldbook self-test FAILED: the visit list did not load within 20 s")
        return 2
    what = f" ({label})" if label else ""
    print(f"fieldbook self-test ok{what}: store integrity ok, {report.visits} visits, {report.trainings} trainings, "
          f"{report.households} households, main window ready in {elapsed:.2f} s "
          f"(platform {QCoreApplication.instance().platformName()})")
    return 0
