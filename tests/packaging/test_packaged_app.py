"""The PyInstaller one-folder build starts and passes its own self-test (as a county IT officer would check)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store import cipher
from desktop.store.store_key import read_key_file

ROOT = Path(__file__).resolve().parents[2]


def _folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())


@pytest.mark.slow
def test_the_packaged_app_passes_its_self_test_and_runs_the_demo(tmp_path):
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    if not pyinstaller.exists():
        pytest.skip("PyInstaller is not installed (pip install '.[dev]')")
    build = subprocess.run(
        [str(pyinstaller), "--noconfirm", "--clean", "--distpath", str(tmp_path / "dist"),
         "--workpath", str(tmp_path / "build"), str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=1200,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    app = tmp_path / "dist" / "fieldbook" / ("fieldbook.exe" if os.name == "nt" else "fieldbook")
    # The packaged app has no test key store: it runs as on a box without one, on a passphrase.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "FIELDBOOK_PASSPHRASE": "packaged app 2026"}
    result = subprocess.run([str(app), "--self-test", "--profile", str(tmp_path / "profile")],
                            capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test ok" in result.stdout
    assert (tmp_path / "profile" / "fieldbook.db").exists()
    # SQLCipher and argon2 shipped: the store it made is encrypted, under a key from the passphrase.
    assert not cipher.is_plain(tmp_path / "profile" / "fieldbook.db")
    assert read_key_file(tmp_path / "profile")["source"] == "passphrase"
    demo = subprocess.run([str(app), "--demo", "--demo-as", "specialist", "--self-test"],
                          capture_output=True, text=True, timeout=300, env={**env, "TMPDIR": str(tmp_path)})
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "self-test ok (demo as specialist" in demo.stdout
    size_mb = _folder_size(tmp_path / "dist" / "fieldbook") / 2**20
    print(f"packaged app: {size_mb:.0f} MB on disk")
