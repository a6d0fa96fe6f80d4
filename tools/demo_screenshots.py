"""Screenshots of the demo for the README: every page as the specialist and as the station manager, and the map.

    .venv/bin/python tools/demo_screenshots.py [--lang zh_CN|en] [--out docs/screenshots]

Runs offscreen (or on the display given by $DISPLAY, e.g. under xvfb-run); needs fonts-noto-cjk for
Chinese. The demo's data is seeded, so the pictures change only when the app or the demo change.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZE = (1280, 800)


def settle(seconds: float = 1.5) -> None:
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    from PySide6.QtWidgets import QApplication

    from desktop.ui.shell.context import AppContext
    from desktop.demo.launch import DemoChooser, build_with_progress, demo_settings
    from desktop.ui.shell.i18n import install_language
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.shell.operations import OperationRunner
    from desktop.domain.records import Visit
    from sync.domain.vocabulary import Role

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_language(args.lang)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.lang == "zh_CN" else "-en"
    chooser = DemoChooser()
    chooser.show()
    settle(0.5)
    chooser.grab().save(str(args.out / f"demo-chooser{suffix}.png"))
    chooser.close()
    world = build_with_progress()
    runner = OperationRunner()
    try:
        for role, who in ((Role.SPECIALIST, "specialist"), (Role.STATION_MANAGER, "manager")):
            laptop = world.laptop(role)
            ctx = AppContext.create(laptop.profile, laptop.identity, runner, demo_settings(world, args.lang))
            ctx.sync, ctx.demo = laptop.sync, True
            window = MainWindow(ctx)
            window.resize(*SIZE)
            window.show()
            window.start()
            settle(2.5)
            for page in ("review", "statistics") if who == "manager" else ("visits", "households", "review"):
                window.show_page(page)
                settle(3.0)
                window.grab().save(str(args.out / f"{who}-{page}{suffix}.png"))
            if who == "specialist":
                window.show_page("visits")
                settle(0.5)
                opened = []
                window.forms.form_opened.connect(opened.append)
                window.forms.open_record(Visit, laptop.visits[0])  # the first visit has a photo
                settle(2.0)
                form = opened[0]
                form.grab().save(str(args.out / f"specialist-visit-form{suffix}.png"))
                form.close()
                conflicts = window.sync.open_conflicts()  # the demo's two: who made the other change, and when
                settle(2.0)
                conflicts.grab().save(str(args.out / f"specialist-conflicts{suffix}.png"))
                conflicts.close()
                county_map = window.visits_page.open_map()  # the demo's visits carry GPS positions
                settle(2.5)
                county_map.grab().save(str(args.out / f"specialist-map{suffix}.png"))
                county_map.close()
            window.close()
            runner.wait_idle()
            settle(0.3)
    finally:
        runner.wait_idle()
        world.close()
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
