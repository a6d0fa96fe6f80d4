"""`fieldbook init` makes a ready profile from nothing, as the first start of the app does."""

from __future__ import annotations

import subprocess
import sys

from desktop.store.engine import SCHEMA_HEAD
from tests.store_files import child_env, connect


def test_init_creates_a_migrated_profile_with_reference_data(tmp_path):
    folder = tmp_path / "new profile"
    result = subprocess.run([sys.executable, "-m", "desktop.app", "--profile", str(folder), "init"],
                            capture_output=True, text=True, timeout=120, env=child_env())
    assert result.returncode == 0, result.stderr
    with connect(folder / "fieldbook.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
        assert db.execute("SELECT count(*) FROM divisions WHERE level = 'village'").fetchone() == (14592,)
        assert db.execute("SELECT count(*) FROM stations").fetchone() == (74,)


def test_without_a_key_store_the_commands_take_the_passphrase_from_stdin_and_refuse_a_wrong_one(tmp_path):
    folder = tmp_path / "office"
    env = {**child_env(), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    env.pop("FIELDBOOK_PASSPHRASE", None)

    def fieldbook(passphrase: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop.app", "--passphrase-stdin", "--profile", str(folder),
                               *args], input=passphrase + "\n", capture_output=True, text=True, timeout=300, env=env)

    made = fieldbook("乡镇办公室的密码", "init")
    assert made.returncode == 0, made.stderr
    assert '"source": "passphrase"' in (folder / "fieldbook.key").read_text()
    wrong = fieldbook("not the passphrase", "init")
    assert wrong.returncode == 6 and "does not open the data folder" in wrong.stderr
    again = fieldbook("乡镇办公室的密码", "init")
    assert again.returncode == 0, again.stderr


def test_version_prints_the_installed_version():
    from importlib.metadata import version

    result = subprocess.run([sys.executable, "-m", "desktop.app", "--version"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"fieldbook {version('fieldbook')}"
