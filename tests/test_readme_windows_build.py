"""The README's Windows build block cannot run on this machine, so each of its lines is checked against
what it names: the Python it asks for, the extra it installs, the spec and PyInstaller flags it
uses, the folder and program the spec makes, and the app's own flag. A new line fails the test."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.specifiers import SpecifierSet

from tests.readme_blocks import build_block

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _spec_names() -> set[str]:
    """The names the spec gives the program (EXE) and its folder (COLLECT)."""
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    return set(re.findall(r'(?:EXE|COLLECT)\(.*?name="([^"]+)"', spec, re.S))


def _pyinstaller_flags() -> str:
    return subprocess.run([str(BIN / "pyinstaller"), "--help"], capture_output=True, text=True, check=True,
                          timeout=120).stdout


def _app_flags() -> str:
    return subprocess.run([sys.executable, "-m", "desktop", "--help"], capture_output=True, text=True, check=True,
                          timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}).stdout


def check_venv(line: str) -> None:
    version = re.fullmatch(r"py -(3\.\d+) -m venv \.venv", line).group(1)
    assert version in SpecifierSet(_project()["project"]["requires-python"])


def check_install(line: str) -> None:
    extra = re.fullmatch(r'\.venv\\Scripts\\python -m pip install -e "\.\[(\w+)\]"', line).group(1)
    wanted = _project()["project"]["optional-dependencies"][extra]
    assert any(r.startswith("pyinstaller") for r in wanted), f"the {extra} extra does not bring PyInstaller"


def check_build(line: str) -> None:
    found = re.fullmatch(r"\.venv\\Scripts\\pyinstaller ((?:--[a-z-]+ )*)(\S+)", line)
    flags, spec = found.group(1).split(), found.group(2)
    assert (ROOT / spec).is_file()
    known = _pyinstaller_flags()
    assert [f for f in flags if not re.search(rf"(^|[ ,]){re.escape(f)}\b", known)] == []


def check_self_test(line: str) -> None:
    folder, program, flag = re.fullmatch(r"dist\\(\w+)\\(\w+)\.exe (--[a-z-]+)", line).groups()
    assert {folder, program} <= _spec_names()
    assert flag in _app_flags()


def check_archive(line: str) -> None:
    folder, archive = re.fullmatch(r"Compress-Archive dist\\(\w+) (\S+\.zip)", line).groups()
    assert folder in _spec_names() and archive.endswith("-windows.zip")


CHECKS = {"py -": check_venv, ".venv\\Scripts\\python -m pip": check_install,
          ".venv\\Scripts\\pyinstaller": check_build, "dist\\": check_self_test, "Compress-Archive": check_archive}


def test_every_line_of_the_windows_build_block_names_what_exists():
    lines = build_block("Windows")
    assert len(lines) == 5, lines
    for line in lines:
        [check] = [c for prefix, c in CHECKS.items() if line.startswith(prefix)] or [None]
        assert check is not None, f"no check for the README's Windows line {line!r}"
        check(line)
