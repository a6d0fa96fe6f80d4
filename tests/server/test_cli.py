"""The fieldbook-server command: administration with clear messages and exit codes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from sync.protocol import LoginRequest
from sync.server.services import auth, reference_import
from sync.server.store import migrate
from sync.server.store.database import Database

from .conftest import REPO, server_command
from .support import PASSWORD, run_in_process


@pytest.fixture
def local_db(tmp_path: Path, capsys, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'admin.db'}"
    assert run_in_process(capsys, monkeypatch, "db", "upgrade", "--db", url)[0] == 0
    assert run_in_process(capsys, monkeypatch, "station", "add", "WS-9", "测试站", "--county", "150125",
                          "--db", url)[0] == 0
    return url


def test_user_add_reads_the_password_from_stdin_and_the_user_can_log_in(local_db: str, capsys, monkeypatch):
    added = subprocess.run(server_command("user", "add", "clitester", "--display-name", "乌云", "--role",
                                          "specialist", "--station", "WS-9", "--db", local_db),
                           cwd=REPO, input=PASSWORD + "\n", capture_output=True, text=True, timeout=60)
    assert added.returncode == 0, added.stderr
    assert PASSWORD not in added.stdout + added.stderr
    db = Database(local_db)
    try:
        response = auth.login(db, LoginRequest(username="clitester", password=PASSWORD, device_id="cli-laptop",
                                               device_name="Wuyun's laptop"))
    finally:
        db.dispose()
    assert response.display_name == "乌云" and response.station_id == "WS-9"
    status, out, _ = run_in_process(capsys, monkeypatch, "device", "list", "--user", "clitester", "--db", local_db)
    assert status == 0 and out.startswith("cli-laptop\tclitester\tWuyun's laptop\t") and out.rstrip().endswith("active")


def test_users_are_listed_with_role_and_area(local_db: str, capsys, monkeypatch):
    for args in (("user", "add", "wuyun", "--display-name", "乌云", "--role", "specialist", "--station", "WS-9"),
                 ("user", "add", "chief", "--display-name", "Chief", "--role", "county_admin", "--county", "150125")):
        assert run_in_process(capsys, monkeypatch, *args, "--db", local_db, stdin=PASSWORD)[0] == 0
    status, out, _ = run_in_process(capsys, monkeypatch, "user", "list", "--db", local_db)
    assert status == 0
    assert [line.split("\t")[:3] for line in out.splitlines()] == [["chief", "county_admin", "150125"],
                                                                   ["wuyun", "specialist", "WS-9"]]


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (("user", "add", "x1", "--display-name", "X", "--role", "specialist"), PASSWORD, "--station"),
    (("user", "add", "x2", "--display-name", "X", "--role", "specialist", "--station", "NOPE"), PASSWORD,
     "no station 'NOPE'"),
    (("user", "add", "x3", "--display-name", "X", "--role", "county_admin", "--county", "15"), PASSWORD, "6-digit"),
    (("user", "add", "x4", "--display-name", "X", "--role", "specialist", "--station", "WS-9"), "short", "password"),
    (("user", "add", "x5", "--display-name", "X", "--role", "specialist", "--station", "WS-9"), "", "no password"),
    (("user", "set-station", "nobody-at-all", "WS-9"), "", "no user"),
    (("user", "set-role", "nobody-at-all", "region_admin"), "", "no user"),
    (("device", "revoke", "no-such-device"), "", "no device"),
    (("station", "add", "WS-X", "Name", "--county", "abc"), "", "6 digits"),
])
def test_bad_administration_requests_fail_with_a_message_and_status_1(local_db, capsys, monkeypatch, args, stdin,
                                                                       message):
    status, _, err = run_in_process(capsys, monkeypatch, *args, "--db", local_db, stdin=stdin)
    assert status == 1 and message in err and err.startswith("fieldbook-server: error: ")


def test_an_unsupported_database_url_is_named_in_the_error(capsys, monkeypatch):
    status, _, err = run_in_process(capsys, monkeypatch, "user", "list", "--db", "mysql://root@localhost/x")
    assert status == 1 and "unsupported database 'mysql'" in err


def test_usage_errors_exit_with_status_2(local_db, capsys, monkeypatch):
    status, _, err = run_in_process(capsys, monkeypatch, "user", "add", "x", "--display-name", "X", "--role",
                                    "emperor", "--db", local_db)
    assert status == 2 and "invalid choice" in err


def test_commands_on_an_uninitialised_database_say_to_upgrade_first(tmp_path: Path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    status, _, err = run_in_process(capsys, monkeypatch, "user", "list", "--db", url)
    assert status == 1 and "db upgrade" in err
    assert run_in_process(capsys, monkeypatch, "db", "upgrade", "--db", url)[0] == 0
    assert run_in_process(capsys, monkeypatch, "user", "list", "--db", url)[0] == 0


def test_import_reference_loads_stations_and_a_second_import_changes_nothing(local_db, tmp_path, capsys,
                                                                             monkeypatch):
    (tmp_path / "stations.json").write_text(json.dumps([
        {"code": "WS-001", "name": "晟源山茶科技特派员专家工作站", "league_code": "1501", "county_code": "150125",
         "industries": ["茶叶"], "expert_count": 1, "source": "附件2 row 1"},
        {"code": "WS-002", "name": "赛罕区工作站", "league_code": "1501", "county_code": "150105",
         "industries": [], "expert_count": 12, "source": "附件2 row 2"}]), encoding="utf-8")
    first = run_in_process(capsys, monkeypatch, "import-reference", "--dir", str(tmp_path), "--db", local_db)
    second = run_in_process(capsys, monkeypatch, "import-reference", "--dir", str(tmp_path), "--db", local_db)
    assert first[0] == 0 and "2 added or changed" in first[1]
    assert second[0] == 0 and "0 added or changed" in second[1]
    assert "WS-002\t150105\t赛罕区工作站" in run_in_process(capsys, monkeypatch, "station", "list", "--db", local_db)[1]
    (tmp_path / "stations.json").write_text('[{"code": "WS-003", "county_code": "1501"}]')
    status, _, err = run_in_process(capsys, monkeypatch, "import-reference", "--dir", str(tmp_path), "--db", local_db)
    assert status == 1 and "entry 1" in err


def test_the_shipped_reference_data_imports_cleanly(local_db, capsys, monkeypatch):
    status, out, err = run_in_process(capsys, monkeypatch, "import-reference", "--db", local_db)
    if status == 1 and "no stations.json" in err:
        pytest.skip("resources/reference/stations.json is not generated yet")
    assert status == 0, err
    assert int(out.split()[0]) >= 74


def test_set_role_and_new_epoch_give_devices_a_new_epoch(local_db: str, capsys, monkeypatch):
    assert run_in_process(capsys, monkeypatch, "user", "add", "nara", "--display-name", "Nara", "--role",
                          "specialist", "--station", "WS-9", "--db", local_db, stdin=PASSWORD)[0] == 0
    db = Database(local_db)
    try:
        def epoch() -> str:
            return auth.login(db, LoginRequest(username="nara", password=PASSWORD, device_id="nara-laptop",
                                               device_name="laptop")).server_epoch
        first = epoch()
        status, out, _ = run_in_process(capsys, monkeypatch, "user", "set-role", "nara", "county_admin",
                                        "--county", "150125", "--db", local_db)
        assert status == 0 and "pull again" in out
        promoted = epoch()
        assert run_in_process(capsys, monkeypatch, "db", "new-epoch", "--db", local_db)[0] == 0
        restored = epoch()
    finally:
        db.dispose()
    assert len({first, promoted, restored}) == 3
    assert first.split(".")[0] == promoted.split(".")[0] != restored.split(".")[0]


def test_the_first_start_imports_reference_data_only_into_an_empty_server(tmp_path: Path, local_db: str):
    (tmp_path / "stations.json").write_text(json.dumps([
        {"code": "WS-001", "name": "站", "league_code": "1501", "county_code": "150125", "industries": []}]))
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    existing = Database(local_db)
    try:
        migrate.upgrade(fresh)
        assert reference_import.import_if_empty(fresh, tmp_path) == reference_import.ImportSummary(1, 1)
        assert reference_import.import_if_empty(fresh, tmp_path) is None
        assert reference_import.import_if_empty(existing, tmp_path) is None
    finally:
        fresh.dispose()
        existing.dispose()
