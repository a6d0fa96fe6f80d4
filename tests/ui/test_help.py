"""帮助 → 用户指南 opens a short guide inside the app, offline, in the UI's language."""

from __future__ import annotations

import re

import pytest

from desktop.ui.shell.help_dialog import HelpDialog, guide_path
from desktop.ui.shell.i18n import install_language
from desktop.ui.shell.main_window import MainWindow


def _guide_action(window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and "帮助" in a.text())
    return next(a for a in help_menu.actions() if "指南" in a.text())


def test_the_help_menu_opens_the_chinese_guide(qtbot, window):
    action = _guide_action(window)
    assert action.text() == "用户指南(&U)"
    action.trigger()
    dialog = window.findChildren(HelpDialog)[-1]
    assert dialog.isVisible() and dialog.windowTitle() == "用户指南"
    text = dialog.browser.toPlainText()
    assert "记录一次服务" in text and "rouniu" in text and "未配置服务器" in text
    dialog.close()


def test_the_english_ui_opens_the_english_guide(qtbot, ctx, settle):
    install_language("en")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    dialog = window.show_guide()
    assert dialog.windowTitle() == "User guide"
    assert "Record a visit" in dialog.browser.toPlainText()
    dialog.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_each_guide_is_offline_and_its_links_all_land(language):
    html = guide_path(language).read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(link.startswith("#") for link in links)  # nothing to fetch
    anchors = set(re.findall(r'name="([^"]+)"', html))
    assert {link[1:] for link in links} <= anchors
    assert not re.search(r"(src|href)=\"(https?:|//)", html)


def test_the_two_guides_have_the_same_sections():
    sections = [re.findall(r'<h2 id="([^"]+)"', guide_path(lang).read_text(encoding="utf-8"))
                for lang in ("zh_CN", "en")]
    assert sections[0] == sections[1] and len(sections[0]) >= 6
