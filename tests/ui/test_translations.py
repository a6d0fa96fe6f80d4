"""The Chinese translation is complete, current with the source, and compiled into the .qm."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "fieldbook_zh_CN.ts"
QM = TS.with_suffix(".qm")
sys.path.insert(0, str(ROOT / "tools"))
import update_translations  # noqa: E402


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name"), m.findtext("source"), m)
            for ctx in root.iter("context") for m in ctx.iter("message")]


def unfinished(ts: Path) -> list[str]:
    bad = []
    for context, source, message in messages(ts):
        translation = message.find("translation")
        state = translation.get("type")
        text = "".join(translation.itertext()).strip()
        if state in ("unfinished", "vanished", "obsolete") or not text:
            bad.append(f"{context}: {source!r} ({state or 'empty'})")
    return bad


def test_every_chinese_string_is_translated():
    assert unfinished(TS) == []


@pytest.mark.parametrize("ts", [TS, TS.with_name("fieldbook_en.ts")], ids=["zh_CN", "en plurals"])
def test_the_translation_covers_every_string_in_the_source(tmp_path, ts):
    """Run lupdate on today's source into a copy: a new or changed string would come out unfinished."""
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    update_translations.lupdate(copy, keep_obsolete=True)
    assert unfinished(copy) == [], "run tools/update_translations.py and translate the new strings"


def test_the_compiled_qm_matches_the_ts(qapp):
    translator = QTranslator()
    assert translator.load(str(QM)), "resources/translations/fieldbook_zh_CN.qm is missing"
    stale = []
    for context, source, message in messages(TS):
        translation = message.find("translation")
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        got = translator.translate(context, source, None, 1 if message.get("numerus") else -1)
        if got != forms[0]:
            stale.append(f"{context}: {source!r} -> {got!r}")
    assert stale == [], "the .qm is older than the .ts: run tools/update_translations.py"


@pytest.mark.parametrize("source", ["This field is required.", "On site"])
def test_core_strings_marked_outside_qt_are_translated(qapp, source):
    translator = QTranslator()
    translator.load(str(QM))
    context = "Validation" if source.startswith("This") else "Vocabulary"
    assert translator.translate(context, source) not in ("", source)


def test_qt_ships_its_own_chinese_for_standard_buttons():
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_zh_CN.qm").is_file()


def test_lupdate_tool_is_available():
    lupdate = update_translations.tool("pyside6-lupdate")
    assert subprocess.run([lupdate, "-version"], capture_output=True).returncode == 0


EN_TS = TS.with_name("fieldbook_en.ts")


def test_every_counted_string_reads_as_a_sentence_in_english():
    """No "(s)" left in English: each plural has its singular and plural form, and none is unfinished."""
    assert unfinished(EN_TS) == []
    plurals = [(source, [f.text for f in m.find("translation").findall("numerusform")])
               for _c, source, m in messages(EN_TS)]
    assert len(plurals) >= 20
    assert [(s, forms) for s, forms in plurals if len(forms) != 2 or any("(s)" in f for f in forms)] == []


def test_the_english_ui_counts_in_sentences(qapp):
    from PySide6.QtCore import QCoreApplication

    from desktop.ui.shell.i18n import install_language

    try:
        install_language("en")
        say = QCoreApplication.translate
        assert say("SyncStatusBar", "%n conflict(s)", "", 1) == "1 conflict"
        assert say("SyncStatusBar", "%n conflict(s)", "", 2) == "2 conflicts"
        assert say("SyncMessages", "%n change(s) were refused by the server: see Conflicts.", "", 1) == \
            "1 change was refused by the server: see Conflicts."
        assert say("TrainingForm", "Total: %n person(s)", "", 3) == "Total: 3 people"
    finally:
        install_language("zh_CN")


def test_qt_s_own_dialogs_speak_chinese_in_the_chinese_ui(qapp):
    from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton

    from desktop.ui.shell.i18n import install_language

    install_language("zh_CN")
    box = QMessageBox(QMessageBox.Icon.Question, "标题", "正文",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
    assert (box.button(QMessageBox.StandardButton.Save).text(),
            box.button(QMessageBox.StandardButton.Cancel).text()) == ("保存", "取消")
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["fileNameLabel"] == "文件名称(&N)："
    assert {button.text() for button in dialog.findChildren(QPushButton)} >= {"打开(&O)", "取消"}
    try:
        install_language("en")
        assert QMessageBox(QMessageBox.Icon.Question, "t", "t", QMessageBox.StandardButton.Save).button(
            QMessageBox.StandardButton.Save).text() == "Save"
    finally:
        install_language("zh_CN")
