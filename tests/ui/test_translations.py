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


def test_the_translation_covers_every_string_in_the_source(tmp_path):
    """Run lupdate on today's source into a copy: a new or changed string would come out unfinished."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
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
