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


@pytest.mark.slow
def test_the_readme_linux_build_block_builds_checks_and_packs_the_app(tmp_path):
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    if not pyinstaller.exists():
        pytest.skip("PyInstaller is not installed (pip install '.[dev]')")
    make_setup, build, *after = build_block("Linux")
    assert make_setup == "make setup"  # the .venv this test runs in (tests/test_readme_commands.py runs it)
    assert build.startswith(".venv/bin/pyinstaller ") and build.endswith(" build.spec")
    dist = tmp_path / "dist"
    # The folders the build writes are the test's own: --distpath and --workpath, nothing else added.
    _shell(build.replace(".venv/bin/pyinstaller", str(pyinstaller)) +
           f" --distpath {dist} --workpath {tmp_path / 'build'}", ROOT, dict(os.environ), timeout=1200)
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
