"""The README's Linux build block, run as written: PyInstaller builds the one folder, both self-tests
pass, and tar | xz packs it into an archive that unpacks to a working app."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from desktop.store import cipher
from desktop.store.store_key import read_key_file
from tests.readme_blocks import build_block

ROOT = Path(__file__).resolve().parents[2]


def _folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


def _shell(command: str, cwd: Path, env: dict[str, str], timeout: int = 900) -> str:
    done = subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The folder holding the built ``fieldbook/``: built here by the README's build line, as written but
    for the test's own --distpath and --workpath, or one already built named by $FIELDBOOK_PACKAGED_DIST
    (so a build is checked without building it twice)."""
    given = os.environ.get("FIELDBOOK_PACKAGED_DIST")
    if given:
        return Path(given)
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    if not pyinstaller.exists():
        pytest.skip("PyInstaller is not installed (pip install '.[dev]')")
    make_setup, build, *_ = build_block("Linux")
    assert make_setup == "make setup"  # the .venv this test runs in (tests/test_readme_commands.py runs it)
    assert build.startswith(".venv/bin/pyinstaller ") and build.endswith(" build.spec")
    tmp_path = tmp_path_factory.mktemp("build")
    _shell(build.replace(".venv/bin/pyinstaller", str(pyinstaller)) +
           f" --distpath {tmp_path / 'dist'} --workpath {tmp_path / 'work'}", ROOT, dict(os.environ), timeout=1200)
    return tmp_path / "dist"


@pytest.mark.slow
def test_the_readme_linux_build_block_checks_and_packs_the_app(dist, tmp_path):
    _, _, *after = build_block("Linux")
    # The packaged app has no test key store: it runs as on a box without one, on a passphrase; its
    # default profile and the demo's temporary world lie in this test's folder.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "FIELDBOOK_PASSPHRASE": "packaged app 2026", "FIELDBOOK_PROFILE": str(tmp_path / "profile"),
           "TMPDIR": str(tmp_path)}
    outputs = {}
    for command in after:
        outputs[command] = _shell(command.replace("dist/", f"{dist}/").replace("-C dist ", f"-C {dist} "), tmp_path,
                                  env)
    self_test, demo, pack = after
    assert "self-test ok" in outputs[self_test]
    assert "self-test ok (demo as station_manager" in outputs[demo]
    # SQLCipher and argon2 shipped: the store it made is encrypted, under a key from the passphrase.
    assert not cipher.is_plain(tmp_path / "profile" / "fieldbook.db")
    assert read_key_file(tmp_path / "profile")["source"] == "passphrase"

    archive = tmp_path / pack.rsplit("> ", 1)[1]
    assert archive.name == "fieldbook-linux.tar.xz"
    with tarfile.open(archive, "r:xz") as packed:
        names = set(packed.getnames())
        assert {"fieldbook/fieldbook", "fieldbook/_internal"} <= names
        packed.extractall(tmp_path / "unpacked", filter="tar")
    unpacked = subprocess.run([str(tmp_path / "unpacked" / "fieldbook" / "fieldbook"), "--version"],
                              capture_output=True, text=True, timeout=120, env=env)
    assert unpacked.returncode == 0 and unpacked.stdout.startswith("fieldbook "), unpacked.stdout + unpacked.stderr
    size_mb = _folder_size(dist / "fieldbook") / 2**20
    print(f"packaged app: {size_mb:.0f} MB on disk, {archive.stat().st_size / 2**20:.0f} MB as tar.xz")


QT = Path("_internal", "PySide6", "Qt")
#: Plugins the app loads: X11 and offscreen windows, JPEG photos, the SVG icon, input methods.
REQUIRED = ["plugins/platforms/libqxcb.so", "plugins/platforms/libqoffscreen.so", "plugins/imageformats/libqjpeg.so",
            "plugins/imageformats/libqsvg.so", "plugins/iconengines/libqsvgicon.so",
            "plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
            "plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
            "plugins/xcbglintegrations/libqxcb-glx-integration.so",
            "translations/qtbase_zh_CN.qm"]
#: Left out: Wayland (Xwayland serves), Qt's TLS (sync uses Python's ssl), kiosk input, portal theme, unused
#: images, and Qt's network library with its plugins and Kerberos (the online light is the server's answer).
EXCLUDED = ["plugins/platforms/libqwayland.so", "plugins/wayland-shell-integration", "plugins/tls",
            "plugins/generic", "plugins/platformthemes", "plugins/imageformats/libqgif.so",
            "plugins/imageformats/libqtiff.so", "plugins/imageformats/libqwebp.so", "plugins/imageformats/libqico.so",
            "lib/libQt6WaylandClient.so.6", "lib/libQt6EglFSDeviceIntegration.so.6", "lib/libQt6Qml.so.6",
            "lib/libQt6Network.so.6", "plugins/networkinformation"]


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux build's layout")
def test_the_package_ships_the_qt_parts_the_app_loads_and_leaves_out_the_others(dist):
    qt = dist / "fieldbook" / QT
    assert [p for p in REQUIRED if not (qt / p).exists()] == []
    assert [p for p in EXCLUDED if (qt / p).exists()] == []
    # Qt's own translations: only Chinese (English is the source language).
    assert sorted(p.name for p in (qt / "translations").glob("*.qm")) == ["qt_zh_CN.qm", "qtbase_zh_CN.qm"]
    assert (dist / "fieldbook" / "_internal" / "resources" / "translations" / "fieldbook_zh_CN.qm").exists()
    internal = dist / "fieldbook" / "_internal"
    for module in ("tkinter", "unittest", "pydoc_data", "_pytest", "setuptools"):
        assert not (internal / module).exists(), module
    assert list(internal.rglob("QtNetwork*")) == [] and list(internal.glob("libgssapi_krb5*")) == []


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ICU's data ships as a library on Linux only")
def test_the_package_carries_icu_data_for_chinese_and_english_only(dist):
    from tools.trim_icu import tools_missing

    if tools_missing():
        pytest.skip("ICU's tools are not installed here (apt-get install icu-devtools gcc): the data ships whole")
    icu = next((dist / "fieldbook" / QT / "lib").glob("libicudata.so.*"))
    assert icu.stat().st_size < 12 * 2**20  # the whole of it is 31 MB
    # A guard against regrowth at today's size (138 MiB; it was 181 MB); the budget is 120 MB.
    assert _folder_size(dist / "fieldbook") < 142 * 2**20
