"""`fieldbook init` makes a ready profile from nothing, as the first start of the app does."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from desktop.store.engine import SCHEMA_HEAD


def test_init_creates_a_migrated_profile_with_reference_data(tmp_path):
    folder = tmp_path / "new profile"
    result = subprocess.run([sys.executable, "-m", "desktop.app", "--profile", str(folder), "init"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(folder / "fieldbook.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
        assert db.execute("SELECT count(*) FROM divisions WHERE level = 'village'").fetchone() == (14592,)
        assert db.execute("SELECT count(*) FROM stations").fetchone() == (74,)


def test_version_prints_the_installed_version():
    from importlib.metadata import version

    result = subprocess.run([sys.executable, "-m", "desktop.app", "--version"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"fieldbook {version('fieldbook')}"
