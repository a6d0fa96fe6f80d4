"""``fieldbook backup`` and ``fieldbook restore`` run as separate processes, then the app's own self-test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.store.store import DB_NAME
from tests.factories import household, visit
from tests.store_files import BACKUP_PASSPHRASE, child_env

REPO = Path(__file__).resolve().parents[2]


def fieldbook(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in child_env().items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["FIELDBOOK_BACKUP_PASSPHRASE"] = BACKUP_PASSPHRASE
    return subprocess.run([sys.executable, "-m", "desktop.app", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_a_backup_made_headless_restores_into_a_new_folder_that_passes_the_self_test(records, profile, tmp_path):
    h, _ = records.save(household())
    records.save(visit(household_ids=(h.id,)))
    usb = tmp_path / "usb"
    usb.mkdir()

    made = fieldbook("backup", usb, "--profile", profile.folder)
    assert made.returncode == 0, made.stderr
    [backup] = usb.glob("fieldbook-backup-*.fbk")
    assert str(backup) in made.stdout and "1 visits" in made.stdout and "1 households" in made.stdout

    restored = fieldbook("restore", backup, "--profile", tmp_path / "new-laptop")
    assert restored.returncode == 0, restored.stderr
    assert "restored into" in restored.stdout and "sign in and sync" in restored.stdout

    checked = fieldbook("--profile", tmp_path / "new-laptop", "--self-test")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "self-test ok: store integrity ok, 1 visits, 0 trainings, 1 households" in checked.stdout


def test_a_damaged_file_or_a_folder_in_use_is_refused_with_a_message_and_an_exit_code(records, profile, tmp_path):
    records.save(household())
    made = fieldbook("backup", tmp_path / "b.fbk", "--profile", profile.folder)
    assert made.returncode == 0, made.stderr
    truncated = tmp_path / "cut.fbk"
    truncated.write_bytes((tmp_path / "b.fbk").read_bytes()[:3000])

    refused = fieldbook("restore", truncated, "--profile", tmp_path / "new-laptop")
    assert refused.returncode == 2
    assert "damaged or incomplete" in refused.stderr and "Nothing was changed" in refused.stderr
    assert not (tmp_path / "new-laptop" / DB_NAME).exists()

    in_use = fieldbook("restore", tmp_path / "b.fbk", "--profile", profile.folder)
    assert in_use.returncode == 5 and "already holds records" in in_use.stderr
    assert fieldbook("backup", tmp_path / "x.fbk", "--profile", tmp_path / "nowhere").returncode == 3
