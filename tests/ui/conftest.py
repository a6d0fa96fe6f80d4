"""UI test fixtures: a real profile copied from a session template, real widgets, offscreen Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from desktop.domain.records import Household, Visit  # noqa: E402
from desktop.profile import open_profile  # noqa: E402
from desktop.store.store import DB_NAME  # noqa: E402
from desktop.ui.shell.context import AppContext  # noqa: E402
from desktop.ui.shell.i18n import install_language  # noqa: E402
from desktop.ui.shell.main_window import MainWindow  # noqa: E402
from desktop.ui.shell.operations import OperationRunner  # noqa: E402
from desktop.ui.shell.settings import AppSettings  # noqa: E402
from sync.domain.vocabulary import Role, ServiceType
from tests.store_files import copy_store

#: 巴林左旗 / 林东镇 / 索布力嘎村委会: a real village from the official list.
VILLAGE = "150422100200"
COUNTY = "150422"
STATION = "WS-001"


@pytest.fixture
def profile_dir(tmp_path: Path, template_profile: Path) -> Path:
    """A copy of the suite's template store (tests/conftest.py), not yet opened."""
    folder = tmp_path / "profile"
    folder.mkdir()
    copy_store(template_profile, folder)
    return folder


@pytest.fixture
def profile(profile_dir: Path):
    p = open_profile(profile_dir)
    yield p
    p.close()


@pytest.fixture
def identity(profile):
    identity, _changes = profile.identity.set_up("张伟", Role.SPECIALIST, "commissioner", STATION, COUNTY)
    return identity


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def language(qapp):
    """The app's default language, Chinese; a test may switch."""
    install_language("zh_CN")
    yield "zh_CN"
    install_language("zh_CN")


@pytest.fixture
def runner(qapp):
    r = OperationRunner()
    yield r
    r.wait_idle()


@pytest.fixture
def ctx(profile, identity, runner, settings, language) -> AppContext:
    return AppContext.create(profile, identity, runner, settings)


@pytest.fixture
def settle(qtbot, runner):
    """``settle()`` waits until every queued operation ran and its result reached the UI thread."""
    def wait(timeout: int = 10000) -> None:
        qtbot.waitUntil(lambda: not runner.busy, timeout=timeout)
    return wait


@pytest.fixture
def window(qtbot, ctx, settle) -> MainWindow:
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.start()
    settle()
    yield w
    for form in list(w.forms.forms):
        form._dirty = False  # noqa: SLF001 - no prompts while tearing down
    ctx.runner.wait_idle()


@pytest.fixture
def add_household(ctx):
    def add(name: str = "王建国", phone: str = "13912345678", village: str = VILLAGE) -> Household:
        saved, _ = ctx.records.save(Household(name=name, phone=phone, village_code=village, contact_consent=True))
        return saved
    return add


@pytest.fixture
def add_visit(ctx):
    def add(households: tuple[str, ...], problem: str = "玉米叶片发黄", day: dt.date | None = None) -> Visit:
        saved, _ = ctx.records.save(Visit(
            visit_date=day or dt.date.today(), duration_hours=2, village_code=VILLAGE, household_ids=households,
            service_types=(ServiceType.GUIDANCE.value,), industry="玉米", problem=problem, advice="追施氮肥",
        ))
        return saved
    return add


@pytest.fixture
def ime():
    """``ime(widget, "玉米")`` commits text the way a Chinese input method does (QTest can only type ASCII)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    def commit(widget, text: str) -> None:
        widget.setFocus()
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)
    return commit
