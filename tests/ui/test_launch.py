"""Starting the app: the self-test, and a clear message when Qt's system libraries are missing."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop.ui.shell import launch


def test_self_test_opens_the_window_offscreen_checks_the_store_and_exits_0(profile_dir, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # QSettings of this run stay in the test's folder
    result = subprocess.run([sys.executable, "-m", "desktop.app", "--self-test", "--profile", str(profile_dir)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "self-test ok" in result.stdout and "store integrity ok" in result.stdout
    assert "platform offscreen" in result.stdout


def test_self_test_fails_on_a_corrupt_store(profile_dir, tmp_path):
    db = profile_dir / "fieldbook.db"
    data = bytearray(db.read_bytes())
    data[4096 * 3: 4096 * 3 + 2048] = b"\xff" * 2048  # scribble over a b-tree page
    db.write_bytes(bytes(data))
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    result = subprocess.run([sys.executable, "-m", "desktop.app", "--self-test", "--profile", str(profile_dir)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode != 0
    assert "self-test FAILED" in result.stdout and "integrity" in result.stdout


def test_missing_xcb_libraries_are_named_as_debian_packages(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(launch.ctypes.util, "find_library", lambda name: None if name == "xcb-cursor" else "lib.so")
    missing = launch.missing_system_packages()
    assert missing == ["libxcb-cursor0"]
    text = launch.platform_help(missing)
    assert "apt-get install" in text and "libxcb-cursor0" in text and "fonts-noto-cjk" in text
