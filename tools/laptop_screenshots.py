"""Every window and dialog on a 1366×768 laptop screen with a taskbar: a PNG of each, and whether it fits.

    .venv/bin/python tools/laptop_screenshots.py --out DIR [--report FILE] [--lang zh_CN en]

Runs offscreen on a screen of 1366×728 (768 less a 40 px taskbar), in a fresh profile of its own.
A dialog fits when it and a 40 px title bar are within that area and every button of it lies
inside it; the report (JSON) says so per dialog and language. tests/ui/test_laptop_screens.py runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SCREEN = (1366, 728)
TITLE_BAR = 40
VILLAGE = "150422100200"


def use_laptop_screen(folder: Path) -> None:
    config = folder / "laptop-screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": SCREEN[0],
                                               "height": SCREEN[1], "logicalDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def settle(seconds: float = 0.4) -> None:
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)


def measure(name: str, widget, out: Path) -> dict:
    """Where ``widget`` lies on the screen, whether it fits, and any button it cuts off (a button
    inside a scrolling part is reached by scrolling, so only the others count)."""
    from PySide6.QtWidgets import QAbstractButton, QScrollArea

    def scrolls(button) -> bool:
        parent = button.parentWidget()
        while parent is not None and parent is not widget:
            if isinstance(parent, QScrollArea):
                return True
            parent = parent.parentWidget()
        return False

    area = widget.screen().availableGeometry()
    frame = widget.frameGeometry()
    cut = []
    for button in widget.findChildren(QAbstractButton):
        if button.isVisibleTo(widget) and button.window() is widget and not scrolls(button):
            rect = button.rect().translated(button.mapTo(widget, button.rect().topLeft()))
            if not widget.rect().contains(rect):
                cut.append(button.text() or button.objectName())
    widget.grab().save(str(out))
    return {"name": name, "width": frame.width(), "height": frame.height() + TITLE_BAR,
            "fits": frame.width() <= area.width() and frame.height() + TITLE_BAR <= area.height(),
            "buttons_cut_off": cut, "png": str(out)}


def dialogs(window, ctx, visit, household) -> Iterator[tuple[str, Callable[[], object]]]:
    """(name, open) for every window the app shows; ``open`` returns the widget shown."""
    from desktop.domain.concurrent_edit import EditConflict
    from desktop.domain.records import Conflict, DemonstrationBase, DemonstrationProject, Household, Training, Visit
    from desktop.services.drafts import DraftItem
    from desktop.ui.sync.conflict_edit_dialog import ConflictEditDialog
    from desktop.ui.forms.draft_restore_dialog import DraftRestoreDialog
    from desktop.ui.forms.duplicate_dialog import DuplicateHouseholdDialog
    from desktop.ui.forms.edit_conflict_prompt import EditConflictPrompt
    from desktop.ui.shell.first_run_dialog import FirstRunDialog
    from desktop.ui.forms.record_payload import to_payload
    from desktop.ui.review.dialog import ReviewDialog
    from desktop.ui.sync.progress_dialog import SyncProgressDialog
    from desktop.ui.statistics.targets_dialog import TargetsDialog
    from desktop.ui.review.unlisted_industries_dialog import UnlistedIndustriesDialog
    from desktop.ui.forms.visit_form import VisitForm

    def form(cls, *, invalid: bool = False):
        shown = window.forms.new_record(cls)
        if invalid:
            shown.request_save()  # every field named: the tallest the form gets
        return shown

    def phone_without_consent():
        shown = window.forms.new_record(Household)
        shown.name.setText("敖其尔")
        shown.phone.setText("13800001111")
        shown.request_save()  # refused: the reason under the phone, the number kept
        return shown

    def opened(cls, record_id):
        window.forms.open_record(cls, record_id)
        settle(0.8)
        return window.forms.form_for(record_id)

    def show(dialog):
        dialog.show()
        return dialog

    yield "main-window", lambda: window
    yield "visit-form-new", lambda: form(Visit)
    yield "visit-form-errors", lambda: form(Visit, invalid=True)
    yield "visit-form-edit", lambda: opened(Visit, visit.id)
    yield "visit-form-other-industry", lambda: show(VisitForm(ctx, visit.with_changes(industry="沙棘"), window))
    yield "training-form-errors", lambda: form(Training, invalid=True)
    yield "household-form-errors", lambda: form(Household, invalid=True)
    yield "demonstrations-page", lambda: (window.show_page("demonstrations"), window)[1]
    yield "demo-base-form-errors", lambda: form(DemonstrationBase, invalid=True)
    yield "demo-project-form", lambda: form(DemonstrationProject)
    base = next((d for d in ctx.records.list_demonstrations() if d.record_type == "demo_base"), None)
    if base is not None:
        yield "demo-base-form-edit", lambda: opened(DemonstrationBase, base.id)
        yield "review-dialog-base", lambda: show(ReviewDialog(ctx, "demo_base", base.id, window))
    yield "household-form-consent", phone_without_consent
    yield "household-form-edit", lambda: opened(Household, household.id)
    mine = visit.with_changes(advice="停喂精料，改喂青干草", duration_hours=3.5)
    conflict = EditConflict(visit, {"advice", "duration_hours"}, mine, visit)
    yield "edit-conflict-prompt", lambda: show(EditConflictPrompt(conflict, window))
    yield "review-dialog", lambda: show(ReviewDialog(ctx, "visit", visit.id, window))
    yield "household-history", lambda: window.forms.open_history(household.id)
    yield "duplicate-household", lambda: show(DuplicateHouseholdDialog([household], ctx, window))
    yield "household-merge", lambda: show(_merge_dialog(window, ctx, household))
    yield "draft-restore", lambda: show(DraftRestoreDialog(
        [DraftItem(f"visit:{visit.id}", {"record": to_payload(visit)}, dt.datetime.now())], window))
    yield "conflicts", lambda: window.sync.open_conflicts()
    yield "conflict-edit", lambda: show(ConflictEditDialog(ctx, Conflict(
        record_type="visit", record_id=visit.id, field="advice", server_value="口服补液盐",
        client_value="停喂精料"), window))
    yield "sign-in", lambda: window.sync.open_sign_in()
    yield "sync-progress", lambda: show(SyncProgressDialog(window.sync.controller, window))
    yield "settings", lambda: window.open_settings()
    yield "about", lambda: window.show_about()
    yield "user-guide", lambda: window.show_guide()
    yield "targets", lambda: show(TargetsDialog(ctx, window))
    yield "unlisted-industries", lambda: show(UnlistedIndustriesDialog(ctx, window))
    yield "visit-map", lambda: window.visits_page.open_map()
    yield "first-run", lambda: show(FirstRunDialog(ctx.profile.identity, ctx.reference, ctx.runner))


def _merge_dialog(window, ctx, household):
    """The merge dialog as the station's manager sees it, over a second record of the same family."""
    import dataclasses

    from desktop.domain.records import Household
    from desktop.services.household_merges import HouseholdMergeService
    from desktop.ui.forms.household_merge_dialog import HouseholdMergeDialog
    from sync.domain.vocabulary import Role

    twin = ctx.records.get(Household, "twin-of-the-first") or ctx.records.save(household.with_changes(
        id="twin-of-the-first", phone="13912345679", created_at=None, revision=0))[0]
    manager = dataclasses.replace(ctx.identity, role=Role.STATION_MANAGER)
    return HouseholdMergeDialog(ctx, HouseholdMergeService(ctx.profile.store, manager), household, [twin], window)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNGs")
    parser.add_argument("--report", type=Path)
    parser.add_argument("--lang", nargs="+", default=["zh_CN", "en"])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fieldbook-laptop-"))
    use_laptop_screen(work)
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.domain.records import Household, Visit
    from desktop.profile import open_profile
    from desktop.store.store_key import make_session_key
    from desktop.ui.shell.context import AppContext
    from desktop.ui.shell.i18n import install_language
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.shell.operations import OperationRunner
    from desktop.ui.shell.settings import AppSettings
    from sync.domain.vocabulary import Role

    app = QApplication.instance() or QApplication(sys.argv[:1])
    make_session_key(work / "profile")  # a throwaway profile: no passphrase to ask, no key filed
    profile = open_profile(work / "profile")
    identity, _ = profile.identity.set_up("张伟", Role.SPECIALIST, "commissioner", "WS-001", "150422")
    runner = OperationRunner()
    settings = AppSettings(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    ctx = AppContext.create(profile, identity, runner, settings)
    household, _ = ctx.records.save(Household(name="王建国", phone="13912345678", village_code=VILLAGE,
                                              contact_consent=True, land_mu=30, industries=("肉牛", "玉米", "沙棘")))
    visit, _ = ctx.records.save(Visit(
        visit_date=dt.date.today(), duration_hours=2.5, village_code=VILLAGE, household_ids=(household.id,),
        service_types=("guidance", "policy"), industry="玉米", problem="玉米叶片发黄，下部叶片尤其明显",
        advice="每亩追施尿素10公斤，一周后复查", latitude=43.9812, longitude=119.3905))
    ctx.records.save(Visit(
        visit_date=dt.date.today(), duration_hours=1, village_code=VILLAGE, household_ids=(household.id,),
        service_types=("guidance",), industry="沙棘", problem="沙棘枝条干枯", advice="剪除病枝"))
    for village, latitude, longitude in (("150422100201", 43.9655, 119.4123), ("150422101200", 44.0712, 119.2201),
                                         ("150422102201", 43.8801, 119.5302), ("150422100203", None, None)):
        ctx.records.save(Visit(
            visit_date=dt.date.today(), duration_hours=2, village_code=village, household_ids=(household.id,),
            service_types=("guidance",), industry="肉牛", problem="犊牛腹泻", advice="口服补液盐",
            latitude=latitude, longitude=longitude))
    from desktop.domain.records import DemonstrationBase, DemonstrationProject

    base, _ = ctx.records.save(DemonstrationBase(
        name="林东镇肉牛养殖示范基地", kind="livestock", county_code="150422", township_code=VILLAGE[:9],
        village_code=VILLAGE, industry="肉牛", specialist_id=identity.user_id, year_established=2023, area_mu=120,
        scale="存栏肉牛600头", description="标准化圈舍、全株青贮与犊牛早期断奶示范"))
    ctx.records.save(DemonstrationProject(
        name="玉米密植精准调控高产示范", kind="industry", county_code="150422", industry="玉米",
        specialist_id=identity.user_id, start_year=2025, end_year=2027, area_mu=3000))
    ctx.records.save(visit.with_changes(demonstration_id=base.id))
    args.out.mkdir(parents=True, exist_ok=True)
    report = []
    try:
        for language in args.lang:
            install_language(language)
            window = MainWindow(ctx)
            window.show()
            window.start()
            settle(1.0)
            for name, open_it in dialogs(window, ctx, visit, household):
                widget = open_it()
                settle()
                report.append({"lang": language, **measure(name, widget, args.out / f"{name}-{language}.png")})
                if isinstance(widget, QWidget) and widget is not window:
                    if hasattr(widget, "_dirty"):
                        widget._dirty = False  # noqa: SLF001 - close without the unsaved-input question
                    widget.close()
                    settle(0.1)
            window.close()
            runner.wait_idle()
            settle(0.2)
    finally:
        runner.wait_idle()
        profile.close()
    text = json.dumps(report, ensure_ascii=False, indent=1)
    if args.report:
        args.report.write_text(text)
    for row in report:
        flag = "ok " if row["fits"] and not row["buttons_cut_off"] else "BAD"
        print(f"{flag} {row['lang']:5} {row['name']:24} {row['width']}×{row['height']} {row['buttons_cut_off']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
