"""`fieldbook init` makes a ready profile from nothing, as the first start of the app does."""

from __future__ import annotations

import subprocess
import sys

from tests.store_files import child_env, connect


def test_init_creates_a_migrated_profile_with_reference_data(tmp_path):
    folder = tmp_path / "new profile"
    result = subprocess.run([sys.executable, "-m", "desktop.app", "--profile", str(folder), "init"],
                            capture_output=True, text=True, timeout=120, env=child_env())
    assert result.returncode == 0, result.stderr
    with connect(folder / "fieldbook.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
        assert db.execute("SELECT count(*) FROM divisions WHERE level = 'village'").fetchone() == (14592,)
        assert db.execute("SELECT count(*) FROM stations").fetchone() == (74,)
