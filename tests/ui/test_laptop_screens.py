"""Every window fits a 1366×768 laptop with a taskbar: buttons on screen, forms scrolling, both languages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


from desktop.domain.records import Training, Visit
from desktop.ui.widgets.screen_fit import TITLE_BAR

ROOT = Path(__file__).resolve().parents[2]


def test_a_record_form_never_opens_taller_than_the_screen_and_keeps_its_buttons_in_view(qtbot, window, settle):
    area = window.screen().availableGeometry()
    for cls in (Visit, Training):
        form = window.forms.new_record(cls)
        form.request_save()  # every field named: the tallest the form gets
        settle()
        assert form.frameGeometry().height() + TITLE_BAR <= area.height()
        body = form.scroll.widget()  # nothing squeezed: what does not fit is reached by scrolling
        qtbot.waitUntil(lambda: body.height() >= body.minimumSizeHint().height(), timeout=2000)
        for button in (form.save_button, form.submit_button, form.close_button):
            top_left = button.mapTo(form, button.rect().topLeft())
            assert form.rect().contains(button.rect().translated(top_left)), button.text()
        form._dirty = False  # noqa: SLF001 - no prompt on closing
        form.close()


def test_every_dialog_fits_a_laptop_screen_in_both_languages(tmp_path):
    """The real app on a 1366×728 offscreen screen (768 less the taskbar), in a process of its own."""
    report = tmp_path / "report.json"
    subprocess.run([sys.executable, str(ROOT / "tools" / "laptop_screenshots.py"), "--out", str(tmp_path),
                    "--report", str(report)], cwd=ROOT, check=True, capture_output=True, timeout=240)
    rows = json.loads(report.read_text())
    assert {r["lang"] for r in rows} == {"zh_CN", "en"} and len(rows) >= 30
    bad = [(r["lang"], r["name"], r["width"], r["height"], r["buttons_cut_off"]) for r in rows
           if not r["fits"] or r["buttons_cut_off"]]
    assert bad == []
    assert all(Path(r["png"]).stat().st_size > 0 for r in rows)
