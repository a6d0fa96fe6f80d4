"""Refresh the UI translations: pyside6-lupdate over desktop/ into resources/translations/*.ts, then
pyside6-lrelease into the .qm files the app loads. Run after changing any user-visible string:

    .venv/bin/python tools/update_translations.py

New or changed strings come out "unfinished" in the .ts; translate them (Qt Linguist or an editor)
and run this again. tests/ui/test_translations.py fails until every string is translated.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")
#: English is the source language; its .ts holds only the plural forms ("%n conflict(s)" becomes
#: "1 conflict" and "2 conflicts"), filled in from the source below unless someone wrote them.
PLURAL_ONLY = ("en",)
#: Where user-visible strings live: the UI (self.tr) and the Qt-free core (QT_TRANSLATE_NOOP).
SOURCE_DIRS = ("desktop/ui", "desktop/domain", "desktop/services", "desktop/demo", "sync/domain")


def tool(name: str) -> str:
    """The PySide6 tool next to this Python (the venv), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found; install PySide6 (pyside6-essentials)")
    return found


def source_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.py"))


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"fieldbook_{language}.ts"


def lupdate(ts_file: Path, *, keep_obsolete: bool = False) -> None:
    args = [tool("pyside6-lupdate"), *source_files(), "-locations", "none", "-source-language", "en",
            "-target-language", ts_file.stem.split("_", 1)[1]]
    if not keep_obsolete:
        args.append("-no-obsolete")
    if ts_file.stem.split("_", 1)[1] in PLURAL_ONLY:
        args.append("-pluralonly")
    subprocess.run([*args, "-ts", str(ts_file)], cwd=ROOT, check=True, capture_output=True)


def english_plurals(source: str) -> tuple[str, str]:
    """The singular and plural sentence of an English source written with "(s)": "%n change(s) were
    refused" -> ("%n change was refused", "%n changes were refused")."""
    singular = source.replace("person(s)", "person").replace("(s)", "").replace(" were ", " was ")
    plural = source.replace("person(s)", "people").replace("(s)", "s")
    return singular, plural


_UNFINISHED_NUMERUS = re.compile(
    r'(<message numerus="yes">\s*<source>([^<]*)</source>\s*(?:<(extra|translator)?comment>[^<]*</\3?comment>\s*)*)'
    r'<translation type="unfinished">(?:\s|<numerusform>[^<]*</numerusform>)*</translation>')


def fill_english_plurals(ts_file: Path) -> None:
    text = ts_file.read_text(encoding="utf-8")

    def filled(match: re.Match) -> str:
        singular, plural = english_plurals(html.unescape(match.group(2)))
        forms = "".join(f"<numerusform>{escape(f)}</numerusform>" for f in (singular, plural))
        return f"{match.group(1)}<translation>{forms}</translation>"

    ts_file.write_text(_UNFINISHED_NUMERUS.sub(filled, text), encoding="utf-8")


def lrelease(ts_file: Path) -> Path:
    qm_file = ts_file.with_suffix(".qm")
    subprocess.run([tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)], cwd=ROOT, check=True,
                   capture_output=True)
    return qm_file


def main() -> int:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts_file = ts_path(language)
        lupdate(ts_file)
        if language in PLURAL_ONLY:
            fill_english_plurals(ts_file)
        print(f"updated {ts_file.relative_to(ROOT)}; wrote {lrelease(ts_file).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
